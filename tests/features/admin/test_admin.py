"""Admin views: the audit log of one person, and counts without personal data."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.aftercare_support import make_client, make_coach
from tests.cli_support import run_cli
from tests.conftest import Harness, make_harness, make_settings, onboard

ADMIN = 990


@pytest.fixture
async def admin_harness(sqlite_url: str) -> AsyncIterator[Harness]:
    harness = await make_harness(make_settings(sqlite_url, POWBOT_ADMIN_IDS=str(ADMIN)))
    yield harness
    await harness.app.close()


async def test_admin_sees_who_viewed_a_clients_data(admin_harness: Harness) -> None:
    coach = await make_coach(admin_harness, 991, "Anna")
    client = await make_client(admin_harness, coach, 992, "Bram")
    await coach.press_data(f"coach:c:{client.id}:")
    admin = admin_harness.user(ADMIN)
    await admin.send("/start")
    await admin.press("Nederlands")
    log = await admin.send(f"/audit {client.id}")
    assert "Logboek voor 992" in log[0].text
    assert "991 (coach)" in log[0].text and "coach.view_client" in log[0].text
    again = await admin.send(f"/audit {client.id}")
    assert "audit_viewed" in again[0].text  # looking at the log is logged too
    usage = await admin.send("/audit iemand")
    assert "Gebruik: /audit" in usage[0].text


async def test_stats_are_counts_only(admin_harness: Harness) -> None:
    for uid in (993, 994):
        await onboard(admin_harness.user(uid))
    admin = admin_harness.user(ADMIN)
    await admin.send("/start")
    await admin.press("Nederlands")
    stats = await admin.send("/stats")
    assert "Werkzoekenden: 2" in stats[0].text


async def test_admin_commands_are_refused_to_others(admin_harness: Harness) -> None:
    coach = await make_coach(admin_harness, 995, "Anna")
    for command in ("/audit 995", "/stats", "/onbeantwoord"):
        reply = await coach.send(command)
        assert "niet voor jou" in reply[0].text


def _admin_cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *args: str) -> str:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/a.db"}
    result = run_cli(monkeypatch, tmp_path, ["admin", *args], env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_cli_audit_prints_the_log(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert "nobody has looked at the data of 12345" in _admin_cli(
        monkeypatch, tmp_path, "audit", "12345"
    )


def test_cli_feedback_prints_ratings_with_the_questions(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert "no ratings yet" in _admin_cli(
        monkeypatch, tmp_path, "feedback"
    )  # also creates the schema
    with sqlite3.connect(tmp_path / "a.db") as db:
        db.executemany(
            "INSERT INTO faq_feedback (user_id, entry_id, helpful, at, question)"
            " VALUES (?, ?, ?, '2026-11-23 10:00:00', ?)",
            [
                (1, "lks-what", False, "wat kost een jobcoach"),
                (2, "lks-what", True, None),
                (3, "nrp-what", True, None),
            ],
        )
    lines = _admin_cli(monkeypatch, tmp_path, "feedback").splitlines()
    assert lines[0].split() == ["1", "down", "1", "up", "lks-what"]
    assert lines[1].strip() == "down for: wat kost een jobcoach"
    assert lines[2].split() == ["0", "down", "1", "up", "nrp-what"]
