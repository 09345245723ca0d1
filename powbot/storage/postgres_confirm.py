"""Sent replies' outbox rows deleted on PostgreSQL without waiting for the disk, and most
often without a round trip of their own.

Every committing statement waits until PostgreSQL has flushed its WAL record to disk: on
the machines measured that was 1-3 ms of wall time, most of an update's wait on the
sequential feed (bench/throughput.py), and an update paid it twice: once for its own
write (the user's changes, the update id and the reply's outbox row) and once more for
deleting that row after Telegram took the reply. And each round trip costs ~0.25 ms of
CPU in this process (a socket write and read, an event-loop wake-up, a pool checkout).

The deletion does not need the disk. What it protects against is sending the reply again;
it is done as soon as the server has it, whether or not the server has flushed it:
- the bot killed after the statement reached the server: the server has the deletion
  (committed, and visible to every other session); nothing is sent again;
- the bot killed before: the row stays and the reply may be sent once more, the one known
  window for a duplicate;
- the database server itself crashing within the next ~0.6 s (three times
  `wal_writer_delay`) may forget the deletion: the reply is then sent a second time. A
  duplicate, never a lost reply; an update's own write still commits synchronously, so no
  answer is lost with it.
So the deleting statement sets `synchronous_commit` off for its own transaction only
(`set_config(..., true)`; it runs in autocommit, so that transaction ends with it and the
pooled connection is left as it was), in the same round trip as the DELETE.

And it need not be a statement of its own. A sent reply's id is queued (`SentReplies.add`)
and a task to delete it is started at once; if the next update's first statement goes to
the server before that task runs (the usual case when updates follow each other), it takes
the queued ids and deletes them in the same round trip (postgres_optimistic.py), and the
task finds nothing left to do. Either way the deletion leaves within one turn of the event
loop, so the window above grows by that turn at most. Whatever reads the outbox through
`Database.transaction` (the outbox worker, shutdown's hand-back of claims) first waits
until the queued deletions are done (`SentReplies.settle`), and so does `dispose`.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from powbot.storage.pooled import checked_out

log = logging.getLogger(__name__)

NO_WAIT = "no_wait AS (SELECT set_config('synchronous_commit', 'off', true))"
DELETE_SENT = (
    f"WITH {NO_WAIT} DELETE FROM outbox WHERE id = ANY($1::BIGINT[]) "
    "AND EXISTS (SELECT FROM no_wait)"
)


async def delete_sent(connection: Any, row_ids: list[int]) -> None:
    """On an asyncpg connection outside a transaction: these outbox rows deleted, committed
    without waiting for the WAL flush."""
    await connection.execute(DELETE_SENT, row_ids)


class SentReplies:
    """The sent replies' outbox rows of one database that are still to be deleted."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._ids: list[int] = []
        # Given back by a statement that failed: deleted by a statement of their own only,
        # so that whatever made it fail cannot make every update's statement fail.
        self._alone: list[int] = []
        self._task: asyncio.Task[None] | None = None

    def add(self, row_id: int) -> None:
        """Queue a sent reply's row; its deletion starts at the loop's next turn at the
        latest."""
        self._ids.append(row_id)
        self._start()

    def take(self) -> list[int]:
        """The queued ids, for a statement that deletes them on its way (`put_back` them if
        that statement fails)."""
        ids, self._ids = self._ids, []
        return ids

    def put_back(self, ids: list[int]) -> None:
        if ids:
            self._alone.extend(ids)
            self._start()

    async def settle(self) -> None:
        """Returns once the rows queued so far are deleted (or their deletion failed: the
        database is unreachable, and they stay for the lease)."""
        for _ in range(2):  # the deletion under way, then one of what was queued meanwhile
            self._start()
            task = self._task
            if task is None or task.done():
                return
            await asyncio.wait({task})
            if task.cancelled() or task.exception() is not None:
                return

    def _queued(self) -> bool:
        return bool(self._ids or self._alone)

    def _start(self) -> None:
        if self._queued() and (self._task is None or self._task.done()):
            self._task = asyncio.get_running_loop().create_task(self._delete_queued())
            self._task.add_done_callback(self._deleted)

    async def _delete_queued(self) -> None:
        ids, self._alone = [*self._alone, *self.take()], []
        if not ids:
            return  # taken on the way by an update's statement
        try:
            async with checked_out(self._engine) as connection:
                await delete_sent(connection, ids)
        except BaseException:
            self._alone[:0] = ids  # kept for the next try
            raise

    def _deleted(self, task: asyncio.Task[None]) -> None:
        if not task.cancelled() and task.exception() is not None:
            log.warning("sent replies not confirmed yet: %s", type(task.exception()).__name__)
        elif not task.cancelled():
            self._start()  # what was queued while it ran
