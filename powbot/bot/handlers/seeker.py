"""Job seekers' commands and buttons. The role is checked once, on the router."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from powbot.bot.handlers.buttons import press
from powbot.bot.handlers.filters import ForFlow, HasRole
from powbot.conversation.context import Ctx
from powbot.features.questionnaire import flow as questionnaire


async def cmd_questionnaire(message: Message, ctx: Ctx) -> None:
    await questionnaire.start(ctx)


async def cmd_profile(message: Message, ctx: Ctx) -> None:
    await questionnaire.show_latest(ctx)


def create_router() -> Router:
    router = Router(name="seeker")
    router.message.filter(HasRole("seeker"))
    router.callback_query.filter(HasRole("seeker"))
    router.message.register(cmd_questionnaire, Command("vragenlijst", "questionnaire"))
    router.message.register(cmd_profile, Command("profiel", "profile"))
    router.callback_query.register(press, ForFlow("questionnaire"))
    return router
