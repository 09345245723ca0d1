"""Issue 18, graceful shutdown of `powbot web`: uvicorn waited without limit for requests
in hand (one hanging request kept the process until SIGKILL, the database never closed)
and re-raised the signal afterwards, so the process died by SIGTERM instead of ending.

The real server on a local port: a coach's login form is half uploaded when the signal
comes. No new connection is taken, the login in hand still gets its answer, the database
is closed, and serving returns normally."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
from typing import Any

import pytest

from powbot.web.app import create_app
from powbot.web.serve import serve_web, web_config
from tests.conftest import make_settings

BODY = b"token=not-a-real-login-token"


class Started:
    """ASGI wrapper that tells the test when the login request has reached the app."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.login = asyncio.Event()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] == "/login":
            self.login.set()
        await self.app(scope, receive, send)


async def _refused(port: int) -> bool:
    try:
        _, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        return True
    writer.close()
    return False


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
async def test_a_stop_signal_finishes_the_request_in_hand_and_closes_the_database(
    sqlite_url: str, sig: signal.Signals
) -> None:
    app = create_app(make_settings(sqlite_url, POWBOT_WEB_SESSION_SECRET="x" * 32))
    started = Started(app)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    serving = asyncio.create_task(serve_web(web_config(started, "127.0.0.1", port)))
    try:
        for _ in range(400):
            if not await _refused(port):
                break
            await asyncio.sleep(0.05)
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        head = (
            "POST /login HTTP/1.1\r\nHost: web.example\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(BODY)}\r\n\r\n"
        )
        writer.write(head.encode() + BODY[:10])  # the rest is still on its way
        await writer.drain()
        await asyncio.wait_for(started.login.wait(), 30)
        os.kill(os.getpid(), sig)
        for _ in range(400):  # the listening socket closes: no new requests
            if await _refused(port):
                break
            await asyncio.sleep(0.05)
        else:
            raise AssertionError("still taking new connections after the signal")
        writer.write(BODY[10:])
        await writer.drain()
        answer = await asyncio.wait_for(reader.read(), 30)
        writer.close()
        await asyncio.wait_for(serving, 30)  # returns; the signal is not raised again
    finally:
        if not serving.done():
            serving.cancel()
    status, _, rest = answer.partition(b"\r\n")
    assert status.startswith(b"HTTP/1.1 400")  # the login in hand got its answer
    assert b"link om in te loggen" in rest  # the login page, to try again
    assert app.state.web.db.closed
