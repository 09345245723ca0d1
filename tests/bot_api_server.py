"""A stand-in Bot API server on localhost, for tests that run `powbot run` over real HTTP
(TELEGRAM_API_BASE). Subclasses say what getUpdates offers and what happens to a send."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from aiohttp import web

BOT = {"id": 42, "is_bot": True, "first_name": "powbot", "username": "powbot_bot"}


class BotApiServer:
    """getMe, getUpdates and sendMessage; every other method answers True."""

    def __init__(self) -> None:
        self.messages = 0

    async def updates(self) -> list[dict[str, Any]]:
        return []

    async def on_send(self, data: dict[str, Any]) -> None:
        """A sendMessage as Telegram takes it (before it answers)."""

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"].lower()
        data: dict[str, Any] = dict(await request.post()) if request.can_read_body else {}
        result: Any = True
        if method == "getme":
            result = BOT
        elif method == "getupdates":
            result = await self.updates()
        elif method == "sendmessage":
            await self.on_send(data)
            self.messages += 1
            result = {
                "message_id": self.messages + 1,
                "date": 1_700_000_001,
                "chat": {"id": int(data["chat_id"]), "type": "private"},
                "text": data.get("text", ""),
            }
        return web.json_response({"ok": True, "result": result})


@asynccontextmanager
async def serving(api: BotApiServer) -> AsyncIterator[str]:
    """Serve `api` on a free local port; yields the base URL for TELEGRAM_API_BASE."""
    app = web.Application()
    app.router.add_post("/bot{token}/{method}", api.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()
