"""Commands and buttons for everyone: start, help, menu, language, stop."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import Message

from powbot.bot.handlers.buttons import press
from powbot.bot.handlers.filters import ForFlow
from powbot.bot.runtime import Runtime
from powbot.conversation.context import Ctx
from powbot.features.menu import show_help, stop
from powbot.features.onboarding import flow as onboarding
from powbot.features.privacy import flow as privacy


async def cmd_start(message: Message, command: CommandObject, ctx: Ctx, runtime: Runtime) -> None:
    code = (command.args or "").strip()[:64] or None
    if code and not await runtime.flood.allow_code_attempt(ctx.user.id):
        # Codes are long and random; this makes guessing them hopeless as well.
        ctx.say(ctx.t("invites.too_many_attempts"))
        return
    await onboarding.start(ctx, code)


async def cmd_help(message: Message, ctx: Ctx) -> None:
    await show_help(ctx)


async def cmd_menu(message: Message, ctx: Ctx) -> None:
    if ctx.user.language is None or ctx.user.role is None:
        await onboarding.start(ctx)
        return
    await stop(ctx)


async def cmd_stop(message: Message, ctx: Ctx) -> None:
    if ctx.user.language is None or ctx.user.role is None:
        await onboarding.start(ctx)
        return
    await stop(ctx)


async def cmd_privacy(message: Message, ctx: Ctx) -> None:
    await privacy.explain(ctx)


async def cmd_my_data(message: Message, ctx: Ctx) -> None:
    await privacy.export(ctx)


async def cmd_erase(message: Message, ctx: Ctx) -> None:
    await privacy.ask_erase(ctx)


async def cmd_language(message: Message, ctx: Ctx) -> None:
    await onboarding.choose_language(ctx)


def create_router() -> Router:
    router = Router(name="common")
    router.message.register(cmd_start, CommandStart())
    router.message.register(cmd_help, Command("help", "hulp"))
    router.message.register(cmd_menu, Command("menu"))
    router.message.register(cmd_stop, Command("stop"))
    router.message.register(cmd_language, Command("taal", "language"))
    router.message.register(cmd_privacy, Command("privacy"))
    router.message.register(cmd_my_data, Command("mijngegevens", "mydata"))
    router.message.register(cmd_erase, Command("verwijder", "delete"))
    router.callback_query.register(press, ForFlow("menu", "onboarding", "privacy"))
    return router
