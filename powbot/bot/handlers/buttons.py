"""The one way a button press reaches a flow, shared by every audience router."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message

from powbot.bot.flows import engine
from powbot.bot.flows.base import Ctx


async def press(query: CallbackQuery, ctx: Ctx) -> None:
    if await engine.handle_button(ctx, query.data) and isinstance(query.message, Message):
        ctx.tidy_message_id = query.message.message_id
