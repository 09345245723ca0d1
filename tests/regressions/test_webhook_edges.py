"""Issue 18, defect 8, the webhook: malformed bodies answered 500 with user text in the log;
my_chat_member was not in allowed_updates; an invalid secret or a non-https URL crashed
`powbot run --webhook` with a traceback."""

from __future__ import annotations

import logging

import pytest
from aiohttp.test_utils import TestClient, TestServer

from powbot.bot.serve import WEBHOOK_PATH, allowed_updates, webhook_application
from powbot.cli import main
from tests.conftest import make_harness, make_settings

SECRET = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"}


async def test_malformed_webhook_bodies_get_400_without_user_text_in_the_log(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    harness = await make_harness(
        make_settings(
            sqlite_url, POWBOT_WEBHOOK_SECRET="s3cret-token", POWBOT_WEBHOOK_URL="https://x"
        )
    )
    client = TestClient(TestServer(webhook_application(harness.app)))
    await client.start_server()
    try:
        bodies = [
            b'{"update_id": 5, "message": {"text": "mijn schulden zijn 9000 euro"',
            b'{"update_id": "x", "message": {"text": "mijn schulden zijn 9000 euro"}}',
            b'{"update_id": 6, "message": {"chat": 1, "text": "mijn schulden zijn 9000 euro"}}',
            b"\xff\xfe",
        ]
        for body in bodies:
            response = await client.post(WEBHOOK_PATH, data=body, headers=SECRET)
            assert response.status == 400
        assert "schulden" not in caplog.text
        assert "my_chat_member" in allowed_updates(harness.app)
    finally:
        await client.close()
        await harness.app.close()


@pytest.mark.parametrize(
    ("secret", "url", "setting"),
    [
        ("has spaces!", "https://bot.example", "POWBOT_WEBHOOK_SECRET"),
        ("x" * 257, "https://bot.example", "POWBOT_WEBHOOK_SECRET"),
        ("good_secret-1", "http://bot.example", "POWBOT_WEBHOOK_URL"),
    ],
)
def test_invalid_webhook_settings_stop_with_one_line_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: object,
    secret: str,
    url: str,
    setting: str,
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/db.sqlite")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "42:TEST")
    monkeypatch.setenv("POWBOT_WEBHOOK_SECRET", secret)
    monkeypatch.setenv("POWBOT_WEBHOOK_URL", url)
    assert main(["run", "--webhook"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and setting in err[0] and "Traceback" not in err[0]
