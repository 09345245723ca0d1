"""Remembering which Telegram updates were handled, in one statement."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects.postgresql import insert as postgres_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel.ext.asyncio.session import AsyncSession

from powbot.storage.models import ProcessedUpdate


async def first_time(session: AsyncSession, update_id: int, now: datetime) -> bool:
    """Record the update id; False when it was recorded before (a redelivery)."""
    dialect = session.get_bind().dialect.name
    insert = postgres_insert if dialect == "postgresql" else sqlite_insert
    statement = (
        insert(ProcessedUpdate)
        .values(update_id=update_id, processed_at=now)
        .on_conflict_do_nothing(index_elements=["update_id"])
    )
    # On the Core connection: the ORM's statement execution costs more than the insert.
    connection = await session.connection()
    result = await connection.execute(statement)
    return result.rowcount == 1
