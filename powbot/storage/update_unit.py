"""The transaction of one Telegram update, with the ORM session only where a feature uses it.

Most updates (a questionnaire answer, a menu button) read and write one row: the user's.
Through the ORM that was most of an update's CPU: a session to set up, the row loaded into
the identity map, a unit-of-work flush and a commit (bench/throughput.py). Here the update
id, the user row and the outbox rows are plain Core statements on the update's connection,
and a session bound to that same connection and transaction is opened only when a feature
asks for one (`session()`). The user object is then attached to it, with whatever changed
so far marked for the flush, so code that works through the session sees that one object.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import bindparam, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.ext.asyncio import AsyncConnection, async_sessionmaker
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from powbot.storage.models import User

_MAPPER = sa_inspect(User)
_USERS = User.__table__  # type: ignore[attr-defined]
_COLUMNS = tuple(_USERS.columns.keys())
# Built once: building a statement cost more than running it, at every update.
_LOCKED_USER = (
    select(*_USERS.columns).where(col(User.id) == bindparam("user_key")).with_for_update()
)
# Its SET clause comes from the parameters given: only the changed columns are written.
_WRITE_USER = update(_USERS).where(_USERS.c.id == bindparam("user_key"))


class UpdateUnit:
    """One update's connection, inside its transaction (see `Database.update_unit`)."""

    def __init__(
        self, connection: AsyncConnection, sessionmaker: async_sessionmaker[AsyncSession]
    ) -> None:
        self.connection = connection
        self._sessionmaker = sessionmaker
        self._session: AsyncSession | None = None
        self._user: User | None = None
        self._loaded: dict[str, Any] = {}  # the user's columns as read, to write back changes

    @property
    def session_opened(self) -> bool:
        return self._session is not None

    async def locked_user(self, user_id: int) -> User | None:
        """The user's row, locked for this transaction (PostgreSQL; SQLite's transactions
        hold the write lock from their BEGIN), as a User outside any session."""
        row = (await self.connection.execute(_LOCKED_USER, {"user_key": user_id})).first()
        if row is None:
            return None
        values = row._asdict()
        # Made as the ORM makes a loaded object (no validation: the row is ours), then
        # detached: known to exist, nothing to insert, no changes yet.
        user = _MAPPER.class_manager.new_instance()
        user.__dict__.update(values)
        make_transient_to_detached(user)
        self._user = user
        self._loaded = _snapshot(values)
        return user

    def session(self) -> AsyncSession:
        """The ORM session of this update, opened on first use, in the same transaction."""
        if self._session is None:
            self._session = self._sessionmaker(
                bind=self.connection, join_transaction_mode="rollback_only"
            )
            user = self._user
            if user is not None:
                changed = self._changed(user)
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
        changed = self._changed(user)
        if changed:
            values = {name: getattr(user, name) for name in changed}
            await self.connection.execute(_WRITE_USER, {"user_key": user.id, **values})

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    def _changed(self, user: User) -> list[str]:
        current = _snapshot({name: getattr(user, name) for name in _COLUMNS})
        return [name for name in _COLUMNS if current[name] != self._loaded.get(name)]


def _snapshot(values: dict[str, Any]) -> dict[str, Any]:
    """Column values to compare later; the JSON column as text, since features may change
    the dict in place."""
    return {
        name: json.dumps(value, sort_keys=True, default=str) if name == "flow_data" else value
        for name, value in values.items()
    }
