"""Durable timed work: rows with a due time, claimed atomically, run once.

APScheduler is only the clock that calls `run_due` every few seconds; the database is the
memory. Items that fell due while the bot was down run at the next pass after start-up.

Set-based: one statement claims a batch of due items (UPDATE ... RETURNING; on PostgreSQL
its subquery takes the rows FOR UPDATE SKIP LOCKED, so workers never share an item), the
batch runs in one transaction and its outbox rows are inserted in bulk at the commit. Only
when an item fails is the batch run again item by item, so one bad item holds back nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import delete, insert, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from powbot.bot.runtime import Runtime
from powbot.clock import utcnow
from powbot.config import Settings
from powbot.conversation.registry import JOBS, PERIODIC
from powbot.domain.messages import Reply
from powbot.domain.unit import Services
from powbot.knowledge.content import Content
from powbot.storage.models import Outbox, ProcessedUpdate, ScheduledItem

if TYPE_CHECKING:  # the clock of `powbot run` only; tick and chat call run_due themselves
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

log = logging.getLogger(__name__)

CLAIM_LEASE = timedelta(minutes=10)
MAX_ATTEMPTS = 5
UPDATE_MEMORY = timedelta(days=2)  # Telegram keeps undelivered updates for 24 hours
SENT_MEMORY = timedelta(days=7)  # sent and dropped outbox rows are deleted after this
CLAIM_BATCH = 500  # items per claim: one transaction of handlers, well within the lease
_RELEASED: set[str] = set()


def worker_name(runtime: Runtime) -> str:
    """Unique per running app (the sender's name: host, pid and a random token)."""
    return runtime.sender.worker


# An outbox row's columns besides the id, and the defaults of those `notify` leaves alone:
# the same values the model's constructor would give them.
_OUTBOX_FIELDS = {name: f for name, f in Outbox.model_fields.items() if name != "id"}
_OUTBOX_DEFAULTS = {
    name: f.default
    for name, f in _OUTBOX_FIELDS.items()
    if f.default_factory is None and not f.is_required()
}
# Called here without pydantic's per-call inspection of the factory (none takes arguments).
_OUTBOX_MADE = {
    name: cast(Callable[[], Any], f.default_factory)
    for name, f in _OUTBOX_FIELDS.items()
    if f.default_factory is not None
}


class JobServices(Services):
    """Services for a job: messages it queues for someone else are about the item's user.

    A batch of jobs writes one outbox row per message; building and flushing an ORM object
    for each was most of a batch's time. Here `notify` keeps the row's values, and the batch
    inserts them all in one statement before its commit (`insert_queued`). Until then they
    are not in the session: a job does not read the outbox it writes.
    """

    subject: int | None = None

    def __init__(
        self, session: AsyncSession, settings: Settings, content: Content, now: datetime
    ) -> None:
        super().__init__(session, settings, content, now)
        self.queued: list[dict[str, Any]] = []

    async def notify(
        self,
        user_id: int,
        reply: Reply,
        *,
        urgent: bool = False,
        due_at: datetime | None = None,
        anonymous: bool = False,
    ) -> None:
        values = dict(_OUTBOX_DEFAULTS)
        values.update((name, make()) for name, make in _OUTBOX_MADE.items())
        values.update(self.outbox_values(user_id, reply, urgent, due_at, anonymous))
        self.queued.append(values)
        self.outbox_written = True

    def subject_of(self, user_id: int) -> int | None:
        return None if user_id == self.subject else self.subject

    async def insert_queued(self) -> None:
        """The queued outbox rows, in the order they were queued: one Core executemany."""
        if self.queued:
            connection = await self.session.connection()
            await connection.execute(insert(Outbox), self.queued)
            self.queued = []


def _due(now: datetime, stale: datetime) -> list[Any]:
    return [
        col(ScheduledItem.due_at) <= now,
        or_(
            col(ScheduledItem.status) == "pending",
            (col(ScheduledItem.status) == "claimed") & (col(ScheduledItem.claimed_at) < stale),
        ),
    ]


async def claim_due(
    runtime: Runtime, now: datetime, worker: str, limit: int = CLAIM_BATCH
) -> list[Any]:
    """Mark up to `limit` due items as ours in one statement; their (id, due_at) rows,
    oldest first."""
    async with runtime.db.transaction() as session:
        stale = utcnow() - CLAIM_LEASE
        chosen = (
            select(ScheduledItem.id)
            .where(*_due(now, stale))
            .order_by(col(ScheduledItem.due_at), col(ScheduledItem.id))
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        statement = (
            update(ScheduledItem)
            .where(col(ScheduledItem.id).in_(chosen.scalar_subquery()))
            .values(
                status="claimed",
                claimed_by=worker,
                claimed_at=utcnow(),
                attempts=ScheduledItem.attempts + 1,
            )
            .returning(col(ScheduledItem.id), col(ScheduledItem.due_at))
            .execution_options(synchronize_session=False)
        )
        rows = (await session.exec(statement)).all()
        return sorted(rows, key=lambda row: (row.due_at, row.id))


async def _run_items(
    runtime: Runtime, item_ids: list[int], worker: str, now: datetime, *, strict: bool
) -> int:
    """Run claimed items in one transaction. strict: the first failure raises (and rolls
    back the batch); otherwise a failing item is marked for a retry and the rest go on."""
    done = 0
    async with runtime.db.transaction() as session:
        query = (
            select(ScheduledItem)
            .where(col(ScheduledItem.id).in_(item_ids))
            .order_by(col(ScheduledItem.due_at), col(ScheduledItem.id))
            .with_for_update()
        )
        services = JobServices(session, runtime.settings, runtime.content, now)
        for item in (await session.exec(query)).all():
            if item.status != "claimed" or item.claimed_by != worker:
                continue  # cancelled meanwhile, or taken over after our lease ran out
            handler = JOBS.get(item.kind)
            if handler is None:
                item.status, item.error = "failed", f"no handler for {item.kind!r}"
                continue
            services.subject = item.user_id
            if strict:
                await handler(services, item)
            else:
                try:
                    await handler(services, item)
                except Exception as exc:
                    _failed(item, exc, now)
                    raise
            if item.status == "claimed":
                item.status = "done"
                item.done_at = now
            done += 1
        await services.insert_queued()  # in the batch's transaction, before its commit
    return done


def _failed(item: ScheduledItem, exc: Exception, now: datetime) -> None:
    log.exception("scheduled item %s (%s) failed", item.id, item.kind)
    item.error = type(exc).__name__
    # Try again later, a little later each time, then give up visibly.
    if item.attempts >= MAX_ATTEMPTS:
        item.status = "failed"
    else:
        item.status = "pending"
        item.due_at = now + timedelta(minutes=2**item.attempts)
        item.claimed_by = None


async def _run_one(runtime: Runtime, item_id: int, worker: str, now: datetime) -> int:
    """One item in its own transaction; a failure is recorded in a second one."""
    try:
        return await _run_items(runtime, [item_id], worker, now, strict=True)
    except Exception as exc:
        async with runtime.db.transaction() as session:
            item = await session.get(ScheduledItem, item_id)
            if item is not None and item.status == "claimed" and item.claimed_by == worker:
                _failed(item, exc, now)
        return 0


async def run_batch(runtime: Runtime, item_ids: list[int], worker: str, now: datetime) -> int:
    try:
        return await _run_items(runtime, item_ids, worker, now, strict=True)
    except Exception:
        log.info("a scheduled item failed; its batch of %d runs item by item", len(item_ids))
    done = 0
    for item_id in item_ids:
        done += await _run_one(runtime, item_id, worker, now)
    return done


async def release_claims(runtime: Runtime, worker: str, *, dead_only: bool) -> int:
    """Claimed items go back to `pending`: those of dead processes (at start-up), or this
    worker's own (at shutdown), so a restart picks them up at once."""
    async with runtime.db.transaction() as session:
        claimed = col(ScheduledItem.status) == "claimed"
        if dead_only:
            owners = (
                await session.exec(select(ScheduledItem.claimed_by).where(claimed).distinct())
            ).all()
            if not any(owners):
                return 0
            # Here, not at the top: the sender's module brings aiogram, which a tick with
            # nothing to send or release does without.
            from powbot.bot.outbox_delivery import claim_owner_is_dead

            names = [o for o in owners if o and claim_owner_is_dead(o, worker)]
        else:
            names = [worker]
        if not names:
            return 0
        result = await session.exec(
            update(ScheduledItem)
            .where(claimed, col(ScheduledItem.claimed_by).in_(names))
            .values(status="pending", claimed_by=None, claimed_at=None)
        )
        return int(result.rowcount or 0)


async def _forget_old(runtime: Runtime) -> None:
    """Update ids past redelivery, and sent or dropped outbox rows past their retention."""
    async with runtime.db.transaction() as session:
        await session.exec(
            delete(ProcessedUpdate).where(
                col(ProcessedUpdate.processed_at) < utcnow() - UPDATE_MEMORY
            )
        )
        await session.exec(
            delete(Outbox).where(
                col(Outbox.status).in_(("sent", "dropped")),
                col(Outbox.created_at) < utcnow() - SENT_MEMORY,
            )
        )


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
    if worker not in _RELEASED:
        _RELEASED.add(worker)
        await release_claims(runtime, worker, dead_only=True)
    counts = {"items": 0, "sent": 0}
    for task in PERIODIC:
        async with runtime.db.transaction() as session:
            await task(Services(session, runtime.settings, runtime.content, moment))
    while True:
        claimed = await claim_due(runtime, moment, worker)
        if not claimed:
            break
        ids = [row.id for row in claimed]
        counts["items"] += await run_batch(runtime, ids, worker, moment)
    await _forget_old(runtime)
    await runtime.db.scrub_erased()  # after retention erasures: out of the files too
    # A sender that is not loaded yet (`powbot tick`) is loaded when a message is due.
    if send and (getattr(runtime.sender, "loaded", True) or await _outbox_due(runtime, moment)):
        counts["sent"] = await runtime.sender.drain_outbox(now=moment, only_user=only_user)
    return counts


async def _outbox_due(runtime: Runtime, now: datetime) -> bool:
    """Whether any message is due to be sent, or is being sent (perhaps by a dead worker)."""
    async with runtime.db.transaction() as session:
        due = select(Outbox.id).where(
            or_(
                (col(Outbox.status) == "pending") & (col(Outbox.due_at) <= now),
                col(Outbox.status) == "sending",
            )
        )
        return (await session.exec(due.limit(1))).first() is not None


def start_scheduler(runtime: Runtime) -> AsyncIOScheduler:
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    scheduler = AsyncIOScheduler(timezone=runtime.settings.tz)
    busy = asyncio.Lock()
    scheduler.powbot_busy = busy

    async def tick() -> None:
        async with busy:
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


async def stop_scheduler(scheduler: object, runtime: Runtime, *, timeout: float) -> None:
    """No new passes; the pass in hand finishes (up to `timeout`), then every item this
    worker still holds goes back to `pending` for the next process."""
    scheduler.shutdown(wait=False)  # type: ignore[attr-defined]
    busy: asyncio.Lock | None = getattr(scheduler, "powbot_busy", None)
    if busy is not None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(busy.acquire(), timeout)
    with contextlib.suppress(Exception):
        await release_claims(runtime, worker_name(runtime), dead_only=False)
