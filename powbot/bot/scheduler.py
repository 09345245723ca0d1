"""Durable timed work: rows with a due time, claimed atomically, run once.

APScheduler is only the clock that calls `run_due` every few seconds; the database is the
memory. Items that fell due while the bot was down run at the next pass after start-up.
"""

from __future__ import annotations

import logging
import os
import socket
from datetime import datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import delete, or_
from sqlmodel import col, select

from powbot.bot.runtime import Runtime
from powbot.clock import utcnow
from powbot.conversation.registry import JOBS, PERIODIC
from powbot.domain.unit import Services
from powbot.storage.models import ProcessedUpdate, ScheduledItem

log = logging.getLogger(__name__)

CLAIM_LEASE = timedelta(minutes=10)
MAX_ATTEMPTS = 5
UPDATE_MEMORY = timedelta(days=2)  # Telegram keeps undelivered updates for 24 hours


def worker_name(runtime: Runtime) -> str:
    """Unique per running app, also when two apps share one process (as in tests)."""
    return f"{socket.gethostname()}:{os.getpid()}:{id(runtime)}"


async def claim_due(
    runtime: Runtime, now: datetime, worker: str, limit: int = 200
) -> list[ScheduledItem]:
    """Mark up to `limit` due items as ours. SKIP LOCKED on PostgreSQL lets two workers
    claim side by side without waiting and without ever taking the same row; on SQLite
    the transaction holds the write lock from its first statement."""
    async with runtime.db.transaction() as session:
        stale = utcnow() - CLAIM_LEASE
        query = (
            select(ScheduledItem)
            .where(
                col(ScheduledItem.due_at) <= now,
                or_(
                    col(ScheduledItem.status) == "pending",
                    (col(ScheduledItem.status) == "claimed")
                    & (col(ScheduledItem.claimed_at) < stale),
                ),
            )
            .order_by(col(ScheduledItem.due_at), col(ScheduledItem.id))
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        items = list((await session.exec(query)).all())
        for item in items:
            item.status = "claimed"
            item.claimed_by = worker
            item.claimed_at = utcnow()
            item.attempts += 1
        return items


BATCH = 50  # items run in one transaction, each in its own savepoint


async def _run_batch(runtime: Runtime, item_ids: list[int], worker: str, now: datetime) -> int:
    """Run claimed items; one failing item rolls back only its own savepoint."""
    done = 0
    async with runtime.db.transaction() as session:
        query = (
            select(ScheduledItem)
            .where(col(ScheduledItem.id).in_(item_ids))
            .order_by(col(ScheduledItem.due_at), col(ScheduledItem.id))
            .with_for_update()
        )
        services = Services(session, runtime.settings, runtime.content, now)
        for item in (await session.exec(query)).all():
            if item.status != "claimed" or item.claimed_by != worker:
                continue  # cancelled meanwhile, or taken over after our lease ran out
            handler = JOBS.get(item.kind)
            if handler is None:
                item.status, item.error = "failed", f"no handler for {item.kind!r}"
                continue
            try:
                async with session.begin_nested():
                    await handler(services, item)
            except Exception as exc:
                log.exception("scheduled item %s (%s) failed", item.id, item.kind)
                item.error = type(exc).__name__
                # Try again later, a little later each time, then give up visibly.
                if item.attempts >= MAX_ATTEMPTS:
                    item.status = "failed"
                else:
                    item.status = "pending"
                    item.due_at = now + timedelta(minutes=2**item.attempts)
                continue
            if item.status == "claimed":
                item.status = "done"
                item.done_at = now
            done += 1
    return done


async def run_due(
    runtime: Runtime,
    now: datetime | None = None,
    *,
    send: bool = True,
    only_user: int | None = None,
) -> dict[str, int]:
    """One pass of everything due: scheduled items, then the outbox."""
    moment = now or utcnow()
    worker = worker_name(runtime)
    counts = {"items": 0, "sent": 0}
    for task in PERIODIC:
        async with runtime.db.transaction() as session:
            await task(Services(session, runtime.settings, runtime.content, moment))
    while True:
        items = await claim_due(runtime, moment, worker)
        if not items:
            break
        ids = [item.id for item in items if item.id is not None]
        for first in range(0, len(ids), BATCH):
            counts["items"] += await _run_batch(runtime, ids[first : first + BATCH], worker, moment)
    async with runtime.db.transaction() as session:
        await session.exec(
            delete(ProcessedUpdate).where(
                col(ProcessedUpdate.processed_at) < utcnow() - UPDATE_MEMORY
            )
        )
    if send:
        counts["sent"] = await runtime.sender.drain_outbox(now=moment, only_user=only_user)
    return counts


def start_scheduler(runtime: Runtime) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone=runtime.settings.tz)

    async def tick() -> None:
        try:
            await run_due(runtime)
        except Exception:
            log.exception("scheduler pass failed; the next pass retries")

    # next_run_time=now: catch up at once on whatever fell due while we were down.
    scheduler.add_job(
        tick,
        "interval",
        seconds=runtime.settings.tick_seconds,
        id="powbot-tick",
        max_instances=1,
        coalesce=True,
        next_run_time=datetime.now(runtime.settings.tz),
    )
    scheduler.start()
    return scheduler
