"""Issue 19: /vragenlijst starts or resumes a run with plain statements on SQLite (no ORM
session on that hot path). What the person sees and what is stored stay exactly what the
session path gave: a new run, its two reminders, a paused run picked up again, the offer to
go on with answers given; and PostgreSQL, which keeps the session path, gives the same."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from powbot.storage.models import QuestionnaireRun, ScheduledItem, User
from powbot.storage.update_unit import UpdateUnit
from tests.clock_double import SteppingClock, start_moment
from tests.conftest import (
    Harness,
    fresh_postgres_database,
    fresh_sqlite_url,
    make_harness,
    make_settings,
    onboard,
)

SEEKER = 5150


def _plain(value: Any) -> Any:
    """A stored value as both databases give it back (times without a time zone)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return value


async def _rows(harness: Harness) -> dict[str, list[dict[str, Any]]]:
    stored: dict[str, list[dict[str, Any]]] = {}
    async with harness.runtime.db.transaction() as session:
        for model in (QuestionnaireRun, ScheduledItem, User):
            rows = (await session.exec(select(model).order_by(model.id))).all()  # type: ignore[attr-defined]
            stored[model.__tablename__] = [  # type: ignore[index]
                {key: _plain(value) for key, value in row.model_dump().items()} for row in rows
            ]
    return stored


async def _start_pause_and_come_back(
    database_url: str, clock: SteppingClock, migrated: bool
) -> tuple[list[tuple[str, list[tuple[str, str | None]]]], list[dict[str, list[dict[str, Any]]]]]:
    """/vragenlijst, pause before any answer, /vragenlijst (the same run again), one answer,
    pause, /vragenlijst (the offer to go on): every reply, and the rows after each step."""
    harness = await make_harness(make_settings(database_url), migrated=migrated)
    try:
        clock.current = start_moment()  # the same moments in every run of this scenario
        seeker = harness.user(SEEKER)
        await onboard(seeker)
        rows = []
        begun = await seeker.send("/vragenlijst")
        assert any("Hoe graag wil je" in sent.text for sent in begun)
        rows.append(await _rows(harness))
        await seeker.press("Pauze")
        rows.append(await _rows(harness))
        again = await seeker.send("/vragenlijst")
        assert any("Hoe graag wil je" in sent.text for sent in again)
        rows.append(await _rows(harness))
        await seeker.send("5")
        await seeker.press("Pauze")
        offer = await seeker.send("/vragenlijst")
        assert [label for label, _ in offer[-1].buttons] == [
            "▶️ Verder waar ik was",
            "🔄 Opnieuw beginnen",
        ]
        rows.append(await _rows(harness))
        replies = [(sent.text, sent.buttons) for sent in seeker.inbox()]
        return replies, rows
    finally:
        await harness.app.close()


async def test_sqlite_without_a_session_says_and_stores_what_the_session_path_did(
    sqlite_template: Path, tmp_path: Path, clock: SteppingClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain_url, session_url = (_copy(sqlite_template, tmp_path / name) for name in ("a", "b"))
    plain_replies, plain_rows = await _start_pause_and_come_back(plain_url, clock, True)
    statuses = [[run["status"] for run in rows["questionnaire_runs"]] for rows in plain_rows]
    assert statuses == [["active"], ["paused"], ["active"], ["paused"]]
    reminders = plain_rows[-1]["scheduled_items"]
    assert [(item["ref"], item["status"], item["payload"]["number"]) for item in reminders] == [
        ("questionnaire:1", "pending", 1),
        ("questionnaire:1", "pending", 2),
    ]

    # The same scenario through the ORM session, as before (the plain path switched off).
    monkeypatch.setattr(UpdateUnit, "plain", property(lambda unit: False))
    session_replies, session_rows = await _start_pause_and_come_back(session_url, clock, True)
    assert plain_replies == session_replies
    assert plain_rows == session_rows


def _copy(template: Path, folder: Path) -> str:
    folder.mkdir()
    return fresh_sqlite_url(template, folder)


async def test_postgres_starts_and_resumes_runs_as_sqlite_does(
    sqlite_url: str, clock: SteppingClock
) -> None:
    sqlite_replies, sqlite_rows = await _start_pause_and_come_back(sqlite_url, clock, True)
    async with fresh_postgres_database() as postgres_url:
        pg_replies, pg_rows = await _start_pause_and_come_back(postgres_url, clock, False)
    assert pg_replies == sqlite_replies
    assert pg_rows == sqlite_rows
