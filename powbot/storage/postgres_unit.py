"""An update's transaction on PostgreSQL, straight on the pooled asyncpg connection.

Through SQLAlchemy's AsyncConnection every statement of an update cost several times its
round trip in CPU (greenlet switches, the execution context), and there were seven round
trips. Here the connection is checked out of the engine's pool, the transaction is begun
and committed by asyncpg itself, and the hot-path statements run on it, joined where one
round trip can do the work of two (update_unit.py): BEGIN, record + lock, write + stage,
COMMIT. Only when a feature opens the ORM session is an AsyncConnection made around the
same checked-out connection; SQLAlchemy's asyncpg adapter then works inside a SAVEPOINT of
this transaction (asyncpg nests a transaction begun inside another), released before the
COMMIT.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, async_sessionmaker
from sqlalchemy.pool import PoolProxiedConnection
from sqlalchemy.util import greenlet_spawn
from sqlmodel.ext.asyncio.session import AsyncSession

from powbot.storage.update_unit import UpdateUnit


@asynccontextmanager
async def postgres_update_unit(
    engine: AsyncEngine, sessionmaker: async_sessionmaker[AsyncSession]
) -> AsyncIterator[UpdateUnit]:
    """Committed at the end with what the update changed, rolled back on any error."""
    pooled: PoolProxiedConnection = await greenlet_spawn(engine.sync_engine.raw_connection)
    wrapped: AsyncConnection | None = None

    def connection() -> AsyncConnection:
        """An AsyncConnection around the checked-out connection, for the ORM session."""
        nonlocal wrapped
        if wrapped is None:
            wrapped = AsyncConnection(engine, Connection(engine.sync_engine, connection=pooled))
        return wrapped

    unit: UpdateUnit | None = None
    driver: Any = pooled.driver_connection  # asyncpg.Connection
    try:
        async with driver.transaction():  # BEGIN; COMMIT at the end, ROLLBACK on an error
            unit = UpdateUnit(connection, sessionmaker, postgres=driver)
            try:
                yield unit
                await unit.finish()
                if wrapped is not None and wrapped.in_transaction():
                    await wrapped.commit()  # releases the ORM's savepoint
            except BaseException:
                if wrapped is not None and wrapped.in_transaction():
                    await wrapped.rollback()
                raise
    finally:
        if unit is not None:
            await unit.close()
        if driver.is_closed():  # the connection broke: not back into the pool
            await greenlet_spawn(pooled.invalidate)
        if wrapped is not None:
            await wrapped.close()  # gives the pooled connection back
        else:
            await greenlet_spawn(pooled.close)
