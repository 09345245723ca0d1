"""The capabilities this bot has: importing a flow module registers it.

Routers are listed in order; the fallback router must stay last.
"""

from __future__ import annotations

from collections.abc import Callable

from aiogram import Router

from powbot.bot.flows import invites, menu, onboarding, questionnaire  # noqa: F401  (registration)
from powbot.bot.handlers import common, fallback, seeker

ROUTER_FACTORIES: list[Callable[[], Router]] = [
    common.create_router,
    seeker.create_router,
]


def create_routers() -> list[Router]:
    return [factory() for factory in ROUTER_FACTORIES] + [fallback.create_router()]
