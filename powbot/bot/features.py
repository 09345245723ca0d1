"""The Telegram routers: one per audience, thin, in the order they are tried.

Routers are tried in order; the fallback router (plain text, other content) comes last.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Dispatcher, Router
from aiogram.types import Message

from powbot.bot.handlers import admin as admin_handlers
from powbot.bot.handlers import (
    aftercare_seeker,
    common,
    employer,
    fallback,
    open_hiring_seeker,
    seeker,
)
from powbot.bot.handlers import coach as coach_handlers
from powbot.bot.handlers import faq as faq_handlers
from powbot.bot.handlers.filters import IsCommand, IsText
from powbot.conversation.context import Ctx

ROUTER_FACTORIES: list[Callable[[], Router]] = [
    common.create_router,
    seeker.create_router,
    aftercare_seeker.create_router,
    coach_handlers.create_router,
    open_hiring_seeker.create_router,
    employer.create_router,
    faq_handlers.create_router,
    admin_handlers.create_router,
]


def create_routers() -> list[Router]:
    # The feature routers hold only /commands for messages (and their buttons), so plain
    # text skips all of their filters with one check: the answers of a conversation are
    # the hot path.
    features = Router(name="features")
    features.message.filter(IsCommand())
    features.include_routers(*(factory() for factory in ROUTER_FACTORIES))
    return [features, fallback.create_router()]


PlainText = Callable[[Message, Ctx], Awaitable[Any]]


def plain_text_route(dispatcher: Dispatcher) -> PlainText | None:
    """The handler aiogram's routing picks for a message with text that is not a /command,
    when the dispatcher is as `create_routers` builds it; None otherwise.

    The answers of a conversation are most updates, and for each of them aiogram walked the
    routers and ran their filters to arrive where this arrives at once: the routers before
    the fallback take no plain text (the features router's filter is IsCommand), and in the
    fallback the first handler that takes it is `text`. The check is made here, once, on
    the routers as built, so a router or middleware added where plain text could go makes
    this None, and such messages go through aiogram's routing again."""
    update = dispatcher.update
    if update.middleware or len(update.handlers) != 1 or len(dispatcher.sub_routers) != 2:
        return None
    features, last = dispatcher.sub_routers
    if _takes_messages(dispatcher) or _wraps_messages(features) or _wraps_messages(last):
        return None
    root = features.message._handler.filters or []
    if features.name != "features" or not any(isinstance(f.callback, IsCommand) for f in root):
        return None
    handlers = last.message.handlers
    if last.name != "fallback" or last.message._handler.filters or len(handlers) < 2:
        return None
    first, second = ([type(f.callback) for f in h.filters or []] for h in handlers[:2])
    if first != [IsCommand] or second != [IsText] or handlers[1].callback is not fallback.text:
        return None
    return fallback.text


def _wraps_messages(router: Router) -> bool:
    return bool(router.message.middleware or router.message.outer_middleware)


def _takes_messages(router: Router) -> bool:
    """Whether the router itself (not its sub-routers) could filter, wrap or handle a
    message."""
    observer = router.message
    return bool(observer.handlers or observer._handler.filters or _wraps_messages(router))
