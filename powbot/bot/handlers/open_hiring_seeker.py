"""Job seekers' Open Hiring commands and buttons. The role is checked once, on the router."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from powbot.bot.commands import register_commands
from powbot.bot.handlers.buttons import press
from powbot.bot.handlers.filters import ForFlow, HasRole
from powbot.conversation.context import Ctx
from powbot.features.open_hiring import signup as open_hiring

VACANCIES = ("vacatures", "vacancies")
SIGNUPS = ("aanmeldingen", "signups")
register_commands(*VACANCIES, *SIGNUPS)


async def cmd_vacancies(message: Message, ctx: Ctx) -> None:
    await open_hiring.browse(ctx)


async def cmd_signups(message: Message, ctx: Ctx) -> None:
    await open_hiring.my_signups(ctx)


def create_router() -> Router:
    router = Router(name="open_hiring_seeker")
    router.message.filter(HasRole("seeker"))
    router.callback_query.filter(HasRole("seeker"))
    router.message.register(cmd_vacancies, Command(*VACANCIES))
    router.message.register(cmd_signups, Command(*SIGNUPS))
    router.callback_query.register(press, ForFlow(open_hiring.NAME))
    return router
