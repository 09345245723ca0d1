"""Last in line: plain text, other content, unknown commands and buttons nobody claimed."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery, Message

from powbot.bot.handlers.filters import IsCommand, IsText
from powbot.conversation.context import Ctx
from powbot.features import routing as engine


async def unknown_command(message: Message, ctx: Ctx) -> None:
    from powbot.bot.commands import known_command

    name = (message.text or "/").split()[0][1:].split("@")[0].lower()
    if known_command(name):
        ctx.say(ctx.t("common.not_for_role"))
    else:
        ctx.say(ctx.t("common.not_understood"))
    if ctx.user.flow and ctx.user.flow != "menu":
        await engine.resume(ctx)  # mid-flow: show the step again


async def text(message: Message, ctx: Ctx) -> None:
    # Safety runs before anything else, the length check included (engine.handle_text).
    await engine.handle_text(ctx, message.text or "")


async def other_content(message: Message, ctx: Ctx) -> None:
    if message.caption:  # words with a photo or file: read them (safety first)
        await engine.handle_caption(ctx, message.caption)
        return
    ctx.say(ctx.t("common.unsupported"))
    await engine.resume(ctx)


async def edited(message: Message, ctx: Ctx) -> None:
    await engine.handle_edit(ctx, message.text or message.caption or "")


async def unclaimed_button(query: CallbackQuery, ctx: Ctx) -> None:
    # Forged, from another role, or from a feature that no longer exists.
    ctx.toast = ctx.t("common.button_unknown")


def create_router() -> Router:
    router = Router(name="fallback")
    router.message.register(unknown_command, IsCommand())
    router.message.register(text, IsText())
    router.message.register(other_content)
    router.edited_message.register(edited)
    router.callback_query.register(unclaimed_button)
    return router
