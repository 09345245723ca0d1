"""The Telegram routers: one per audience, thin, in the order they are tried.

Routers are tried in order; the fallback router (plain text, other content) comes last.
"""

from __future__ import annotations

from collections.abc import Callable

from aiogram import Router

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
from powbot.bot.handlers.filters import IsCommand

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
    # The feature routers hold only /commands for messages (and their buttons), so plain
    # text skips all of their filters with one check: the answers of a conversation are
    # the hot path.
    features = Router(name="features")
    features.message.filter(IsCommand())
    features.include_routers(*(factory() for factory in ROUTER_FACTORIES))
    return [features, fallback.create_router()]
