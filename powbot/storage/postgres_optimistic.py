"""An update on PostgreSQL in two round trips when it needs no ORM session.

Locking the user's row for the whole update cost four round trips (BEGIN; the update id
recorded and the row locked; the changes written with the replies; COMMIT), and on a loaded
machine each one waits for the server to be scheduled. Most updates (an answer, a button)
read one row and write it back, so here they run optimistically, without a transaction
around them:

1. one statement reads the user's row with its version (`xmin`, which every write of the
   row changes) and whether the update id was recorded before (a redelivery);
2. the handler runs;
3. one statement, atomic as every statement is, writes the user's changes only if the row
   is still that version, and with that write records the update id and inserts the
   replies' outbox rows (both selected FROM the write: no write, none of them).

If another worker changed the row in between (a second update of the same user handled
elsewhere), nothing is written and `UserChanged` is raised: `Database.run_update` runs the
update again with the row locked from the start (update_unit.py). An update id recorded by
another worker meanwhile fails the statement on the primary key, like any duplicate.

An update that opens the ORM session (first contact, commands that start or finish a
questionnaire, a redelivery) needs a transaction: it is begun, and the row locked and its
version checked, just before the session's first statement (a 'begin' event on the
session's connection), so the ORM works in a savepoint of it as in the locking unit.
"""

from __future__ import annotations

from functools import cache
from typing import Any, cast

