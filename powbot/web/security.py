"""The web page's safety parts: security headers on every response, a rate limit on login
attempts, CSRF checks, opaque client references (no Telegram id in any URL), and a
request log that names the page, never the path (which may hold a login token)."""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections import deque
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("powbot.web")

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityHeaders:
    """Adds the headers above (HSTS over https, no-store on pages) and logs each request
    by endpoint name, status and duration only."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        https = scope.get("scheme") == "https"
        static = scope.get("path", "").startswith("/static/")
        status = 0

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.extend(HEADERS)
                if https:
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                if not static:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
        endpoint = scope.get("endpoint")
        name = getattr(endpoint, "__name__", "static" if static else "unknown")
        log.info("%s %s %d %.1fms", scope["method"], name, status, _ms(started))


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


class RateLimit:
    """At most `limit` events per `seconds` per key (in this process)."""

    def __init__(self, limit: int, seconds: float) -> None:
        self.limit = limit
        self.seconds = seconds
        self.events: dict[str, deque[float]] = {}

    def allow(self, key: str, now: float | None = None) -> bool:
        moment = time.monotonic() if now is None else now
        events = self.events.setdefault(key, deque())
        while events and events[0] <= moment - self.seconds:
            events.popleft()
        if len(events) >= self.limit:
            return False
        events.append(moment)
        if len(self.events) > 10_000:  # forget idle keys now and then
            self.events = {k: v for k, v in self.events.items() if v}
        return True


def client_ref(secret: bytes, seeker_id: int) -> str:
    """An opaque, stable reference to a client for URLs (HMAC of the id)."""
    return hmac.new(secret, f"client:{seeker_id}".encode(), hashlib.sha256).hexdigest()[:24]


def find_ref(secret: bytes, ref: str, ids: Iterable[int]) -> int | None:
    for seeker_id in ids:
        if hmac.compare_digest(client_ref(secret, seeker_id), ref):
            return seeker_id
    return None


def csrf_ok(expected: str, given: object) -> bool:
    return isinstance(given, str) and bool(given) and hmac.compare_digest(expected, given)
