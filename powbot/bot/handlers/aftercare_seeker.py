"""Workers' aftercare commands and buttons: check-ins, their job, their coach."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from powbot.bot.commands import register_commands
from powbot.bot.handlers.buttons import press
from powbot.bot.handlers.filters import ForFlow, HasRole
from powbot.conversation.context import Ctx
from powbot.features.aftercare import flow as aftercare
from powbot.features.coach import link as coach_link


async def cmd_checkin(message: Message, ctx: Ctx) -> None:
    await aftercare.start(ctx)


async def cmd_job(message: Message, ctx: Ctx) -> None:
    await aftercare.my_job(ctx)


async def cmd_coach(message: Message, ctx: Ctx) -> None:
    await coach_link.my_coach(ctx)


def create_router() -> Router:
    router = Router(name="aftercare_seeker")
    router.message.filter(HasRole("seeker"))
    router.callback_query.filter(HasRole("seeker"))
    router.message.register(cmd_checkin, Command("checkin"))
    router.message.register(cmd_job, Command("werk", "job"))
    router.message.register(cmd_coach, Command("coach"))
    router.callback_query.register(press, ForFlow(aftercare.NAME, coach_link.NAME))
    return router


register_commands("checkin", "werk", "job", "coach")
