"""SQLite for the async engine without a thread hand-off per statement.

aiosqlite runs every call on its own thread and hands the result back to the event loop:
measured on the update hot path that was ~28 hand-offs and most of the time of an update
(bench/throughput.py), while SQLite itself took ~0.2 ms. This connection keeps aiosqlite's
interface (what SQLAlchemy's aiosqlite dialect talks to) but runs each call on the loop at
once: a statement on a WAL database is a few tens of microseconds, cheaper than one hop.

Two things could block the loop for long, and both are kept off it:
- waiting for the write lock held by another process (`powbot tick` from cron, `powbot
  web`): busy_timeout is 0 and a busy statement is retried after an async sleep, so other
  users' updates run meanwhile. A statement that failed with SQLITE_BUSY had no effect, so
  running it again is safe.
- checkpoints (copying the WAL into the database file, with an fsync): automatic
  checkpoints are off on this connection; `WalCheckpointer` runs them on a thread from a
  second connection, which does not block this one.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

import aiosqlite

BUSY_WAIT_SECONDS = 30.0  # as long as the old busy_timeout: then "database is locked"
CHECKPOINT_EVERY = 500  # commits between background checkpoints


class _RunNow:
    """Stands in for aiosqlite's queue to its thread: SQLAlchemy's dialect puts its
    isolation-level setter straight on that queue; run it at once instead."""

    def put_nowait(self, item: tuple[asyncio.Future[Any] | None, Callable[[], Any]]) -> None:
        future, function = item
        try:
            result = function()
        except BaseException as error:  # handed to the awaiting caller, as the thread would
            if future is not None:
                future.set_exception(error)
            return
        if future is not None:
            future.set_result(result)


class InlineConnection(aiosqlite.Connection):
    """An aiosqlite connection whose calls run on the event loop's own thread."""

    def __init__(self, database: str, on_commit: Callable[[], None] | None = None) -> None:
        super().__init__(lambda: _open(database), iter_chunk_size=64)
        self._tx = _RunNow()  # type: ignore[assignment]
        self._on_commit = on_commit

    async def _connect(self) -> InlineConnection:
        if self._connection is None:
            self._connection = self._connector()
        return self

    def __await__(self) -> Any:  # no thread to start
        return self._connect().__await__()

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if not self._running or not self._connection:
            raise ValueError("Connection closed")
        deadline: float | None = None
        delay = 0.001
        while True:
            try:
                return fn(*args, **kwargs)
            except sqlite3.OperationalError as error:
                if not _retryable(error):
                    raise
                now = time.monotonic()
                deadline = deadline or now + BUSY_WAIT_SECONDS
                if now >= deadline:
                    raise
            await asyncio.sleep(delay)  # another process writes: let other updates run
            delay = min(delay * 2, 0.05)

    async def begin_immediate(self) -> None:
        """BEGIN IMMEDIATE: the write lock from the start, waiting (asynchronously) while
        another process holds it."""
        await self._execute(self._conn.execute, "BEGIN IMMEDIATE")

    async def commit(self) -> None:
        await self._execute(self._conn.commit)
        if self._on_commit is not None:
            self._on_commit()

    @property
    def in_use(self) -> bool:
        """Whether a transaction is open on this connection (or it is closed)."""
        return self._connection is None or self._connection.in_transaction

    @property
    def sqlite(self) -> sqlite3.Connection:
        """The sqlite3 connection itself, for statements run inside a transaction that
        already holds the write lock (they cannot meet a busy database)."""
        return self._conn

    async def execute_alone(self, sql: str, parameters: tuple[Any, ...]) -> None:
        """One statement as its own transaction (autocommit), outside SQLAlchemy: used where
        its begin/commit machinery cost more than the statement (confirming a sent reply)."""
        await self._execute(self._conn.execute, sql, parameters)
        if self._on_commit is not None:
            self._on_commit()

    def run_alone_if_free(self, sql: str, parameters: tuple[Any, ...]) -> bool:
        """`execute_alone` at once, without waiting, when no transaction is open on this
        connection and no other process holds the write lock; False (nothing done) otherwise.
        Synchronous: nothing else can start on the connection while it runs."""
        if self._connection is None or self._connection.in_transaction:
            return False
        try:
            self._connection.execute(sql, parameters)
        except sqlite3.OperationalError as error:
            if _retryable(error):
                return False  # a busy statement had no effect
            raise
        if self._on_commit is not None:
            self._on_commit()
        return True

    def stop(self) -> asyncio.Future[Any] | None:
        self._running = False
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        return None

    async def close(self) -> None:
        self.stop()


def _retryable(error: sqlite3.OperationalError) -> bool:
    """Busy (another process writes) or recovering its WAL: the statement did nothing and
    can run again. Not a stale snapshot inside a transaction: that needs a new transaction."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None or code == sqlite3.SQLITE_BUSY_SNAPSHOT:
        return False
    return code & 0xFF == sqlite3.SQLITE_BUSY  # the primary code of its extended codes


def _open(database: str) -> sqlite3.Connection:
    connection = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA busy_timeout=0")  # waiting happens in _execute, off the loop
    connection.execute("PRAGMA wal_autocheckpoint=0")  # WalCheckpointer does it on a thread
    return connection


class WalCheckpointer:
    """Copies the WAL into the database file every CHECKPOINT_EVERY commits, on a thread
    and from its own connection, while holding this process's connection: with no write
    in between the checkpoint completes, so the next write starts the WAL file from the
    beginning again (under a steady stream of writes it would otherwise grow for ever)."""

    def __init__(self, database: str, every: int = CHECKPOINT_EVERY) -> None:
        self.database = database
        self.every = every
        self.commits = 0
        self.running: asyncio.Task[None] | None = None
        self.hold: Callable[[], AbstractAsyncContextManager[Any]] | None = None

    def committed(self) -> None:
        self.commits += 1
        if self.commits >= self.every and (self.running is None or self.running.done()):
            self.commits = 0
            self.running = asyncio.get_running_loop().create_task(self.run("PASSIVE"))

    async def run(self, mode: str) -> None:
        if self.hold is None:
            await asyncio.to_thread(checkpoint, self.database, mode)
            return
        async with self.hold():  # updates wait (asynchronously) for the few milliseconds
            await asyncio.to_thread(checkpoint, self.database, mode)

    async def close(self) -> None:
        if self.running is not None:
            await self.running
        self.hold = None  # the engine is gone
        await self.run("PASSIVE")


def checkpoint(database: str, mode: str = "TRUNCATE") -> None:
    """Outside any transaction of ours (a checkpoint cannot run inside one)."""
    connection = sqlite3.connect(database, timeout=30)
    try:
        connection.execute("PRAGMA secure_delete=ON")
        connection.execute(f"PRAGMA wal_checkpoint({mode})")
    finally:
        connection.close()
