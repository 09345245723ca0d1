"""A driver connection (sqlite3 inline or asyncpg) checked out of the engine's pool.

For single statements on a hot path: SQLAlchemy's AsyncConnection around a statement cost
several times the statement (bench/throughput.py). Checked out of the same pool, it still
waits its turn like every other user of the database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import PoolProxiedConnection
from sqlalchemy.util import greenlet_spawn


@asynccontextmanager
async def checked_out(engine: AsyncEngine) -> AsyncIterator[Any]:
    """The driver's connection, for as long as the block runs; given back (and rolled back
    if anything is left open) at its end."""
    pooled: PoolProxiedConnection = await greenlet_spawn(engine.sync_engine.raw_connection)
    try:
        yield pooled.driver_connection
    finally:
        await greenlet_spawn(pooled.close)
