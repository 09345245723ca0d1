"""The capabilities this bot has: importing a flow module registers it.

Routers are listed in order; the fallback router must stay last.
"""

from __future__ import annotations

from collections.abc import Callable

from aiogram import Router

from powbot.bot.flows import (  # noqa: F401  (registration)  # noqa: F401  (registration)  # noqa: F401  (registration)
    aftercare,
    coach,
    coach_link,
    faq,
    invites,
    menu,
    onboarding,
    open_hiring,
    questionnaire,
    queue,
    vacancies,
)
from powbot.bot.handlers import admin as admin_handlers
from powbot.bot.handlers import (
    aftercare_seeker,
    common,
    employer,
    fallback,
    open_hiring_seeker,
    seeker,
)
from powbot.bot.handlers import coach as coach_handlers
from powbot.bot.handlers import faq as faq_handlers

ROUTER_FACTORIES: list[Callable[[], Router]] = [
    common.create_router,
    seeker.create_router,
    aftercare_seeker.create_router,
    coach_handlers.create_router,
    open_hiring_seeker.create_router,
    employer.create_router,
    faq_handlers.create_router,
    admin_handlers.create_router,
]


def create_routers() -> list[Router]:
    return [factory() for factory in ROUTER_FACTORIES] + [fallback.create_router()]
