"""Invite codes: single use, expiring, long and random, guessing slowed down."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from powbot.domain.unit import Services
from powbot.features.onboarding.invites import create_invite
from powbot.storage.models import InviteCode, User
from tests.cli_support import run_cli
from tests.clock_double import clock_now
from tests.conftest import Harness, make_harness, make_settings


async def new_code(harness: Harness, purpose: str, days: float = 7) -> str:
    runtime = harness.runtime
    async with runtime.db.transaction() as session:
        services = Services(session, runtime.settings, runtime.content, clock_now())
        code, _ = await create_invite(services, purpose, None, timedelta(days=days))
    return code


async def test_coach_invite_makes_a_coach_once(harness: Harness) -> None:
    code = await new_code(harness, "coach")
    assert len(code) >= 12  # 72 random bits
    ann = harness.user(800)
    await ann.send(f"/start {code}")
    welcome = await ann.press("Nederlands")
    assert "Welkom, coach" in welcome[-1].text
    bob = harness.user(801)
    await bob.send("/start")
    await bob.press("Nederlands")
    second = await bob.send(f"/start {code}")
    assert "code ken ik niet" in second[0].text
    async with harness.runtime.db.transaction() as session:
        assert (await session.get(User, 800)).role == "coach"  # type: ignore[union-attr]
        assert (await session.get(User, 801)).role is None  # type: ignore[union-attr]


async def test_expired_invite_is_refused(harness: Harness) -> None:
    code = await new_code(harness, "employer", days=-1)
    cy = harness.user(802)
    await cy.send("/start")
    await cy.press("Nederlands")
    reply = await cy.send(f"/start {code}")
    assert "verlopen" in reply[0].text


async def test_codes_are_stored_only_as_hashes(harness: Harness) -> None:
    code = await new_code(harness, "coach")
    async with harness.runtime.db.transaction() as session:
        from sqlmodel import select

        row = (await session.exec(select(InviteCode))).one()
        assert code not in row.code_hash and len(row.code_hash) == 64


async def test_guessing_codes_is_slowed_down(sqlite_url: str) -> None:
    harness = await make_harness(make_settings(sqlite_url))
    try:
        code = await new_code(harness, "coach")
        di = harness.user(803)
        await di.send("/start")
        await di.press("Nederlands")
        for attempt in range(5):
            await di.send(f"/start guess{attempt}")
        blocked = await di.send(f"/start {code}")  # even the right code waits now
        assert "Te veel codes" in blocked[0].text
        async with harness.runtime.db.transaction() as session:
            assert (await session.get(User, 803)).role is None  # type: ignore[union-attr]
    finally:
        await harness.app.close()


def test_admin_invite_command_prints_code_and_link(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/a.db"}
    args = ["admin", "invite", "employer", "--bot", "powbot_test_bot"]
    result = run_cli(monkeypatch, tmp_path, args, env=env)
    assert result.returncode == 0, result.stderr
    assert "https://t.me/powbot_test_bot?start=" in result.stdout
    assert "valid until" in result.stdout
