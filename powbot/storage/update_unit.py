"""The transaction of one Telegram update, with the ORM session only where a feature uses it.

Most updates (a questionnaire answer, a menu button) read and write one row: the user's.
Through the ORM that was most of an update's CPU: a session to set up, the row loaded into
the identity map, a unit-of-work flush and a commit (bench/throughput.py). Here the update
id, the user row and the outbox rows are plain Core statements on the update's connection,
and a session bound to that same connection and transaction is opened only when a feature
asks for one (`session()`). The user object is then attached to it, with whatever changed
so far marked for the flush, so code that works through the session sees that one object.

These statements run on the driver's connection itself (prepared.py), inside the
transaction begun there (sqlite_unit.py, postgres_unit.py). On PostgreSQL, where each
statement is a round trip, they are also joined: the update id is recorded and the user row
locked in one statement, and the user's changes are written with the replies' outbox rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import datetime
from functools import cache
from typing import Any, cast

from pydantic_core import PydanticUndefined
from sqlalchemy import Column, Select, bindparam, func, insert, literal_column, true, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.dialects.postgresql import insert as postgres_insert
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection, async_sessionmaker
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.sql.expression import ClauseElement
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from powbot.storage.models import Outbox, ProcessedUpdate, User
from powbot.storage.prepared import Prepared, row_reader

_MAPPER = sa_inspect(User)
_USERS = User.__table__  # type: ignore[attr-defined]
_COLUMNS = tuple(_USERS.columns.keys())
_FLOW_DATA = _COLUMNS.index("flow_data")
# Built once: building a statement cost more than running it, at every update.
_LOCKED_USER = (
    select(*_USERS.columns).where(col(User.id) == bindparam("user_key")).with_for_update()
)
# Its SET clause comes from the parameters given: only the changed columns are written.
_WRITE_USER = update(_USERS).where(_USERS.c.id == bindparam("user_key"))
_RECORD = {
    name: make(ProcessedUpdate)
    .values(update_id=bindparam("update_id"), processed_at=bindparam("processed_at"))
    .on_conflict_do_nothing(index_elements=["update_id"])
    for name, make in (("postgresql", postgres_insert), ("sqlite", sqlite_insert))
}
_STAGE = insert(Outbox).returning(col(Outbox.id))
_SQLITE = sqlite_dialect()
_READ_USER = row_reader(_USERS.columns, _SQLITE)
_POSTGRES = asyncpg_dialect()
_READ_USER_PG = row_reader(_USERS.columns, _POSTGRES)


@cache
def _sqlite_statement(name: str, columns: tuple[str, ...] = ()) -> Prepared:
    """The hot-path statements, compiled once for SQLite (per set of columns written)."""
    if name == "new_user":
        return Prepared(insert(_USERS), _SQLITE, _COLUMNS)
    if name == "record":
        return Prepared(_RECORD["sqlite"], _SQLITE)
    if name == "user":
        return Prepared(_LOCKED_USER, _SQLITE)
    if name == "write_user":
        return Prepared(_WRITE_USER, _SQLITE, columns)
    return Prepared(_STAGE, _SQLITE, columns)


@cache
def _sqlite_prepared(statement: ClauseElement) -> Prepared:
    return Prepared(statement, _SQLITE)


@cache
def _sqlite_insert(model: type[SQLModel], columns: tuple[str, ...]) -> Prepared:
    return Prepared(insert(model.__table__), _SQLITE, columns)  # type: ignore[attr-defined]


@cache
def _sqlite_query(statement: Select[Any]) -> tuple[Prepared, Callable[[Any], dict[str, Any]]]:
    columns = cast(list[Column[Any]], list(statement.selected_columns))
    return Prepared(statement, _SQLITE), row_reader(columns, _SQLITE)


@cache
def _postgres_statement(name: str, columns: tuple[str, ...] = (), rows: int = 0) -> Prepared:
    """The hot-path statements, compiled once for asyncpg. `record_and_lock`: the update id
    recorded and the user row locked in one round trip ('fresh' is 0 for a redelivery; the
    user's columns are NULL when there is no such user). `stage`: `rows` outbox rows of
    these columns and, when `written` columns are given, the user's changes in the same
    statement (columns: outbox columns, '|', user columns)."""
    if name == "record_and_lock":
        recorded = _RECORD["postgresql"].returning(literal_column("1")).cte("recorded")
        locked = _LOCKED_USER.subquery("locked").lateral()
        fresh = select(func.count()).select_from(recorded).scalar_subquery().label("fresh")
        one = select(literal_column("1").label("one")).subquery("one")
        return Prepared(
            select(fresh, *locked.c).select_from(one.outerjoin(locked, true())), _POSTGRES
        )
    if name == "user":
        return Prepared(_LOCKED_USER, _POSTGRES)
    if name == "write_user":
        return Prepared(_WRITE_USER, _POSTGRES, columns)
    split = columns.index("|")
    outbox, written = columns[:split], columns[split + 1 :]
    table = Outbox.__table__  # type: ignore[attr-defined]
    stage = insert(table).values(
        [
            {name: bindparam(f"{name}_{row}", type_=table.c[name].type) for name in outbox}
            for row in range(rows)
        ]
    )
    stage = stage.returning(table.c.id)
    if written:
        writes = _WRITE_USER.values({name: bindparam(name) for name in written})
        stage = stage.add_cte(writes.cte("written"))
    return Prepared(stage, _POSTGRES)


class UpdateUnit:
    """One update's connection, inside its transaction (see `Database.update_unit`)."""

    def __init__(
        self,
        connection: Callable[[], AsyncConnection],
        sessionmaker: async_sessionmaker[AsyncSession],
        sqlite: sqlite3.Connection | None = None,
        postgres: Any = None,
    ) -> None:
        # The AsyncConnection is made only when the session needs it.
        self._connection = connection
        self._sqlite = sqlite  # the same connection underneath, on SQLite
        self._postgres = postgres  # or the asyncpg connection, on PostgreSQL
        self._prefetched: tuple[int, Any] | None = None  # (user id, row) read with the update
        self._sessionmaker = sessionmaker
        self._session: AsyncSession | None = None
        self._user: User | None = None
        self._loaded: dict[str, Any] = {}  # the user's columns as read, to write back changes

    @property
    def session_opened(self) -> bool:
        return self._session is not None

    async def first_time(self, update_id: int, now: datetime, user_id: int) -> bool:
        """Record the update id; False when it was recorded before (a redelivery). On
        PostgreSQL the row of the user it comes from is locked and read in the same round
        trip, for `locked_user`."""
        values = {"update_id": update_id, "processed_at": now}
        if self._sqlite is not None:
            return _sqlite_statement("record").run(self._sqlite, values).rowcount == 1
        statement = _postgres_statement("record_and_lock")
        [row] = await statement.fetch(self._postgres, {**values, "user_key": user_id})
        self._prefetched = (user_id, row)
        return bool(row["fresh"])

    async def locked_user(self, user_id: int) -> User | None:
        """The user's row, locked for this transaction (PostgreSQL; SQLite's transactions
        hold the write lock from their BEGIN), as a User outside any session."""
        key = {"user_key": user_id}
        values: dict[str, Any] | None
        if self._sqlite is not None:
            raw = _sqlite_statement("user").run(self._sqlite, key).fetchone()
            if raw is None:
                return None
            values = _READ_USER(raw)
            stored_json = raw[_FLOW_DATA]  # the JSON text as stored: no need to make it again
        else:
            row = await self._postgres_user(user_id)
            if row is None:
                return None
            values = _READ_USER_PG(tuple(row[name] for name in _COLUMNS))
            stored_json = _as_stored(values["flow_data"])
        return self._adopt(values, stored_json)

    def insert_user(self, user: User) -> User | None:
        """A first contact's row, inserted at once on SQLite's connection; returned as
        `locked_user` returns a user (outside any session, its later changes written by
        `finish`). None on PostgreSQL: the caller adds `user` through the session."""
        if self._sqlite is None:
            return None
        values = {name: getattr(user, name) for name in _COLUMNS}
        _sqlite_statement("new_user").run(self._sqlite, values)
        return self._adopt(values, _as_stored(values["flow_data"]))

    def run_now(self, statement: ClauseElement, values: dict[str, Any]) -> int | None:
        """A Core statement (built once by the caller) on SQLite's connection, in this
        transaction: its row count. None on PostgreSQL: the caller uses the session."""
        if self._sqlite is None:
            return None
        return int(_sqlite_prepared(statement).run(self._sqlite, values).rowcount)

    @property
    def plain(self) -> bool:
        """Whether `fetch_now` and `insert_now` may be used: on SQLite, while no ORM session
        is open (so nothing of it waits to be flushed that they would not see)."""
        return self._sqlite is not None and self._session is None

    def fetch_now(self, statement: Select[Any], values: dict[str, Any]) -> list[dict[str, Any]]:
        """A Core SELECT (built once by the caller) on SQLite's connection, in this
        transaction: its rows, their values as SQLAlchemy reads them. Only when `plain`."""
        assert self._sqlite is not None
        prepared, read = _sqlite_query(statement)
        return [read(row) for row in prepared.run(self._sqlite, values)]

    def insert_now(self, model: type[SQLModel], values: dict[str, Any]) -> int:
        """One row of this model on SQLite's connection, in this transaction, with the
        model's defaults for the columns not given: its id. Only when `plain`."""
        assert self._sqlite is not None
        row = _with_defaults(model, values)
        missing = [name for name, value in row.items() if value is PydanticUndefined]
        if missing:
            raise ValueError(f"{model.__name__} needs {missing}")
        prepared = _sqlite_insert(model, tuple(row))
        return int(prepared.run(self._sqlite, row).lastrowid or 0)

    def _adopt(self, values: dict[str, Any], stored_json: str) -> User:
        # Made as the ORM makes a loaded object (no validation: the row is ours). It is
        # detached (known to exist, nothing to insert) only if a session takes it over.
        user = _MAPPER.class_manager.new_instance()
        user.__dict__.update(values)
        self._user = user
        self._loaded = {**values, "flow_data": stored_json}
        return user

    async def _postgres_user(self, user_id: int) -> Any:
        prefetched, self._prefetched = self._prefetched, None
        if prefetched is not None and prefetched[0] == user_id:
            row = prefetched[1]
            return None if row["id"] is None else row
        rows = await _postgres_statement("user").fetch(self._postgres, {"user_key": user_id})
        return rows[0] if rows else None

    async def insert_outbox(self, rows: list[dict[str, Any]]) -> list[int]:
        """Outbox rows (all with the same columns) in this transaction; their ids in order."""
        if not rows:
            return []
        if self._sqlite is not None:
            prepared = _sqlite_statement("stage", tuple(rows[0]))
            return [prepared.run(self._sqlite, row).fetchone()[0] for row in rows]
        values = {f"{name}_{n}": value for n, row in enumerate(rows) for name, value in row.items()}
        user = self._user if self._session is None else None
        written = self._changed(user) if user is not None else []
        if user is not None and written:  # the user's changes go in the same round trip
            values.update({name: getattr(user, name) for name in written}, user_key=user.id)
        statement = _postgres_statement("stage", (*rows[0], "|", *written), len(rows))
        ids = sorted(row[0] for row in await statement.fetch(self._postgres, values))
        if user is not None:
            self._mark_written(user, written)
        # A sequence hands out ids in the order the rows are inserted: sorted, they are in
        # the order given.
        return cast(list[int], ids)

    def session(self) -> AsyncSession:
        """The ORM session of this update, opened on first use, in the same transaction."""
        if self._session is None:
            self._session = self._sessionmaker(
                bind=self._connection(), join_transaction_mode="rollback_only"
            )
            user = self._user
            if user is not None:
                changed = self._changed(user)
                make_transient_to_detached(user)  # a row that exists, with no changes yet
                self._session.add(user)
                for name in changed:  # changed before the session knew the object
                    flag_modified(user, name)
                self._user = None  # from here the session tracks it
        return self._session

    async def finish(self) -> None:
        """Write what this update changed; the caller commits the transaction."""
        if self._session is not None:
            await self._session.flush()
            return
        user = self._user
        if user is None:
            return
        flow_json = _as_written(user.flow_data)
        changed = self._changed(user, flow_json)
        if not changed:
            return
        values = {"user_key": user.id, **{name: getattr(user, name) for name in changed}}
        if self._sqlite is not None:
            statement = _sqlite_statement("write_user", tuple(changed))
            if flow_json is not None and "flow_data" in values:
                values["flow_data"] = flow_json  # the text compared is the text written
                statement.run(self._sqlite, values, as_stored=("flow_data",))
            else:
                statement.run(self._sqlite, values)
            return
        await _postgres_statement("write_user", tuple(changed)).fetch(self._postgres, values)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    def _mark_written(self, user: User, names: list[str]) -> None:
        for name in names:
            value = getattr(user, name)
            self._loaded[name] = _as_stored(value) if name == "flow_data" else value

    def _changed(self, user: User, flow_json: str | None = None) -> list[str]:
        """The columns whose value differs from the row as read. The JSON column is compared
        as the text it would be stored as, since features may change the dict in place
        (`flow_json`: that text, when the caller made it already)."""
        loaded = self._loaded
        stored = flow_json if flow_json is not None else _as_stored(user.flow_data)
        # The instance's own dict: what the attributes return, without their descriptors
        # (a column never set since it was read is there too: the whole row was read).
        current = user.__dict__
        return [
            name
            for name in _COLUMNS
            if (stored if name == "flow_data" else current.get(name)) != loaded[name]
        ]


@cache
def _defaults_of(model: type[SQLModel]) -> tuple[dict[str, Any], dict[str, Callable[[], Any]]]:
    """The model's columns but the id: the default values of their fields (PydanticUndefined
    when a value is required) and their default factories (dict, list)."""
    values: dict[str, Any] = {}
    factories: dict[str, Callable[[], Any]] = {}
    for column in model.__table__.columns:  # type: ignore[attr-defined]
        if column.primary_key:
            continue
        field = model.model_fields[column.key]
        if field.default_factory is not None:
            factories[column.key] = cast(Callable[[], Any], field.default_factory)
        else:
            values[column.key] = field.default
    return values, factories


def _with_defaults(model: type[SQLModel], given: dict[str, Any]) -> dict[str, Any]:
    """Every column but the id, with the value the model gives it when not set (a fresh
    one from a factory), as an object added through the ORM gets."""
    values, factories = _defaults_of(model)
    made = {name: make() for name, make in factories.items() if name not in given}
    return {**values, **made, **given}


def _as_written(value: Any) -> str | None:
    """The JSON column's text exactly as SQLAlchemy's JSON type writes it (json.dumps, the
    engine's serializer), or None for a value it cannot write (its write fails as before)."""
    try:
        return json.dumps(value)
    except (TypeError, ValueError):
        return None


def _as_stored(value: Any) -> str:
    """The JSON column's text, as SQLAlchemy's JSON type writes it (json.dumps); for
    comparing only, so a value it cannot write still compares."""
    written = _as_written(value)
    return written if written is not None else json.dumps(value, default=str)
