"""Issue 18: replies are part of the update's transaction, claims are small and released,
a restart picks up claimed work at once, the scheduler claims in one statement."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import col, select

from powbot.bot.scheduler import claim_due, release_claims, run_due, worker_name
from powbot.conversation.registry import JOBS
from powbot.domain.messages import Reply
from powbot.domain.unit import Services
from powbot.storage.models import Outbox, ScheduledItem
from tests.clock_double import clock_now
from tests.conftest import Harness, make_harness, make_settings

NOW = clock_now().replace(microsecond=0)


@pytest.fixture
async def pg_or_sqlite(database_url: str) -> AsyncIterator[Harness]:
    h = await make_harness(make_settings(database_url))
    yield h
    await h.app.close()


async def _outbox(harness: Harness) -> list[Outbox]:
    async with harness.runtime.db.transaction() as session:
        return list((await session.exec(select(Outbox).order_by(col(Outbox.id)))).all())


async def test_replies_are_sent_after_the_commit_and_leave_no_row(harness: Harness) -> None:
    player = harness.user(7001)
    replies = await player.send("/start")
    assert "Welke taal" in replies[0].text
    assert await _outbox(harness) == []  # confirmed replies keep nothing of their text


async def test_a_network_failure_after_the_commit_leaves_the_reply_for_the_outbox(
    harness: Harness,
) -> None:
    player = harness.user(7002)
    harness.session.failures[7002] = ["network"] * 4
    update = player.message_update("/start")
    assert await player.feed(update) == []
    rows = await _outbox(harness)
    assert [row.status for row in rows] == ["pending"] and rows[0].update_id == update.update_id
    # The redelivered update sends the unconfirmed reply, once.
    again = await player.feed(update)
    assert len(again) == 1 and "Welke taal" in again[0].text
    assert await player.feed(update) == []
    assert await _outbox(harness) == []


async def test_the_outbox_sends_a_reply_the_redelivery_never_brought(harness: Harness) -> None:
    player = harness.user(7003)
    harness.session.failures[7003] = ["network"] * 4
    await player.feed(player.message_update("/start"))
    await run_due(harness.runtime)
    assert ["Welke taal" in sent.text for sent in player.inbox()] == [True]


async def test_a_crash_between_commit_and_send_is_made_good_by_the_redelivery(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    player = harness.user(7004)
    update = player.message_update("/start")

    async def killed(*_: Any) -> None:  # the process dies right after the commit
        return None

    monkeypatch.setattr(harness.runtime.sender, "deliver_staged", killed)
    await harness.app.feed(update)
    restarted = await harness.restart()
    try:
        again = restarted.user(7004)
        sent = await again.feed(update)  # Telegram redelivers: the reply goes out at once
        assert len(sent) == 1 and "Welke taal" in sent[0].text
        assert await again.feed(update) == []
    finally:
        await restarted.app.close()


async def test_one_failing_row_does_not_strand_its_batch(harness: Harness) -> None:
    async with harness.runtime.db.transaction() as session:
        for user_id in (8001, 8002, 8003):
            session.add(Outbox(user_id=user_id, payload=Reply(f"hi {user_id}").to_payload()))
        session.add(Outbox(user_id=8004, payload={"broken": True}))
    harness.session.failures[8002] = ["network"] * 4
    await harness.runtime.sender.drain_outbox(now=clock_now() + timedelta(seconds=1))
    rows = {row.user_id: row for row in await _outbox(harness)}
    assert rows[8001].status == "sent"
    # The failing row and the rest of its batch are back in the queue, not `sending`.
    assert rows[8002].status == "pending" and rows[8003].status == "pending"
    await harness.runtime.sender.drain_outbox(now=clock_now() + timedelta(seconds=1))
    rows = {row.user_id: row for row in await _outbox(harness)}
    assert [rows[u].status for u in (8001, 8002, 8003, 8004)] == [
        "sent",
        "sent",
        "sent",
        "dropped",
    ]
    assert len(harness.session.to(8002)) == 1


async def test_a_restart_sends_what_the_dead_process_had_claimed_at_once(
    harness: Harness,
) -> None:
    async with harness.runtime.db.transaction() as session:
        session.add(Outbox(user_id=8101, payload=Reply("hallo").to_payload()))
    claimed = await harness.runtime.sender._claim(clock_now() + timedelta(seconds=1), None, 10)
    assert len(claimed) == 1  # claimed, then the process is killed before sending
    restarted = await harness.restart()
    try:
        await run_due(restarted.runtime)
        assert [sent.text for sent in restarted.session.to(8101)] == ["hallo"]
    finally:
        await restarted.app.close()


async def _handover(services: Services, item: ScheduledItem) -> None:
    if item.ref == "bad":
        raise RuntimeError("this one fails")
    assert item.user_id is not None
    await services.notify(item.user_id, Reply(f"item {item.ref}"), urgent=True)


async def test_scheduler_claims_in_one_statement_and_one_failure_holds_back_nothing(
    pg_or_sqlite: Harness,
) -> None:
    harness = pg_or_sqlite
    JOBS["test.handover"] = _handover
    async with harness.runtime.db.transaction() as session:
        for n in range(30):
            session.add(
                ScheduledItem(
                    kind="test.handover",
                    due_at=NOW - timedelta(minutes=1),
                    user_id=9000 + n,
                    ref="bad" if n == 7 else str(n),
                )
            )
    counts = await run_due(harness.runtime, NOW, send=False)
    assert counts["items"] == 29
    async with harness.runtime.db.transaction() as session:
        items = (await session.exec(select(ScheduledItem))).all()
        queued = (await session.exec(select(func.count()).select_from(Outbox))).one()
    assert sorted(item.status for item in items).count("done") == 29
    bad = next(item for item in items if item.ref == "bad")
    assert bad.status == "pending" and bad.attempts == 1 and bad.claimed_by is None
    assert queued == 29


async def test_two_claims_never_share_an_item_and_shutdown_hands_claims_back(
    pg_or_sqlite: Harness,
) -> None:
    harness = pg_or_sqlite
    async with harness.runtime.db.transaction() as session:
        for n in range(10):
            session.add(
                ScheduledItem(kind="test.handover", due_at=NOW - timedelta(minutes=1), ref=str(n))
            )
    worker = worker_name(harness.runtime)
    first = await claim_due(harness.runtime, NOW, worker, limit=6)
    second = await claim_due(harness.runtime, NOW, worker, limit=6)
    assert len(first) == 6 and len(second) == 4
    assert not {row.id for row in first} & {row.id for row in second}
    assert await release_claims(harness.runtime, worker, dead_only=False) == 10
    assert len(await claim_due(harness.runtime, NOW, "other", limit=100)) == 10


async def test_webhook_shutdown_finishes_and_hands_back_claims(sqlite_url: str) -> None:
    """What SIGTERM triggers: stop listening, finish, hand back claimed work, close."""
    import asyncio
    import socket

    from aiohttp import ClientSession

    from powbot.bot.serve import WEBHOOK_PATH, serve_webhook

    harness = await make_harness(
        make_settings(
            sqlite_url, POWBOT_WEBHOOK_SECRET="s3cret-token", POWBOT_WEBHOOK_URL="https://x"
        )
    )
    async with harness.runtime.db.transaction() as session:
        session.add(ScheduledItem(kind="test.none", due_at=NOW + timedelta(days=1), ref="later"))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    stopped: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    serving = asyncio.create_task(serve_webhook(harness.app, "127.0.0.1", port, stopped))
    update = (
        harness.user(8201)
        .message_update("/start")
        .model_dump(mode="json", exclude_none=True, by_alias=True)
    )
    headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"}
    async with ClientSession() as http:
        for _ in range(200):
            try:
                async with http.post(
                    f"http://127.0.0.1:{port}{WEBHOOK_PATH}", json=update, headers=headers
                ) as response:
                    assert response.status == 200
                    break
            except OSError:
                await asyncio.sleep(0.05)
    # Something claimed by this worker and not sent when the stop comes.
    async with harness.runtime.db.transaction() as session:
        session.add(Outbox(user_id=8202, payload=Reply("later").to_payload()))
    await harness.runtime.sender._claim(clock_now() + timedelta(seconds=1), 8202, 10)
    stopped.set_result(None)
    await asyncio.wait_for(serving, 30)
    assert "Welke taal" in harness.session.to(8201)[0].text
    from powbot.storage.db import Database

    db = Database(sqlite_url)
    try:
        async with db.transaction() as session:
            rows = (await session.exec(select(Outbox))).all()
    finally:
        await db.dispose()
    assert [row.status for row in rows] == ["pending"]  # handed back, not stranded
