"""`powbot run` against a stand-in Bot API server on localhost (TELEGRAM_API_BASE)."""

from __future__ import annotations

import asyncio
import contextlib
import json
from pathlib import Path
from typing import Any

from powbot.bot.serve import run_polling
from tests.bot_api_server import BotApiServer, serving
from tests.conftest import make_settings

START = {
    "update_id": 1000,
    "message": {
        "message_id": 1,
        "date": 1_700_000_000,
        "chat": {"id": 77, "type": "private"},
        "from": {"id": 77, "is_bot": False, "first_name": "Lia"},
        "text": "/start",
    },
}


class FakeTelegram(BotApiServer):
    """Just enough of the Bot API for long polling: one update, then silence."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[dict[str, Any]] = []
        self.delivered = False
        self.got_reply = asyncio.Event()

    async def updates(self) -> list[dict[str, Any]]:
        if not self.delivered:
            self.delivered = True
            return [START]
        await asyncio.sleep(0.2)
        return []

    async def on_send(self, data: dict[str, Any]) -> None:
        self.sent.append(data)
        self.got_reply.set()


async def test_run_serves_telegram_through_a_configured_api_base(tmp_path: Path) -> None:
    fake = FakeTelegram()
    async with serving(fake) as api_base:
        settings = make_settings(
            f"sqlite+aiosqlite:///{tmp_path / 'run.db'}",
            TELEGRAM_API_BASE=api_base,
            TELEGRAM_BOT_TOKEN="42:RUN",
        )
        running = asyncio.create_task(run_polling(settings))
        try:
            await asyncio.wait_for(fake.got_reply.wait(), timeout=30)
        finally:
            running.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await running
    assert fake.sent[0]["chat_id"] == "77"
    assert "Welke taal" in fake.sent[0]["text"]
    keyboard = json.loads(fake.sent[0]["reply_markup"])
    assert keyboard["inline_keyboard"][0][0]["text"] == "🇳🇱 Nederlands"
