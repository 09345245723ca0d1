"""`powbot tick` with a token sends what is due through the Bot API (the Telegram client
is loaded only then), and leaves messages that are not due yet."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from aiohttp import web

from powbot.storage.db import Database
from powbot.storage.models import Outbox, User
from powbot.tick import tick
from tests.clock_double import clock_now
from tests.conftest import make_settings


async def test_tick_sends_due_messages_and_keeps_later_ones(tmp_path: Path, capsys: Any) -> None:
    sent: list[dict[str, Any]] = []

    async def handle(request: web.Request) -> web.Response:
        data = dict(await request.post())
        if request.match_info["method"].lower() == "sendmessage":
            sent.append(data)
        result = {
            "message_id": len(sent),
            "date": 1_700_000_001,
            "chat": {"id": int(data.get("chat_id", 1)), "type": "private"},
            "text": data.get("text", ""),
        }
        return web.json_response({"ok": True, "result": result})

    api = web.Application()
    api.router.add_post("/bot{token}/{method}", handle)
    runner = web.AppRunner(api)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    url = f"sqlite+aiosqlite:///{tmp_path / 'tick.db'}"
    settings = make_settings(url, TELEGRAM_API_BASE=f"http://127.0.0.1:{port}")
    db = Database(url)
    await db.migrate()
    async with db.transaction() as session:
        session.add(User(id=5, chat_id=5, language="nl", role="seeker"))
        session.add(Outbox(user_id=5, payload={"text": "nu", "buttons": []}, due_at=clock_now()))
        later = clock_now() + timedelta(days=1)
        session.add(Outbox(user_id=5, payload={"text": "morgen", "buttons": []}, due_at=later))
    try:
        assert await tick(settings, None) == 0
        assert await tick(settings, None) == 0  # nothing due any more: nothing sent twice
    finally:
        await runner.cleanup()
    assert [(m["chat_id"], m["text"]) for m in sent] == [("5", "nu")]
    assert "messages sent: 1" in capsys.readouterr().out
    async with db.transaction() as session:
        assert (await session.get(Outbox, 2)).status == "pending"  # type: ignore[union-attr]
    await db.dispose()
