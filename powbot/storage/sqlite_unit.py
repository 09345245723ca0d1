"""An update's transaction on SQLite, straight on the pooled connection.

Through SQLAlchemy's AsyncConnection, an empty transaction (check the connection out,
begin, commit, give it back) cost ~430 µs of CPU, mostly greenlet switches, while SQLite's
BEGIN and COMMIT took ~35 µs (bench/throughput.py). Here the connection is checked out of
the engine's pool (the pool holds one connection, so this is still the queue every user of
the database waits in) and the transaction is begun and committed on the sqlite3
connection itself. Only when a feature opens the ORM session is an AsyncConnection made
around the same checked-out connection; it joins the transaction already begun.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from powbot.storage.pooled import UpdateConnection
from powbot.storage.sqlite_inline import InlineConnection
from powbot.storage.update_unit import UpdateUnit


@asynccontextmanager
async def sqlite_update_unit(
    engine: AsyncEngine, sessionmaker: async_sessionmaker[AsyncSession]
) -> AsyncIterator[UpdateUnit]:
    """Committed at the end with what the update changed, rolled back on any error."""
    connection = await UpdateConnection.check_out(engine)
    unit: UpdateUnit | None = None
    try:
        inline = connection.driver
        assert isinstance(inline, InlineConnection)
        await inline.begin_immediate()
        unit = UpdateUnit(connection.for_orm, sessionmaker, inline.sqlite)
        try:
            yield unit
            await unit.finish()
            await connection.end_orm(commit=True)  # SQLAlchemy's view of it ends too
            if inline.sqlite.in_transaction:
                await inline.commit()
        except BaseException:
            await connection.end_orm(commit=False)
            if inline.sqlite.in_transaction:
                await inline.rollback()
            raise
    finally:
        if unit is not None:
            await unit.close()
        await connection.give_back()
