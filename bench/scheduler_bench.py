"""Scheduler and sender figures, run by hand (not part of the tests).

    .venv/bin/python bench/scheduler_bench.py [--pg postgresql://postgres@127.0.0.1:5432/test]

1. 100,000 scheduled items in the database, 10,000 of them due: how long one scheduler pass
   takes to claim them (FOR UPDATE SKIP LOCKED on PostgreSQL) and hand each one over (a job
   that writes an outbox row for the sender) - on SQLite and, when reachable, PostgreSQL.
2. The send rate the outbound sender reaches against a limit of 30 messages/s, with a Bot API
   double that answers at once, as a fraction of that limit.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, insert
from sqlmodel import select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from powbot.bot.app import create_app
from powbot.bot.scheduler import run_due
from powbot.bot.sender import Sender
from powbot.clock import utcnow
from powbot.conversation.registry import JOBS
from powbot.domain.messages import Reply
from powbot.domain.unit import Services
from powbot.storage.models import Outbox, ScheduledItem
from tests.conftest import make_settings
from tests.telegram_double import RecordingSession

TOTAL = 100_000
DUE = 10_000
KIND = "bench.handover"


async def handover(services: Services, item: ScheduledItem) -> None:
    """What a check-in job does at its core: one message for the sender."""
    assert item.user_id is not None
    await services.notify(item.user_id, Reply(f"check-in {item.id}"), urgent=True)


async def scheduler_figures(url: str, label: str) -> None:
    settings = make_settings(url)
    app = await create_app(settings, session=RecordingSession())
    JOBS[KIND] = handover  # after create_app: composing the features refills JOBS
    try:
        now = utcnow()
        rows = [
            {
                "kind": KIND,
                # The first DUE rows are due; the rest lie in the coming half year.
                "due_at": now - timedelta(minutes=1) if n < DUE else now + timedelta(hours=1 + n),
                "user_id": 10_000_000 + n,
                "ref": f"bench:{n}",
                "payload": {},
                "status": "pending",
                "attempts": 0,
            }
            for n in range(TOTAL)
        ]
        started = time.perf_counter()
        async with app.runtime.db.transaction() as session:
            connection = await session.connection()  # a Core bulk insert, no ORM objects
            for chunk in range(0, TOTAL, 10_000):
                await connection.execute(insert(ScheduledItem), rows[chunk : chunk + 10_000])
        filled = time.perf_counter() - started
        started, cpu = time.perf_counter(), time.process_time()
        counts = await run_due(app.runtime, now, send=False)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        async with app.runtime.db.transaction() as session:
            queued = (await session.exec(select(func.count()).select_from(Outbox))).one()
        assert counts["items"] == DUE and queued == DUE, (counts, queued)
        print(
            f"{label:10s} {TOTAL:,} items ({filled:.1f} s to insert); "
            f"claimed + handed over {DUE:,} due: {elapsed:.2f} s "
            f"({DUE / elapsed:,.0f} items/s; this process's CPU {cpu:.2f} s)"
        )
    finally:
        await app.close()


async def sender_figures(url: str, messages: int = 300, limit: float = 30.0) -> None:
    settings = make_settings(url)
    app = await create_app(settings, session=RecordingSession())
    try:
        double = RecordingSession()
        from aiogram import Bot

        sender = Sender(Bot("42:TEST", session=double), app.runtime.db, rate=limit)
        async with app.runtime.db.transaction() as session:
            for n in range(messages):
                session.add(Outbox(user_id=20_000_000 + n, payload=Reply(f"m{n}").to_payload()))
        started = time.perf_counter()
        sent = await sender.drain_outbox(now=utcnow() + timedelta(seconds=1))
        elapsed = time.perf_counter() - started
        # aiolimiter lets the first `limit` through at once; the steady rate is what counts.
        steady = (sent - limit) / elapsed
        print(
            f"sender     {sent} messages to {sent} chats in {elapsed:.2f} s: "
            f"{sent / elapsed:.1f}/s overall, {steady:.1f}/s after the first burst "
            f"= {steady / limit:.0%} of the {limit:.0f}/s limit"
        )
    finally:
        await app.close()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    JOBS[KIND] = handover  # a bench-only job kind beside the composed features
    with tempfile.TemporaryDirectory() as folder:
        await scheduler_figures(f"sqlite+aiosqlite:///{folder}/bench.db", "SQLite")
        await sender_figures(f"sqlite+aiosqlite:///{folder}/sender.db")
    try:
        import asyncpg

        admin = await asyncpg.connect(args.pg)
    except (OSError, Exception) as exc:  # PostgreSQL is optional for this bench
        print(f"PostgreSQL skipped: {exc}")
        return
    name = f"powbot_bench_{uuid.uuid4().hex[:8]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        await scheduler_figures(f"{args.pg.rsplit('/', 1)[0]}/{name}", "PostgreSQL")
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


if __name__ == "__main__":
    asyncio.run(main())
