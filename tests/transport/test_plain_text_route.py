"""Plain text goes straight to the handler aiogram's routing would pick (bot/features.py):
the same replies as through the routers, and aiogram's routing again as soon as the routers
are not as built."""

from __future__ import annotations

from aiogram import Router

from powbot.bot.features import plain_text_route
from powbot.bot.handlers import fallback
from powbot.bot.middleware import UpdateMiddleware
from tests.conftest import Harness

# Onboarding by typing, answers, a question, a control word, a crisis line, a command.
SCRIPT = [
    "/start",
    "Nederlands",
    "Ik zoek werk",
    "ja",
    "/vragenlijst",
    "5",
    "32",
    "waarom?",
    "4",
    "mag ik bijverdienen in de bijstand?",
    "pauze",
    "ik wil niet meer leven",
    "/menu",
    "hallo",
]


def _middleware(harness: Harness) -> UpdateMiddleware:
    [middleware] = [
        m for m in harness.app.dispatcher.update.outer_middleware if isinstance(m, UpdateMiddleware)
    ]
    return middleware


async def test_the_app_takes_plain_text_straight_to_the_fallback_text_handler(
    harness: Harness,
) -> None:
    assert _middleware(harness).plain_text is fallback.text


async def test_plain_text_gets_the_same_replies_as_through_aiogram_routing(
    harness: Harness,
) -> None:
    direct, routed = harness.user(501), harness.user(502)
    middleware = _middleware(harness)
    fast = middleware.plain_text
    for text in SCRIPT:
        middleware.plain_text = fast
        by_direct = await direct.send(text)
        middleware.plain_text = None  # through aiogram's routers and filters
        by_routing = await routed.send(text)
        assert by_routing, text
        assert [(s.text, s.buttons) for s in by_direct] == [
            (s.text, s.buttons) for s in by_routing
        ], text


async def test_a_router_or_middleware_where_plain_text_could_go_turns_the_shortcut_off(
    harness: Harness,
) -> None:
    dispatcher = harness.app.dispatcher
    assert plain_text_route(dispatcher) is fallback.text
    extra = Router(name="extra")
    dispatcher.include_router(extra)  # a third router: routing decides again
    assert plain_text_route(dispatcher) is None
    dispatcher.sub_routers.remove(extra)
    assert plain_text_route(dispatcher) is fallback.text

    async def spy(handler, event, data):  # type: ignore[no-untyped-def]
        return await handler(event, data)

    features = dispatcher.sub_routers[0]
    features.message.outer_middleware(spy)
    assert plain_text_route(dispatcher) is None
    features.message.outer_middleware.unregister(spy)
    dispatcher.message.register(spy)  # a handler on the dispatcher itself
    assert plain_text_route(dispatcher) is None
