"""`powbot web` ran uvicorn with its default logging config, which disables every logger
that exists at that moment: the web page's own request log and the bot's error log went
silent (and in the test suite, every later test that checks a log line)."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from tests.conftest import make_settings


def test_powbot_web_keeps_the_existing_loggers(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    from powbot.web import serve

    seen: dict[str, Any] = {}

    async def serve_web(config: Any) -> None:
        seen["log_config"] = config.log_config

    monkeypatch.setattr(serve, "serve_web", serve_web)
    monkeypatch.setattr(serve, "create_app", lambda settings: object())
    logger = logging.getLogger("powbot.bot.middleware")
    logger.disabled = False  # whatever an earlier test in this process did
    serve.run_web(make_settings(sqlite_url))
    assert "log_config" in seen and seen["log_config"] is None
    assert not logger.disabled
