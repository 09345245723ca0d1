"""Coaches' commands and buttons. The role is checked once, on the router."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from powbot.bot.commands import register_commands
from powbot.bot.handlers.buttons import press
from powbot.bot.handlers.filters import ForFlow, HasRole
from powbot.conversation.context import Ctx
from powbot.features.coach import flow as coach
from powbot.features.coach.link import create_link
from powbot.features.coach.placement_form import PLACEMENT_FORM
from powbot.features.coach.web_link import send_web_link


async def cmd_clients(message: Message, ctx: Ctx) -> None:
    await coach.caseload(ctx)


async def cmd_today(message: Message, ctx: Ctx) -> None:
    await coach.show_today(ctx)


async def cmd_link(message: Message, ctx: Ctx) -> None:
    await create_link(ctx)


async def cmd_web(message: Message, ctx: Ctx) -> None:
    await send_web_link(ctx)


def create_router() -> Router:
    parent = Router(name="coach_and_web")
    # /web: a single-use link to the web page, for coaches and admins alike.
    web = Router(name="web_link")
    web.message.filter(HasRole("coach", "admin"))
    web.message.register(cmd_web, Command("web"))
    parent.include_routers(web, _coach_router())
    return parent


def _coach_router() -> Router:
    router = Router(name="coach")
    router.message.filter(HasRole("coach"))
    router.callback_query.filter(HasRole("coach"))
    router.message.register(cmd_clients, Command("clienten", "clients"))
    router.message.register(cmd_today, Command("vandaag", "today"))
    router.message.register(cmd_link, Command("koppel", "link"))
    router.callback_query.register(press, ForFlow(coach.NAME, PLACEMENT_FORM.name))
    return router


register_commands("clienten", "clients", "vandaag", "today", "koppel", "link", "web")
