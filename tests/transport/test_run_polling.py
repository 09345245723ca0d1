"""`powbot run` against a stand-in Bot API server on localhost (TELEGRAM_API_BASE)."""

from __future__ import annotations

import asyncio
import contextlib
import json
from pathlib import Path
from typing import Any

from aiohttp import web

from powbot.bot.serve import run_polling
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


class FakeTelegram:
    """Just enough of the Bot API for long polling: one update, then silence."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []
        self.delivered = False
        self.got_reply = asyncio.Event()

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"].lower()
        data: dict[str, Any] = dict(await request.post()) if request.can_read_body else {}
        result: Any = True
        if method == "getme":
            result = {"id": 42, "is_bot": True, "first_name": "powbot", "username": "powbot_bot"}
        elif method == "getupdates":
            if not self.delivered:
                self.delivered = True
                result = [START]
            else:
                await asyncio.sleep(0.2)
                result = []
        elif method == "sendmessage":
            self.sent.append(data)
            self.got_reply.set()
            result = {
                "message_id": len(self.sent) + 1,
                "date": 1_700_000_001,
                "chat": {"id": int(data["chat_id"]), "type": "private"},
                "text": data.get("text", ""),
            }
        return web.json_response({"ok": True, "result": result})


async def test_run_serves_telegram_through_a_configured_api_base(tmp_path: Path) -> None:
    fake = FakeTelegram()
    app = web.Application()
    app.router.add_post("/bot{token}/{method}", fake.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    settings = make_settings(
        f"sqlite+aiosqlite:///{tmp_path / 'run.db'}",
        TELEGRAM_API_BASE=f"http://127.0.0.1:{port}",
        TELEGRAM_BOT_TOKEN="42:RUN",
    )
    serving = asyncio.create_task(run_polling(settings))
    try:
        await asyncio.wait_for(fake.got_reply.wait(), timeout=30)
    finally:
        serving.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await serving
        await runner.cleanup()
    assert fake.sent[0]["chat_id"] == "77"
    assert "Welke taal" in fake.sent[0]["text"]
    keyboard = json.loads(fake.sent[0]["reply_markup"])
    assert keyboard["inline_keyboard"][0][0]["text"] == "🇳🇱 Nederlands"
