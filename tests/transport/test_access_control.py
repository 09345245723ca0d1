"""Every privileged command and button, tried by every role that may not use it.

The routers are read from the real dispatcher, so a new command on a role-filtered router
is covered without editing this file.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiogram.filters import Command

from powbot.bot.handlers.filters import HasRole
from powbot.conversation.registry import FLOWS
from tests.aftercare_support import make_coach
from tests.conftest import Harness, Player, make_harness, make_settings, onboard

ADMIN = 9900
ROLES = ("seeker", "employer", "coach", "admin")


def guarded_commands(harness: Harness) -> dict[str, frozenset[str | None]]:
    """command -> the roles allowed to use it, from the routers' role filters."""
    guarded: dict[str, frozenset[str | None]] = {}
    for router in harness.app.dispatcher.chain_tail:
        roles: frozenset[str | None] | None = None
        for filter_object in router.message._handler.filters or []:  # type: ignore[attr-defined]
            if isinstance(filter_object.callback, HasRole):
                roles = filter_object.callback.roles
        if roles is None:
            continue
        for handler in router.message.handlers:
            for filter_object in handler.filters or []:
                if isinstance(filter_object.callback, Command):
                    for command in filter_object.callback.commands:
                        guarded[str(command)] = guarded.get(str(command), frozenset()) | roles
    return guarded


@pytest.fixture
async def people(sqlite_url: str) -> AsyncIterator[tuple[Harness, dict[str, Player]]]:
    harness = await make_harness(make_settings(sqlite_url, POWBOT_ADMIN_IDS=str(ADMIN)))
    seeker, employer, admin = harness.user(9901), harness.user(9902), harness.user(ADMIN)
    await onboard(seeker)
    await onboard(employer, role="employer")
    coach = await make_coach(harness, 9903, "Anna")
    await admin.send("/start")
    await admin.press("Nederlands")
    yield harness, {"seeker": seeker, "employer": employer, "coach": coach, "admin": admin}
    await harness.app.close()


async def test_role_commands_are_refused_to_every_other_role(
    people: tuple[Harness, dict[str, Player]],
) -> None:
    harness, players = people
    guarded = guarded_commands(harness)
    assert {"vragenlijst", "clienten", "onbeantwoord", "nieuwevacature"} <= set(guarded)
    tried = 0
    for command, allowed in sorted(guarded.items()):
        for role, player in players.items():
            if role in allowed:
                continue
            reply = await player.send(f"/{command}")
            assert len(reply) == 1 and "niet voor jou" in reply[0].text, (command, role, reply)
            tried += 1
    assert tried > 40


async def test_buttons_of_other_roles_flows_change_nothing(
    people: tuple[Harness, dict[str, Player]],
) -> None:
    harness, players = people
    for name, flow in sorted(FLOWS.items()):
        for role, player in players.items():
            if role in flow.roles:
                continue
            for data in (f"{name}:a:1:", f"{name}:go:1:", f"{name}:c:{players['seeker'].id}:"):
                before = len(player.inbox())
                toasts = len(harness.session.toasts)
                await player.press_data(data)
                assert player.inbox()[before:] == [], (name, role, data)
                assert harness.session.toasts[toasts:] == ["Deze knop werkt niet meer."]
