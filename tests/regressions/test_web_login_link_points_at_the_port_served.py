"""`powbot web --port 8765 --login-as 6006` printed a login link to port 8000, where nothing
answered (tester). Without POWBOT_WEB_BASE_URL the link points at the host and port the page
is served on; a configured base address is kept."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from powbot.config import load_settings
from powbot.storage.db import Database
from powbot.storage.models import User
from powbot.web import serve


async def _seed_coach(url: str) -> None:
    db = Database(url)
    try:
        await db.migrate()
        async with db.transaction() as session:
            session.add(User(id=6006, chat_id=6006, first_name="Anna", role="coach"))
    finally:
        await db.dispose()


@pytest.mark.parametrize(
    ("configured", "link"),
    [(None, "http://127.0.0.1:8765/"), ("https://coach.example.org", "https://coach.example.org/")],
)
def test_regression_web_login_link_points_at_the_port_served(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    configured: str | None,
    link: str,
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'web.db'}"
    asyncio.run(_seed_coach(url))
    extra = {"POWBOT_WEB_BASE_URL": configured} if configured else {}
    settings = load_settings(DATABASE_URL=url, **extra)

    async def no_serving(config: Any) -> None:
        return None

    monkeypatch.setattr(serve, "serve_web", no_serving)
    assert serve.run_web(settings, host="0.0.0.0", port=8765, login_as=6006) == 0
    printed = capsys.readouterr().out
    assert link in printed
