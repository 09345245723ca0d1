"""The web page for coaches and the region: a Starlette app with Jinja2 templates and htmx,
on the same database, settings and content as the bot (no Telegram token needed).

Why Starlette: it is the small ASGI core uvicorn serves directly, with sessions,
templates, static files and a test client, and nothing we would have to switch off; the
pages are server-rendered HTML that htmx enhances (alert actions update in place), so
they work without JavaScript and need no inline script under the CSP.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from powbot.clock import utcnow
from powbot.config import Settings
from powbot.domain import web_login
from powbot.domain.unit import Services
from powbot.knowledge.content import Content, load_content
from powbot.storage.db import Database
from powbot.storage.models import User
from powbot.storage.models_web import WebSession
from powbot.web.security import RateLimit, SecurityHeaders, csrf_ok

HERE = Path(__file__).parent
COOKIE = "powbot_session"
log = logging.getLogger("powbot.web")


@dataclass
class WebState:
    settings: Settings
    db: Database
    content: Content
    clock: Callable[[], datetime] = utcnow
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    logins: RateLimit = field(default_factory=lambda: RateLimit(10, 300))
    env: Environment = field(
        default_factory=lambda: Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )
    )


def state(request: Request) -> WebState:
    found: WebState = request.app.state.web
    return found


@asynccontextmanager
async def unit(request: Request) -> AsyncIterator[Services]:
    """One unit of work per request: a transaction and a fixed `now`."""
    web = state(request)
    async with web.db.transaction() as session:
        yield Services(session, web.settings, web.content, web.clock())


@dataclass
class Viewer:
    user: User
    session: WebSession
    role: str
    lang: str


async def viewer(request: Request, services: Services) -> Viewer:
    """The signed-in coach or admin; a redirect to the login page otherwise."""
    found = await web_login.current(services, request.cookies.get(COOKIE))
    if found is None:
        raise HTTPException(303, headers={"location": "/login"})
    row, user = found
    role = web_login.web_role(services, user) or "coach"
    return Viewer(user, row, role, services.lang_of(user))


async def checked_form(request: Request, who: Viewer) -> dict[str, Any]:
    """The posted form, after its CSRF token matched the session's (403 otherwise)."""
    form = dict(await request.form())
    if not csrf_ok(who.session.csrf_token, form.get("csrf")):
        raise HTTPException(403)
    return form


def page_lang(request: Request, services: Services) -> str:
    accepted = request.headers.get("accept-language", "")
    if accepted[:2].lower() in ("nl", "en"):
        return accepted[:2].lower()
    return services.settings.default_language


def render(
    request: Request,
    services: Services,
    template: str,
    lang: str,
    status: int = 200,
    **values: Any,
) -> HTMLResponse:
    web = state(request)

    def t(key: str, **params: Any) -> str:
        return services.text(lang, key, **params)

    html = web.env.get_template(template).render(
        t=t, lang=lang, static_version=STATIC_VERSION, **values
    )
    return HTMLResponse(html, status_code=status)


STATIC_VERSION = "1"


async def not_found(request: Request, exc: Exception) -> Response:
    web = state(request)
    async with web.db.transaction() as session:
        services = Services(session, web.settings, web.content, web.clock())
        lang = page_lang(request, services)
        return render(request, services, "error.html", lang, 404, who=None, code=404)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code in (301, 302, 303):
        return RedirectResponse((exc.headers or {}).get("location", "/"), exc.status_code)
    web = state(request)
    async with web.db.transaction() as session:
        services = Services(session, web.settings, web.content, web.clock())
        lang = page_lang(request, services)
        return render(
            request, services, "error.html", lang, exc.status_code, who=None, code=exc.status_code
        )


def create_app(
    settings: Settings,
    *,
    db: Database | None = None,
    content: Content | None = None,
    clock: Callable[[], datetime] | None = None,
) -> Starlette:
    from powbot.web import auth_views, coach_views, region_views

    own_db = db is None
    database = db or Database(settings.database_url)
    secret = settings.web_session_secret
    web = WebState(
        settings=settings,
        db=database,
        content=content or load_content(settings.knowledge_dir),
        clock=clock or utcnow,
    )
    if secret is not None:
        web.secret = secret.get_secret_value().encode()
    else:
        log.warning("POWBOT_WEB_SESSION_SECRET is not set: client links change at restart")

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if own_db:
            await database.migrate()
        yield
        if own_db:
            await database.dispose()

    routes = [
        *auth_views.ROUTES,
        *coach_views.ROUTES,
        *region_views.ROUTES,
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        Route("/", home, name="home"),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={404: not_found, HTTPException: http_error},
    )
    app.state.web = web
    app.add_middleware(SecurityHeaders)
    return app


async def home(request: Request) -> Response:
    async with unit(request) as services:
        who = await viewer(request, services)
    return RedirectResponse("/region" if who.role == "admin" else "/caseload", 303)
