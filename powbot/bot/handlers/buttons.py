"""The one way a button press reaches a flow, shared by every audience router."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message

from powbot.conversation.context import Ctx
from powbot.features import routing as engine


async def press(query: CallbackQuery, ctx: Ctx) -> None:
    if await engine.handle_button(ctx, query.data) and isinstance(query.message, Message):
        ctx.tidy_message_id = query.message.message_id
