"""A sent reply's outbox row deleted on PostgreSQL without waiting for the disk.

Every committing statement waits until PostgreSQL has flushed its WAL record to disk: on
the machines measured that was 1-3 ms of wall time, most of an update's wait on the
sequential feed (bench/throughput.py), and an update paid it twice: once for its own
write (the user's changes, the update id and the reply's outbox row) and once more for
deleting that row after Telegram took the reply.

The deletion does not need that wait. What it protects against is sending the reply again;
it is done as soon as the server has it, whether or not the server has flushed it:
- the bot killed after this statement returned: the server has the deletion (committed and
  visible to every other session); nothing is sent again;
- the bot killed before it returned: as before (the row stays, the reply may be sent once
  more: the one known window for a duplicate, now shorter since the statement returns
  sooner);
- the database server itself crashing within the next ~0.6 s (three times
  `wal_writer_delay`) may forget the deletion: the reply is then sent a second time. A
  duplicate, never a lost reply; and an update's own write still commits synchronously,
  so no answer is lost with it.

So this one statement commits asynchronously: `synchronous_commit` is set off for its own
transaction only (`set_config(..., true)`; the statement runs in autocommit, so that
transaction ends with it and the pooled connection is left as it was), in the same round
trip as the DELETE.

Tried and dropped (issue 19): queueing the deletion and letting the next update's first
statement carry it (one round trip per update fewer, 3.6 -> 2.6 on the sequential feed,
~0.3 ms CPU). The deletion then left one event-loop turn later instead of right after
Telegram's answer, and on a loaded machine a turn took tens of milliseconds: under
`bench/crash.py --users 3 --seed 13` duplicates rose from 4 to 24 on PostgreSQL. The
deletion is sent the moment the reply is confirmed, and awaited, as before.
"""

from __future__ import annotations

from typing import Any

DELETE_SENT = (
    "WITH no_wait AS (SELECT set_config('synchronous_commit', 'off', true)) "
    "DELETE FROM outbox WHERE id = $1 AND EXISTS (SELECT FROM no_wait)"
)


async def delete_sent(connection: Any, row_id: int) -> None:
    """On an asyncpg connection outside a transaction: the outbox row `row_id` deleted,
    committed without waiting for the WAL flush."""
    await connection.execute(DELETE_SENT, row_id)
