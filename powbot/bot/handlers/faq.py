"""FAQ commands and buttons for employers, job seekers and coaches (role checked here)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from powbot.bot.commands import register_commands
from powbot.bot.handlers.buttons import press
from powbot.bot.handlers.filters import ForFlow, HasRole
from powbot.conversation.context import Ctx
from powbot.features.faq import flow as faq

ROLES = ("employer", "seeker", "coach")
COMMANDS = ("vraag", "ask")


async def cmd_ask(message: Message, ctx: Ctx) -> None:
    await faq.explain(ctx)


def create_router() -> Router:
    router = Router(name="faq")
    router.message.filter(HasRole(*ROLES))
    router.callback_query.filter(HasRole(*ROLES))
    router.message.register(cmd_ask, Command(*COMMANDS))
    router.callback_query.register(press, ForFlow(faq.NAME))
    return router


register_commands(*COMMANDS)
