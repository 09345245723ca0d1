"""The async engine, sessions and start-up migrations for SQLite and PostgreSQL."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.pool import QueuePool
from sqlalchemy.sql.expression import Executable
from sqlmodel.ext.asyncio.session import AsyncSession

from powbot.storage.pooled import checked_out
from powbot.storage.postgres_confirm import delete_sent
from powbot.storage.postgres_optimistic import UserChanged
from powbot.storage.postgres_unit import postgres_update_unit
from powbot.storage.sqlite_inline import InlineConnection, WalCheckpointer
from powbot.storage.sqlite_unit import sqlite_update_unit
from powbot.storage.update_unit import UpdateUnit

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
T = TypeVar("T")

# aiosqlite logs every statement with its parameters at DEBUG level, and the parameters
# hold questionnaire answers and free text: never let those reach a log, whatever the
# operator's log level.
logging.getLogger("aiosqlite").setLevel(logging.INFO)


def normalise_url(url: str) -> str:
    """Accept the plain URLs operators write and pick the async drivers."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        return "postgresql+asyncpg://" + url[len("postgresql://") :]
    if url.startswith("sqlite://") and not url.startswith("sqlite+"):
        return "sqlite+aiosqlite://" + url[len("sqlite://") :]
    return url


def _sqlite_engine(
    url: str,
    checkpointer: WalCheckpointer | None,
    opened: Callable[[InlineConnection], None],
) -> AsyncEngine:
    database = make_url(url).database or ":memory:"
    if database != ":memory:":
        database = str(Path(database).expanduser())
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    on_commit = checkpointer.committed if checkpointer is not None else None

    async def connect() -> InlineConnection:
        connection = await InlineConnection(database, on_commit)
        opened(connection)
        return connection

    # One connection: SQLite has one writer anyway, and queueing in asyncio is cheaper
    # than busy-waiting on the file lock. Its statements run on the event loop itself
    # (sqlite_inline.py): a thread hand-off per statement cost more than the statement.
    engine = create_async_engine(
        url,
        async_creator=connect,
        pool_size=1,
        max_overflow=0,
        pool_timeout=60,
        hide_parameters=True,
    )

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # Erased rows are overwritten with zeros, not merely unlinked in the file.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # IMMEDIATE takes the write lock up front, so a second process (say `powbot tick`
        # from cron) cannot claim the same due rows between our read and our write.
        # On the driver's cursor: SQLAlchemy's statement machinery cost more than the BEGIN.
        # An update's transaction was begun on the connection itself (sqlite_unit.py): an
        # ORM session opened inside it joins it.
        inline = connection.connection.driver_connection
        if isinstance(inline, InlineConnection) and inline.sqlite.in_transaction:
            return
        cursor = connection.connection.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        cursor.close()

    return engine


