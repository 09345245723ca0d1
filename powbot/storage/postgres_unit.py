"""An update's transaction on PostgreSQL, straight on the pooled asyncpg connection
(optimistic by default: postgres_optimistic.py; this is the locking way).

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

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from powbot.storage.pooled import UpdateConnection
from powbot.storage.postgres_optimistic import OptimisticUnit
from powbot.storage.update_unit import UpdateUnit


@asynccontextmanager
async def postgres_update_unit(
    engine: AsyncEngine, sessionmaker: async_sessionmaker[AsyncSession], *, lock: bool = False
) -> AsyncIterator[UpdateUnit]:
    """Committed at the end with what the update changed, rolled back on any error.

    lock=False: optimistic, two round trips for an update without the ORM session
    (postgres_optimistic.py); it raises `UserChanged` when another worker changed the user
    meanwhile. lock=True: the row is locked from the start (for running such an update
    again, which then cannot meet a change)."""
    connection = await UpdateConnection.check_out(engine)
    unit: UpdateUnit | None = None
    try:
        if not lock:
            unit = optimistic = OptimisticUnit(
                connection.for_orm, sessionmaker, postgres=connection.driver
            )
            try:
                yield unit
                await unit.finish()
                await connection.end_orm(commit=True)  # releases the ORM's savepoint
                await optimistic.commit()
            except BaseException:
                await connection.end_orm(commit=False)
                await optimistic.rollback()
                raise
            return
        async with connection.driver.transaction():  # BEGIN; COMMIT, or ROLLBACK on an error
            unit = UpdateUnit(connection.for_orm, sessionmaker, postgres=connection.driver)
            try:
                yield unit
                await unit.finish()
                await connection.end_orm(commit=True)  # releases the ORM's savepoint
            except BaseException:
                await connection.end_orm(commit=False)
                raise
    finally:
        if unit is not None:
            await unit.close()
        await connection.give_back(broken=connection.driver.is_closed())