from asyncpg.exceptions import UniqueViolationError
from sqlalchemy import (
    BigInteger,
    Text,
    event,
    exists,
    func,
    insert,
    literal_column,
    select,
    true,
    union_all,
    update,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.expression import bindparam
from sqlalchemy.util.concurrency import await_
from sqlmodel.ext.asyncio.session import AsyncSession

from powbot.storage.models import Outbox, ProcessedUpdate
from powbot.storage.prepared import Prepared
from powbot.storage.update_unit import _POSTGRES, _USERS, UpdateUnit

_OUTBOX = Outbox.__table__  # type: ignore[attr-defined]
_PROCESSED = ProcessedUpdate.__table__  # type: ignore[attr-defined]
_VERSION = sql_cast(literal_column("users.xmin"), Text)
_KEY = bindparam("user_key", type_=BigInteger)


class UserChanged(Exception):
    """The user's row changed between this update's read and its write; nothing of the
    update was written. Run it again, locking the row from the start."""


@cache
def _read() -> Prepared:
    """The user's row (NULLs when there is none) with its version, and whether the update
    id was recorded before; no lock, no transaction."""
    seen = exists().where(_PROCESSED.c.update_id == bindparam("update_id", type_=BigInteger))
    one = select(literal_column("1").label("one")).subquery("one")
    joined = one.outerjoin(_USERS, _USERS.c.id == _KEY)
    statement = select(seen.label("seen"), *_USERS.columns, _VERSION.label("version"))
    return Prepared(statement.select_from(joined), _POSTGRES)


@cache
def _lock() -> Prepared:
    return Prepared(
        select(_VERSION).select_from(_USERS).where(_USERS.c.id == _KEY).with_for_update(),
        _POSTGRES,
    )


def _outbox_rows(columns: tuple[str, ...], rows: int, source: Any = None) -> Any:
    """SELECTs of `rows` outbox rows of these columns (parameters `<column>_<n>`), each
    FROM `source` when given, as one query."""
    selects = []
    for row in range(rows):
        values = select(
            *(bindparam(f"{name}_{row}", type_=_OUTBOX.c[name].type) for name in columns)
        )
        selects.append(values.select_from(source) if source is not None else values)
    return selects[0] if rows == 1 else union_all(*selects)


@cache
def _write(written: tuple[str, ...], outbox: tuple[str, ...], rows: int, record: bool) -> Prepared:
    """The user's changes if the row is still the version read; FROM that write, the update
    id recorded (when `record`) and `rows` outbox rows. Returns how many user rows were
    written and the outbox ids (NULL when there are none)."""
    values = {name: bindparam(name, type_=_USERS.c[name].type) for name in written}
    write = (
        update(_USERS)
        .where(_USERS.c.id == _KEY, _VERSION == bindparam("version", type_=Text))
        .values(values or {"id": _USERS.c.id})  # nothing changed: still check the version
        .returning(_USERS.c.id)
        .cte("written")
    )
    count = select(func.count()).select_from(write).scalar_subquery().label("written")
    one = select(literal_column("1").label("one")).subquery("one")
    statement: Any
    if rows:
        staged = (
            insert(_OUTBOX)
            .from_select(list(outbox), _outbox_rows(outbox, rows, write), include_defaults=False)
            .returning(_OUTBOX.c.id)
            .cte("staged")
        )
        statement = select(count, staged.c.id).select_from(one.outerjoin(staged, true()))
    else:
        statement = select(count)
    statement = statement.add_cte(write)
    if record:
        source = select(
            bindparam("update_id", type_=BigInteger),
            bindparam("processed_at", type_=_PROCESSED.c.processed_at.type),
        ).select_from(write)
        recorded = insert(_PROCESSED).from_select(
            ["update_id", "processed_at"], source, include_defaults=False
        )
        statement = statement.add_cte(recorded.cte("recorded"))
    return Prepared(statement, _POSTGRES)


@cache
def _record_and_stage(outbox: tuple[str, ...], rows: int, record: bool) -> Prepared:
    """Inside the transaction (the row is locked): the update id and the outbox rows."""
    statement: Any
    if rows:
        staged = insert(_OUTBOX).from_select(
            list(outbox), _outbox_rows(outbox, rows), include_defaults=False
        )
        statement = staged.returning(_OUTBOX.c.id)
    else:
        statement = select(literal_column("NULL").label("id"))
    if record:
        recorded = insert(_PROCESSED).values(
            update_id=bindparam("update_id", type_=BigInteger),
            processed_at=bindparam("processed_at", type_=_PROCESSED.c.processed_at.type),
        )
        statement = statement.add_cte(recorded.cte("recorded"))
    return Prepared(statement, _POSTGRES)


class OptimisticUnit(UpdateUnit):
    """`UpdateUnit` on PostgreSQL without a transaction until the ORM needs one."""

    _transaction: Any = None  # the asyncpg transaction, once begun
    _version: str | None = None  # the user row's xmin as read
    _pending: dict[str, Any] | None = None  # update id and time, until recorded
    _changed_meanwhile = False  # found when the row was locked for the session
    _done = False  # the final statement ran (and committed, without a transaction)

    async def first_time(self, update_id: int, now: Any, user_id: int) -> bool:
        [row] = await _read().fetch(self._postgres, {"update_id": update_id, "user_key": user_id})
        self._prefetched = (user_id, row)
        if row["seen"]:
            return False
        self._pending = {"update_id": update_id, "processed_at": now}
        return True

    async def _postgres_user(self, user_id: int) -> Any:
        prefetched, self._prefetched = self._prefetched, None
        if prefetched is None or prefetched[0] != user_id:
            [row] = await _read().fetch(self._postgres, {"update_id": None, "user_key": user_id})
        else:
            row = prefetched[1]
        if row["id"] is None:
            return None
        self._version = row["version"]
        return row

    def session(self) -> AsyncSession:
        if self._session is None:
            session = super().session()
            connection = self._connection().sync_connection
            assert connection is not None
            event.listen(connection, "begin", self._on_orm_begin)
            return session
        return self._session

    def _on_orm_begin(self, _connection: Any) -> None:
        await_(self._begin())  # runs inside SQLAlchemy's greenlet, before its first statement

    async def _begin(self) -> None:
        """BEGIN, and the user's row locked; a version other than the one read means another
        worker changed it: noted, and raised before anything is written."""
        if self._transaction is not None:
            return
        self._transaction = self._postgres.transaction()
        await self._transaction.start()
        if self._version is not None:
            rows = await _lock().fetch(self._postgres, {"user_key": self._loaded["id"]})
            self._changed_meanwhile = not rows or rows[0][0] != self._version

    async def insert_outbox(self, rows: list[dict[str, Any]]) -> list[int]:
        if not rows:
            return []
        return await self._final(rows)

    async def finish(self) -> None:
        if self._session is not None:
            await self._begin()
            await self._session.flush()
        if not self._done:
            await self._final([])
        elif self._user is not None and self._changed(self._user):
            raise RuntimeError("the user changed after the update's replies were staged")

    async def commit(self) -> None:
        if self._transaction is not None:
            await self._transaction.commit()

    async def rollback(self) -> None:
        if self._transaction is not None and not self._postgres.is_closed():
            await self._transaction.rollback()

    async def _final(self, rows: list[dict[str, Any]]) -> list[int]:
        """What the update writes, in one statement; the outbox ids in the rows' order."""
        await self._ready_to_write()
        outbox = tuple(rows[0]) if rows else ()
        values: dict[str, Any] = {
            f"{name}_{n}": value for n, row in enumerate(rows) for name, value in row.items()
        }
        record = self._pending is not None
        if self._pending is not None:
            values.update(self._pending)
        user = self._user if self._session is None else None
        written: list[str] = []
        if self._transaction is None and user is not None:
            written = self._changed(user)
            values.update({name: getattr(user, name) for name in written})
            values.update(user_key=user.id, version=self._version)
            statement = _write(tuple(written), outbox, len(rows), record)
        elif not record and not rows:
            return []  # nothing to record (a redelivery) and nothing to stage
        else:  # in the transaction, or no user row (the update id alone, when not locked)
            statement = _record_and_stage(outbox, len(rows), record)
        result = await self._fetch(statement, values)
        if user is not None and self._transaction is None:
            if result[0]["written"] == 0:
                raise UserChanged
            self._mark_written(user, written)
        self._pending = None
        if not rows:
            return []
        # A sequence hands out ids in the order the rows are inserted: sorted, they are in
        # the order given.
        return cast(list[int], sorted(row["id"] for row in result))

    async def _ready_to_write(self) -> None:
        if self._done:
            raise RuntimeError("an update's replies are staged once")
        self._done = True
        if self._session is not None:
            await self._begin()
        if self._changed_meanwhile:
            raise UserChanged

    async def _fetch(self, statement: Prepared, values: dict[str, Any]) -> list[Any]:
        try:
            return await statement.fetch(self._postgres, values)
        except UniqueViolationError as error:  # the same update id, recorded elsewhere
            raise IntegrityError(statement.sql, None, error) from error
