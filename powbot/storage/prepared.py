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
from collections.abc import Callable, Iterable, Mapping
from typing import Any

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

    def parameters(
        self, values: Mapping[str, Any], as_stored: Iterable[str] = ()
    ) -> tuple[Any, ...]:
        """as_stored: names whose values are already in their stored form (processed)."""
        processors = self.processors
        if as_stored:
            skip = set(as_stored)
            processors = tuple(
                None if name in skip else process
                for name, process in zip(self.names, processors, strict=True)
            )
        return tuple(
            value if process is None else process(value)
            for value, process in zip(
                (values[name] for name in self.names), processors, strict=True
            )
        )

    def run(
        self,
        connection: sqlite3.Connection,
        values: Mapping[str, Any],
        as_stored: Iterable[str] = (),
    ) -> sqlite3.Cursor:
        return connection.execute(self.sql, self.parameters(values, as_stored))

    async def fetch(self, connection: Any, values: Mapping[str, Any]) -> list[Any]:
        """On an asyncpg connection: its rows (asyncpg caches the statement by its SQL)."""
        return list(await connection.fetch(self.sql, *self.parameters(values)))


def row_reader(
    columns: Iterable[Column[Any]], dialect: Dialect
) -> Callable[[tuple[Any, ...]], dict[str, Any]]:
    """Turns a raw row of these columns into their Python values, as SQLAlchemy would."""
    readers = [
        (column.key, column.type.dialect_impl(dialect).result_processor(dialect, None))
        for column in columns
    ]

    def read(row: tuple[Any, ...]) -> dict[str, Any]:
        return {
            key: value if process is None else process(value)
            for (key, process), value in zip(readers, row, strict=True)
        }

    return read
