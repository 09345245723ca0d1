"""SQLAlchemy statements run straight on the driver's connection (sqlite3 or asyncpg), for
the update hot path.

SQLAlchemy's execution of a compiled statement (the async adapter's greenlet switches, the
execution context, result processing) cost several times more than the database running
it. A `Prepared` statement is compiled by SQLAlchemy once for the dialect, keeps the type
processors SQLAlchemy would apply (dates, JSON, booleans: the same stored format as every
other path), and then runs on the raw connection inside the update's transaction. Only for
a few statements on the hot path (storage/update_unit.py); everything else goes through
SQLAlchemy.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Column
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ClauseElement

Processor = Callable[[Any], Any] | None


class Prepared:
    """One statement: its SQL, its parameters' order and their bind processors."""

    def __init__(
        self, statement: ClauseElement, dialect: Dialect, column_keys: Iterable[str] | None = None
    ) -> None:
        compiled = statement.compile(
            dialect=dialect, column_keys=list(column_keys) if column_keys is not None else None
        )
        assert isinstance(compiled, SQLCompiler)
        self.sql = compiled.string
        self.names: tuple[str, ...] = tuple(compiled.positiontup or ())
        self.processors: tuple[Processor, ...] = tuple(
            compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
            for name in self.names
        )
        # Values written into the statement itself (`status == "held"`): given with it.
        self._constants = {
            name: compiled.binds[name].effective_value
            for name in self.names
            if not compiled.binds[name].required
        }
        # Built once, as this runs several times per update: the values in the statement's
        # order in one C call, then only the positions that have a processor.
        get = itemgetter(*self.names) if self.names else (lambda values: ())
        self._get: Callable[[Mapping[str, Any]], Any] = (
            (lambda values: (get(values),)) if len(self.names) == 1 else get
        )
        self._processed = tuple(
            (index, name, process)
            for index, (name, process) in enumerate(zip(self.names, self.processors, strict=True))
            if process is not None
        )

    def parameters(
        self, values: Mapping[str, Any], as_stored: Collection[str] = ()
    ) -> Sequence[Any]:
        """as_stored: names whose values are already in their stored form (processed)."""
        if self._constants:
            values = {**self._constants, **values}
        ordered = self._get(values)
        if not self._processed:
            return cast(tuple[Any, ...], ordered)
        out = list(ordered)
        for index, name, process in self._processed:
            if name not in as_stored:
                out[index] = process(out[index])
        return out

    def run(
        self,
        connection: sqlite3.Connection,
        values: Mapping[str, Any],
        as_stored: Collection[str] = (),
    ) -> sqlite3.Cursor:
        return connection.execute(self.sql, self.parameters(values, as_stored))

    async def fetch(self, connection: Any, values: Mapping[str, Any]) -> list[Any]:
        """On an asyncpg connection: its rows (asyncpg caches the statement by its SQL)."""
        return list(await connection.fetch(self.sql, *self.parameters(values)))


def row_reader(
    columns: Iterable[Column[Any]], dialect: Dialect
) -> Callable[[tuple[Any, ...]], dict[str, Any]]:
    """Turns a raw row of these columns into their Python values, as SQLAlchemy would."""
    listed = list(columns)
    keys = tuple(column.key for column in listed)
    processed = [
        (column.key, index, process)
        for index, column in enumerate(listed)
        if (process := column.type.dialect_impl(dialect).result_processor(dialect, None))
        is not None
    ]

    def read(row: tuple[Any, ...]) -> dict[str, Any]:
        values = dict(zip(keys, row, strict=True))
        for key, index, process in processed:  # the few columns that need converting
            values[key] = process(row[index])
        return values

    return read