class Database:
    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        self.checkpointer: WalCheckpointer | None = None
        self._sqlite: InlineConnection | None = None  # the pool's one connection, on SQLite
        if self.is_sqlite:
            database = make_url(self.url).database
            if database and database != ":memory:":
                self.checkpointer = WalCheckpointer(str(Path(database).expanduser()))
            self.engine = _sqlite_engine(self.url, self.checkpointer, self._opened)
            if self.checkpointer is not None:
                self.checkpointer.hold = self.engine.connect
        else:
            # hide_parameters: error messages must not carry answers into the logs.
            self.engine = create_async_engine(
                self.url, pool_size=10, max_overflow=10, hide_parameters=True
            )
        self.closed = False
        self.sessionmaker = async_sessionmaker(
            self.engine, class_=AsyncSession, expire_on_commit=False
        )

    def _opened(self, connection: InlineConnection) -> None:
        self._sqlite = connection

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One unit of work: committed at the end, rolled back on any error."""
        async with self.sessionmaker() as session, session.begin():
            yield session

    @asynccontextmanager
    async def update_unit(self, *, lock: bool = False) -> AsyncIterator[UpdateUnit]:
        """The transaction of one Telegram update: committed at the end with what it
        changed, rolled back on any error (see update_unit.py; on SQLite sqlite_unit.py,
        which always holds the write lock). On PostgreSQL it is optimistic unless `lock`,
        and may raise `UserChanged` (postgres_optimistic.py): use `run_update`."""
        if self.is_sqlite:
            async with sqlite_update_unit(self.engine, self.sessionmaker) as unit:
                yield unit
            return
        async with postgres_update_unit(self.engine, self.sessionmaker, lock=lock) as unit:
            yield unit

    async def run_update(self, work: Callable[[UpdateUnit], Awaitable[T]]) -> T:
        """`work` in an update's unit; run once more, with the user's row locked from the
        start, if another worker changed that row meanwhile (nothing was written then)."""
        try:
            async with self.update_unit() as unit:
                return await work(unit)
        except UserChanged:
            async with self.update_unit(lock=True) as unit:
                return await work(unit)

    async def delete_outbox_row(self, row_id: int) -> None:
        """A sent reply's outbox row, deleted at once on its own: every millisecond between
        Telegram's answer and this record is a window for a duplicate after a crash."""
        if not self.is_sqlite:
            async with checked_out(self.engine) as asyncpg_connection:  # autocommit
                await delete_sent(asyncpg_connection, row_id)  # no wait for the disk
            return
        sql, parameters = "DELETE FROM outbox WHERE id = ?", (row_id,)
        # Most often no update is in progress: then the pool's idle connection runs it at
        # once (checking it out and in again cost several times the statement).
        pool = self.engine.sync_engine.pool
        idle = self._sqlite if isinstance(pool, QueuePool) and pool.checkedout() == 0 else None
        if idle is not None and idle.run_alone_if_free(sql, parameters):
            return
        async with checked_out(self.engine) as inline:  # waits for the update in progress
            assert isinstance(inline, InlineConnection)
            await inline.execute_alone(sql, parameters)

    async def execute_now(
        self, statement: Executable, parameters: dict[str, Any] | None = None
    ) -> None:
        """One statement committed on its own: on PostgreSQL in autocommit (one round trip
        instead of BEGIN, statement, COMMIT). Used to record what became of a sent message."""
        if self.is_sqlite:
            async with self.engine.begin() as connection:  # Core: no ORM session to set up
                await connection.execute(statement, parameters)
            return
        await self._autocommit(statement, parameters)

    async def _autocommit(self, statement: Executable, parameters: dict[str, Any] | None) -> None:
        async with self.engine.connect() as connection:
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.execute(statement, parameters)

    async def migrate(self) -> None:
        """Bring the schema to the newest migration (run at every start)."""
        async with self.engine.begin() as connection:
            await connection.run_sync(_upgrade)

    async def scrub_erased(self) -> None:
        """After erasures: get erased rows out of the files too. SQLite (secure_delete on)
        zeroes them in the WAL; a checkpoint writes that into the database file and truncates
        the WAL. PostgreSQL: a VACUUM of the touched tables marks the dead row versions free
        (their bytes go when the space is reused; backups keep them until they expire)."""
        from powbot.storage.personal import ERASED_TABLES

        tables = sorted(ERASED_TABLES)
        ERASED_TABLES.clear()
        if not tables:
            return
        if self.is_sqlite:
            if self.checkpointer is not None:
                await self.checkpointer.run("TRUNCATE")
            return
        async with self.engine.connect() as connection:
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            for table in tables:
                await autocommit.exec_driver_sql(f'VACUUM "{table}"')

    async def dispose(self) -> None:
        self.closed = True
        if self.checkpointer is not None:
            await self.checkpointer.close()
        await self.engine.dispose()


def _alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection) -> None:
    # "heads": features add their tables on their own branches off a shared revision; the
    # branches are independent (no table in two of them), so their order does not matter.
    command.upgrade(_alembic_config(connection), "heads")
