"""`powbot web`: serve the web page with uvicorn (a separate process beside `powbot run`)."""

from __future__ import annotations

import asyncio

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


def run_web(
    settings: Settings,
    host: str | None = None,
    port: int | None = None,
    login_as: int | None = None,
) -> int:
    if login_as is not None:
        link = asyncio.run(login_link_for(settings, login_as))
        if link is None:
            print(f"powbot: user {login_as} is no coach or admin")
            return 2
        print(f"Open this link within 10 minutes (it works once):\n{link}", flush=True)
    app = create_app(settings)
    uvicorn.run(
        app,
        host=host or settings.web_host,
        port=port or settings.web_port,
        # The access log would write every path, and a login path holds its token: the
        # app logs each request by page name instead (powbot.web.security).
        access_log=False,
        # Keep the logging `powbot` set up: uvicorn's own config would disable every logger
        # that already exists, the web page's and the audit trail's included.
        log_config=None,
        proxy_headers=True,
        server_header=False,
    )
    return 0
