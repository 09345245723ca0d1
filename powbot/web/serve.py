"""`powbot web`: serve the web page with uvicorn (a separate process beside `powbot run`)."""

from __future__ import annotations

import uvicorn

from powbot.config import Settings
from powbot.web.app import create_app


def run_web(settings: Settings, host: str | None = None, port: int | None = None) -> None:
    app = create_app(settings)
    uvicorn.run(
        app,
        host=host or settings.web_host,
        port=port or settings.web_port,
        # The access log would write every path, and a login path holds its token: the
        # app logs each request by page name instead (powbot.web.security).
        access_log=False,
        proxy_headers=True,
        server_header=False,
    )
