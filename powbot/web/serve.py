"""`powbot web`: serve the web page with uvicorn (a separate process beside `powbot run`).

On SIGTERM or SIGINT it stops gracefully: the listening socket closes (no new requests),
idle connections close, the requests in hand finish (up to the grace period, within
Docker's 10 s before SIGKILL), then the app's shutdown closes the database, and the
process ends with 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Iterator
from typing import Any

import uvicorn

from powbot.clock import utcnow
from powbot.config import Settings
from powbot.domain.unit import Services
from powbot.domain.web_login import create_login_token, login_url, web_role
from powbot.knowledge.content import load_content
from powbot.storage.db import Database
from powbot.storage.models import User
from powbot.web.app import create_app


async def login_link_for(settings: Settings, user_id: int) -> str | None:
    """A single-use login link for a coach or admin, for trying the page locally (the
    operator at the command line stands in for the bot's /web)."""
    db = Database(settings.database_url)
    try:
        await db.migrate()
        async with db.transaction() as session:
            services = Services(session, settings, load_content(settings.knowledge_dir), utcnow())
            user = await session.get(User, user_id)
            if user is None or web_role(services, user) is None:
                return None
            return login_url(services, await create_login_token(services, user))
    finally:
        await db.dispose()


GRACE_SECONDS = 8


class _Server(uvicorn.Server):
    """uvicorn's server with the stop signals handled in the event loop. uvicorn's own
    handling re-raises the signal after its shutdown, so the process dies by SIGTERM
    (exit 143) instead of returning, and in a process that runs more than the web page
    (or a test) the signal ends everything else too."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        loop = asyncio.get_running_loop()
        installed = []
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                # A second signal makes uvicorn give up waiting (force_exit).
                loop.add_signal_handler(sig, self.handle_exit, sig, None)
                installed.append(sig)
        try:
            yield
        finally:
            for sig in installed:
                loop.remove_signal_handler(sig)


def web_config(app: Any, host: str, port: int, grace: float = GRACE_SECONDS) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        # The access log would write every path, and a login path holds its token: the
        # app logs each request by page name instead (powbot.web.security).
        access_log=False,
        # Keep the logging `powbot` set up: uvicorn's own config would disable every logger
        # that already exists, the web page's and the audit trail's included.
        log_config=None,
        proxy_headers=True,
        server_header=False,
        # Without a limit one hanging request keeps the process until SIGKILL, and the
        # database is never closed.
        timeout_graceful_shutdown=int(grace),
    )


async def serve_web(config: uvicorn.Config) -> None:
    """Serve until SIGTERM/SIGINT, then stop gracefully (see the module docstring)."""
    await _Server(config).serve()


def run_web(
    settings: Settings,
    host: str | None = None,
    port: int | None = None,
    login_as: int | None = None,
) -> int:
    settings = _base_url_for(settings, host, port)
    if login_as is not None:
        link = asyncio.run(login_link_for(settings, login_as))
        if link is None:
            print(f"powbot: user {login_as} is no coach or admin")
            return 2
        print(f"Open this link within 10 minutes (it works once):\n{link}", flush=True)
    app = create_app(settings)
    asyncio.run(serve_web(web_config(app, host or settings.web_host, port or settings.web_port)))
    return 0


def _base_url_for(settings: Settings, host: str | None, port: int | None) -> Settings:
    """`powbot web --port 8765 --login-as 6` printed a link to port 8000 (tester): without
    POWBOT_WEB_BASE_URL, links point at the host and port the page is served on."""
    if "web_base_url" in settings.model_fields_set or (host is None and port is None):
        return settings
    shown = host or settings.web_host
    if shown in ("0.0.0.0", "::", ""):
        shown = "127.0.0.1"
    url = f"http://{shown}:{port or settings.web_port}"
    return settings.model_copy(update={"web_base_url": url})
