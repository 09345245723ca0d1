"""Signing in with the bot's single-use link, and signing out.

Opening the link shows a button; only pressing it uses the link (a POST). Link previews
(Telegram fetches a link to show a preview) and mail scanners therefore cannot use it up.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from powbot.domain import web_login
from powbot.web.app import COOKIE, checked_form, page_lang, render, state, unit, viewer

TOKEN_FIELD = "token"


async def login_help(request: Request) -> Response:
    async with unit(request) as services:
        lang = page_lang(request, services)
        return render(request, services, "login.html", lang, who=None, token=None, failed=False)


async def login_link(request: Request) -> Response:
    token = request.path_params["token"]
    async with unit(request) as services:
        lang = page_lang(request, services)
        return render(request, services, "login.html", lang, who=None, token=token, failed=False)


async def login(request: Request) -> Response:
    web = state(request)
    address = request.client.host if request.client else "unknown"
    form = await request.form()
    async with unit(request) as services:
        lang = page_lang(request, services)
        if not web.logins.allow(address):
            return render(
                request, services, "login.html", lang, 429, who=None, token=None, failed=True
            )
        signed_in = await web_login.redeem(services, str(form.get(TOKEN_FIELD) or ""))
        if signed_in is None:
            return render(
                request, services, "login.html", lang, 400, who=None, token=None, failed=True
            )
    response = RedirectResponse("/", 303)
    response.set_cookie(
        COOKIE,
        signed_in.session_id,
        httponly=True,
        secure=_https(request),
        samesite="lax",
        path="/",
    )
    return response


def _https(request: Request) -> bool:
    base = state(request).settings.web_base_url
    return request.url.scheme == "https" or base.startswith("https://")


async def logout(request: Request) -> Response:
    async with unit(request) as services:
        who = await viewer(request, services)
        await checked_form(request, who)
        await web_login.logout(services, who.session)
    response = RedirectResponse("/login", 303)
    response.delete_cookie(COOKIE, path="/", httponly=True, secure=_https(request), samesite="lax")
    return response


ROUTES = [
    Route("/login", login_help, methods=["GET"]),
    Route("/login", login, methods=["POST"]),
    Route("/login/{token}", login_link, methods=["GET"]),
    Route("/logout", logout, methods=["POST"]),
]
