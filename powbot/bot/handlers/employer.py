"""Employers' commands and buttons. The role is checked once, on the router.

Each capability adds its handlers in its own `_add_*` function, so the router stays easy
to extend (for example with the employer FAQ).
"""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from powbot.bot.commands import register_commands
from powbot.bot.handlers.buttons import press
from powbot.bot.handlers.filters import ForFlow, HasRole
from powbot.conversation.context import Ctx
from powbot.features.aftercare.employer import EMPLOYER_FLOW
from powbot.features.open_hiring import vacancies

OPEN_HIRING_COMMANDS = {
    "new": ("nieuwevacature", "newvacancy"),
    "mine": ("mijnvacatures", "myvacancies"),
}
register_commands(*(name for pair in OPEN_HIRING_COMMANDS.values() for name in pair))


async def cmd_new_vacancy(message: Message, ctx: Ctx) -> None:
    await vacancies.new_vacancy(ctx)


async def cmd_my_vacancies(message: Message, ctx: Ctx) -> None:
    await vacancies.my_vacancies(ctx)


def _add_open_hiring(router: Router) -> None:
    router.message.register(cmd_new_vacancy, Command(*OPEN_HIRING_COMMANDS["new"]))
    router.message.register(cmd_my_vacancies, Command(*OPEN_HIRING_COMMANDS["mine"]))
    router.callback_query.register(press, ForFlow(vacancies.NAME, EMPLOYER_FLOW))


def create_router() -> Router:
    router = Router(name="employer")
    router.message.filter(HasRole("employer"))
    router.callback_query.filter(HasRole("employer"))
    _add_open_hiring(router)
    return router
