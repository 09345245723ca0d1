"""The terminal chat as a newcomer uses it: a pretend time, and an honest count of the
messages that are waiting."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest

from powbot.bot.app import create_app
from powbot.clock import to_local
from powbot.domain.messages import Reply
from powbot.storage.models import Outbox
from tests.cli_support import run_cli
from tests.clock_double import AMSTERDAM, clock_now
from tests.conftest import make_settings


def _queue(url: str, user_id: int, *delays: timedelta) -> None:
    async def go() -> None:
        app = await create_app(make_settings(url))
        try:
            async with app.runtime.db.transaction() as session:
                for number, delay in enumerate(delays):
                    reply = Reply(text=f"bericht {number}").to_payload()
                    session.add(Outbox(user_id=user_id, payload=reply, due_at=clock_now() + delay))
        finally:
            await app.close()

    asyncio.run(go())


def test_waiting_count_names_only_messages_it_shows_and_when_the_held_ones_come(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}"
    _queue(url, 7, timedelta(minutes=-5), timedelta(hours=10), timedelta(hours=11))
    result = run_cli(monkeypatch, tmp_path, ["chat", "--user", "7"], env={"DATABASE_URL": url})
    assert result.returncode == 0, result.stderr
    assert "Er staat 1 bericht voor je klaar" in result.stdout
    assert "bericht 0" in result.stdout
    assert "bericht 1" not in result.stdout  # held: not shown, and not counted as shown
    assert "2 berichten wachten nog" in result.stdout


def test_chat_at_a_pretend_time_shows_what_a_tick_planned_for_then(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}"
    _queue(url, 8, timedelta(days=3))
    later = to_local(clock_now() + timedelta(days=3, hours=1), AMSTERDAM).replace(tzinfo=None)
    args = ["chat", "--user", "8", "--now", later.isoformat(timespec="minutes")]
    env = {"DATABASE_URL": url, "POWBOT_TIMEZONE": "Europe/Amsterdam"}
    result = run_cli(monkeypatch, tmp_path, args, env=env)
    assert result.returncode == 0, result.stderr
    assert "bericht 0" in result.stdout
