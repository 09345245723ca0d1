"""`powbot tick`: one pass of due work from the command line, with or without a token."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest

from powbot.storage.db import Database
from powbot.storage.models import Outbox, ScheduledItem, User
from tests.cli_support import run_cli
from tests.clock_double import clock_now


def test_tick_without_token_runs_due_work_and_keeps_messages_queued(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path}/t.db"

    async def prepare() -> None:
        db = Database(url)
        await db.migrate()
        async with db.transaction() as session:
            session.add(User(id=1, chat_id=1, language="nl", role="seeker"))
            # inactive for three years: retention must erase this one when the tick runs
            session.add(
                User(
                    id=2,
                    chat_id=2,
                    language="nl",
                    last_active_at=clock_now() - timedelta(days=1100),
                )
            )
            session.add(Outbox(user_id=1, payload={"text": "hallo", "buttons": []}))
            session.add(ScheduledItem(kind="no.such.kind", due_at=clock_now() + timedelta(days=5)))
        await db.dispose()

    async def check() -> None:
        db = Database(url)
        async with db.transaction() as session:
            assert await session.get(User, 2) is None
            assert (await session.get(Outbox, 1)).status == "pending"  # type: ignore[union-attr]
            item = await session.get(ScheduledItem, 1)
            assert item is not None and item.status == "failed"  # due by --now, and handled
        await db.dispose()

    asyncio.run(prepare())
    later = (clock_now() + timedelta(days=6)).isoformat()
    result = run_cli(monkeypatch, tmp_path, ["tick", "--now", later], env={"DATABASE_URL": url})
    assert result.returncode == 0, result.stderr
    assert "messages sent: 0" in result.stdout
    asyncio.run(check())
