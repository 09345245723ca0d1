"""Filters that enforce roles per router, so no handler has to remember to check, and the
text checks of the hot path.

Every filter here is a coroutine: aiogram runs a synchronous filter (a MagicFilter such as
``F.text``) in a worker thread, one thread hand-off per filter per update.
"""

from __future__ import annotations

from typing import Any

from aiogram.filters import Filter
from aiogram.types import CallbackQuery, Message

from powbot.conversation.context import Ctx
from powbot.domain.messages import Callback


class HasRole(Filter):
    def __init__(self, *roles: str | None) -> None:
        self.roles = frozenset(roles)

    async def __call__(self, event: Any, ctx: Ctx) -> bool:
        return ctx.user.role in self.roles


class ForFlow(Filter):
    """A button made by one of these flows (the flow checks the rest against stored state)."""

    def __init__(self, *flows: str) -> None:
        self.flows = frozenset(flows)

    async def __call__(self, query: CallbackQuery) -> bool:
        callback = Callback.decode(query.data)
        return callback is not None and callback.flow in self.flows


class IsText(Filter):
    """A message with text (what ``F.text`` checks, without the thread hop)."""

    async def __call__(self, message: Message) -> bool:
        return bool(message.text)


class IsCommand(Filter):
    """A text starting with "/" (what ``F.text.startswith("/")`` checks, without the hop)."""

    async def __call__(self, message: Message) -> bool:
        text = message.text
        return text is not None and text.startswith("/")
