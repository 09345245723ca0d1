"""Alembic environment: always called with a live connection from Database.migrate()."""

from __future__ import annotations

from alembic import context

from powbot.storage.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - offline mode is not used
    raise RuntimeError("run migrations through powbot (Database.migrate)")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
