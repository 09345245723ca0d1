"""Issue 19 on PostgreSQL: a sent reply's outbox row is deleted without waiting for the disk
(storage/postgres_confirm.py). What a user notices stays: a reply lost to a crash between
the commit and the send still arrives, a reply that got through never arrives twice, and an
answer is still saved before its reply goes out."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import asyncpg
import pytest
from sqlmodel import select

from powbot.bot.scheduler import run_due
from powbot.storage.models import Outbox, User
from powbot.storage.postgres_confirm import delete_sent
from tests.clock_double import clock_now
from tests.conftest import Harness, make_harness, make_settings


@pytest.fixture
async def pg_harness(postgres_url: str) -> AsyncIterator[Harness]:
    h = await make_harness(make_settings(postgres_url))
    yield h
    await h.app.close()


async def _outbox(harness: Harness) -> list[Outbox]:
    async with harness.runtime.db.transaction() as session:
        return list((await session.exec(select(Outbox))).all())


async def test_a_reply_lost_to_a_crash_after_the_commit_is_sent_by_the_redelivery(
    pg_harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    player = pg_harness.user(9101)
    update = player.message_update("/start")

    async def killed(*_: Any) -> None:  # the process dies between the commit and the send
        return None

    monkeypatch.setattr(pg_harness.runtime.sender, "deliver_staged", killed)
    await pg_harness.app.feed(update)
    monkeypatch.undo()
    restarted = await pg_harness.restart()
    try:
        again = restarted.user(9101)
        sent = await again.feed(update)  # Telegram redelivers: the reply goes out now
        assert len(sent) == 1 and "Welke taal" in sent[0].text
        assert await again.feed(update) == []  # and once only
    finally:
        await restarted.app.close()


async def test_a_reply_that_got_through_is_never_sent_again(pg_harness: Harness) -> None:
    """Neither by a redelivery of its update, nor by the outbox after a restart."""
    player = pg_harness.user(9102)
    update = player.message_update("/start")
    first = await player.feed(update)
    assert len(first) == 1 and "Welke taal" in first[0].text
    assert await player.feed(update) == []
    assert await _outbox(pg_harness) == []  # nothing of its text stays either
    restarted = await pg_harness.restart()
    try:
        await run_due(restarted.runtime, clock_now() + timedelta(minutes=10))
        assert restarted.session.to(9102) == []
    finally:
        await restarted.app.close()


async def test_the_answers_of_a_conversation_are_saved_with_replies_in_order(
    pg_harness: Harness,
) -> None:
    """Several updates in a row, each confirming its reply: every step is saved, each reply
    arrives once and in order."""
    player = pg_harness.user(9103)
    await player.send("/start")
    await player.press("Nederlands")
    await player.press("Ik zoek werk")
    texts = [sent.text for sent in player.inbox()]
    assert len(texts) == len(set(texts)) >= 3
    async with pg_harness.runtime.db.transaction() as session:
        user = await session.get(User, 9103)
        assert user is not None and user.language == "nl" and user.role == "seeker"
    assert await _outbox(pg_harness) == []


async def test_after_a_confirmation_the_connection_still_waits_for_the_disk(
    postgres_url: str,
) -> None:
    """Only the deletion skips the wait for the disk: the next update written on the same
    (pooled) connection must not, or a server crash could lose an answer whose reply went
    out."""
    connection = await asyncpg.connect(postgres_url.replace("+asyncpg", ""))
    try:
        await connection.execute("CREATE TABLE outbox (id serial PRIMARY KEY)")
        row_id = await connection.fetchval("INSERT INTO outbox DEFAULT VALUES RETURNING id")
        await delete_sent(connection, row_id)
        assert await connection.fetchval("SELECT count(*) FROM outbox") == 0
        assert await connection.fetchval("SHOW synchronous_commit") == "on"
    finally:
        await connection.close()
