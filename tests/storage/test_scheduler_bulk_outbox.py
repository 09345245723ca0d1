"""Issue 19: a batch of jobs writes its outbox rows in one insert before its commit. Every
item still gets its own row with the right recipient, subject and due time (quiet hours
included), a failing item holds back none of the others, and the sender sends each row once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import col, select

from powbot.bot.scheduler import run_due
from powbot.clock import to_local
from powbot.conversation.registry import JOBS
from powbot.domain.messages import Reply
from powbot.domain.unit import Services
from powbot.storage.models import Outbox, ScheduledItem
from tests.clock_double import clock_now
from tests.conftest import Harness, make_harness, make_settings

KIND = "test.bulk_outbox"
COACH = 7700
USERS = range(9100, 9112)
BAD = 9105  # its job fails
NAMELESS = 9104  # its job's message to the coach is about no one (anonymous)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


async def _job(services: Services, item: ScheduledItem) -> None:
    assert item.user_id is not None
    if item.user_id == BAD:
        raise RuntimeError("this one fails")
    urgent = item.user_id % 2 == 1
    if item.user_id % 3 == 0:  # a message to the coach, about this user
        await services.notify(
            COACH,
            Reply(f"about {item.user_id}"),
            urgent=urgent,
            anonymous=item.user_id == NAMELESS,
        )
    else:
        await services.notify(item.user_id, Reply(f"for {item.user_id}"), urgent=urgent)


@pytest.fixture
async def quiet_now(database_url: str) -> AsyncIterator[tuple[Harness, datetime]]:
    """An app whose quiet hours run from an hour before the test clock to two after it."""
    now = clock_now().replace(microsecond=0)
    local = to_local(now, make_settings(database_url).tz)
    settings = make_settings(
        database_url,
        POWBOT_QUIET_START=(local - timedelta(hours=1)).strftime("%H:%M"),
        POWBOT_QUIET_END=(local + timedelta(hours=2)).strftime("%H:%M"),
    )
    harness = await make_harness(settings)
    JOBS[KIND] = _job
    try:
        yield harness, now
    finally:
        JOBS.pop(KIND, None)
        await harness.app.close()


async def test_a_batch_writes_one_row_per_item_and_a_failure_holds_back_none(
    quiet_now: tuple[Harness, datetime],
) -> None:
    harness, now = quiet_now
    runtime = harness.runtime
    async with runtime.db.transaction() as session:
        for user_id in USERS:
            session.add(
                ScheduledItem(kind=KIND, due_at=now - timedelta(minutes=1), user_id=user_id)
            )
    assert (await run_due(runtime, now, send=False))["items"] == len(USERS) - 1

    after_quiet = Services(None, runtime.settings, runtime.content, now).after_quiet_hours(now)  # type: ignore[arg-type]
    assert after_quiet > now  # the non-urgent rows must really wait
    async with runtime.db.transaction() as session:
        rows = (await session.exec(select(Outbox).order_by(col(Outbox.id)))).all()
        items = {i.user_id: i for i in (await session.exec(select(ScheduledItem))).all()}
    expected = []
    for user_id in USERS:
        if user_id == BAD:
            continue
        urgent = user_id % 2 == 1
        to_coach = user_id % 3 == 0
        expected.append(
            (
                COACH if to_coach else user_id,
                None if not to_coach or user_id == NAMELESS else user_id,
                f"about {user_id}" if to_coach else f"for {user_id}",
                urgent,
                now if urgent else after_quiet,
            )
        )
    assert [
        (r.user_id, r.subject_id, r.payload["text"], r.urgent, _utc(r.due_at)) for r in rows
    ] == expected
    for row in rows:
        assert row.status == "pending" and row.attempts == 0 and row.claimed_by is None
        assert row.update_id is None and row.sent_at is None and row.created_at is not None
    bad = items[BAD]
    assert bad.status == "pending" and bad.error == "RuntimeError" and bad.attempts == 1
    assert all(i.status == "done" for uid, i in items.items() if uid != BAD)

    # After the quiet hours the sender sends every row, each once.
    later = after_quiet + timedelta(seconds=1)
    assert await runtime.sender.drain_outbox(now=later) == len(expected)
    assert await runtime.sender.drain_outbox(now=later) == 0
    sent = sorted((s.chat_id, s.text) for s in harness.session.sent)
    assert sent == sorted((to, text) for to, _, text, _, _ in expected)
