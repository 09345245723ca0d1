"""A driver connection (sqlite3 inline or asyncpg) checked out of the engine's pool.

For the statements of the hot path: SQLAlchemy's AsyncConnection around a statement cost
several times the statement (bench/throughput.py). Checked out of the same pool, it still
waits its turn like every other user of the database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy.engine import Connection
from sqlalchemy.exc import MissingGreenlet
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.pool import PoolProxiedConnection, QueuePool
from sqlalchemy.util import greenlet_spawn

from powbot.storage.sqlite_inline import InlineConnection


@asynccontextmanager
async def checked_out(engine: AsyncEngine) -> AsyncIterator[Any]:
    """The driver's connection, for as long as the block runs; given back (and rolled back
    if anything is left open) at its end."""
    pooled: PoolProxiedConnection = await greenlet_spawn(engine.sync_engine.raw_connection)
    try:
        yield pooled.driver_connection
    finally:
        await greenlet_spawn(pooled.close)


class UpdateConnection:
    """The connection of one update's transaction (sqlite_unit.py, postgres_unit.py): the
    driver's connection, and an AsyncConnection around it made only when the update opens
    the ORM session."""

    def __init__(self, engine: AsyncEngine, pooled: PoolProxiedConnection) -> None:
        self._engine = engine
        self._pooled = pooled
        self.driver: Any = pooled.driver_connection
        self._wrapped: AsyncConnection | None = None

    @classmethod
    async def check_out(cls, engine: AsyncEngine) -> UpdateConnection:
        pool = engine.sync_engine.pool
        if engine.dialect.name == "sqlite" and isinstance(pool, QueuePool) and pool.checkedin():
            # SQLite's one connection is idle: taking it does no I/O, so it needs no greenlet
            # (two switches cost more than the checkout). Had it to connect again (after an
            # invalidation), the pool put it back at SQLAlchemy's MissingGreenlet: see below.
            try:
                return cls(engine, engine.sync_engine.raw_connection())
            except MissingGreenlet:
                pass
        return cls(engine, await greenlet_spawn(engine.sync_engine.raw_connection))

    def for_orm(self) -> AsyncConnection:
        if self._wrapped is None:
            sync = Connection(self._engine.sync_engine, connection=self._pooled)
            self._wrapped = AsyncConnection(self._engine, sync)
        return self._wrapped

    async def end_orm(self, *, commit: bool) -> None:
        """Ends SQLAlchemy's view of the transaction, if the ORM was used."""
        if self._wrapped is not None and self._wrapped.in_transaction():
            await (self._wrapped.commit() if commit else self._wrapped.rollback())

    async def give_back(self, *, broken: bool = False) -> None:
        if broken:  # not back into the pool
            await greenlet_spawn(self._pooled.invalidate)
        if self._wrapped is not None:
            await self._wrapped.close()  # gives the pooled connection back
        elif not broken and isinstance(self.driver, InlineConnection) and not self.driver.in_use:
            # SQLite, its transaction ended (committed or rolled back): nothing for the pool
            # to roll back, so it is put back at once, as SQLAlchemy's own Connection does
            # after a transaction (no I/O, so no greenlet).
            self._pooled._close_special(transaction_reset=True)
        else:
            await greenlet_spawn(self._pooled.close)
