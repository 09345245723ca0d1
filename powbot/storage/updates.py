"""Remembering which Telegram updates were handled, in one statement."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam
from sqlalchemy.dialects.postgresql import insert as postgres_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from powbot.storage.models import ProcessedUpdate

# Built once: building a statement costs more than running it (it runs for every update).
_RECORD = {
    name: insert(ProcessedUpdate)
    .values(update_id=bindparam("update_id"), processed_at=bindparam("processed_at"))
    .on_conflict_do_nothing(index_elements=["update_id"])
    for name, insert in (("postgresql", postgres_insert), ("sqlite", sqlite_insert))
}


async def first_time(connection: AsyncConnection, update_id: int, now: datetime) -> bool:
    """Record the update id; False when it was recorded before (a redelivery)."""
    statement = _RECORD[connection.dialect.name]
    result = await connection.execute(statement, {"update_id": update_id, "processed_at": now})
    return result.rowcount == 1
