"""Issue 18, defect 3: outbox rows claimed before a restart waited for the lease, and a
retryable error stranded the rest of the batch as `sending`."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from powbot.bot.scheduler import run_due
from powbot.domain.messages import Reply
from powbot.storage.models import Outbox
from tests.clock_double import clock_now
from tests.conftest import Harness


async def test_claimed_rows_of_a_killed_process_are_sent_at_the_next_start(
    harness: Harness,
) -> None:
    async with harness.runtime.db.transaction() as session:
        for n in range(5):
            session.add(Outbox(user_id=5400 + n, payload=Reply(f"bericht {n}").to_payload()))
    harness.session.failures[5401] = ["network"] * 4
    await harness.runtime.sender.drain_outbox(now=clock_now() + timedelta(seconds=1))
    async with harness.runtime.db.transaction() as session:
        statuses = [row.status for row in (await session.exec(select(Outbox))).all()]
    assert "sending" not in statuses
    await harness.runtime.sender._claim(clock_now() + timedelta(seconds=1), None, 50)  # then killed
    restarted = await harness.restart()
    try:
        await run_due(restarted.runtime)
        got = [restarted.session.to(5400 + n) for n in range(5)]
        assert all(len(messages) == 1 for messages in got[1:])
    finally:
        await restarted.app.close()
