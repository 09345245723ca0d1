"""Signing in to the web page without a password: the bot hands a coach or admin a link
that works once, for 10 minutes, for that person only; using it opens a server-side
session. Only hashes of the link token and the session id are stored."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import select

from powbot.domain.coaching import audit
from powbot.domain.unit import Services
from powbot.storage.models import User
from powbot.storage.models_web import WebLoginToken, WebSession

LINK_MINUTES = 10
SESSION_HOURS = 12  # hard limit, whatever the activity
WEB_ROLES = ("coach", "admin")


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def web_role(services: Services, user: User) -> str | None:
    """'admin' (by role or by POWBOT_ADMIN_IDS), 'coach', or None: no web page."""
    if user.role == "admin" or user.id in services.settings.admin_ids:
        return "admin"
    return "coach" if user.role == "coach" else None


async def create_login_token(services: Services, user: User) -> str:
    """A fresh single-use token for this user (the raw value goes only into the link)."""
    token = secrets.token_urlsafe(32)
    services.session.add(
        WebLoginToken(
            token_hash=_hash(token),
            user_id=user.id,
            created_at=services.now,
            expires_at=services.now + timedelta(minutes=LINK_MINUTES),
        )
    )
    return token


def login_url(services: Services, token: str) -> str:
    return services.settings.web_base_url.rstrip("/") + "/login/" + token


@dataclass(frozen=True)
class SignedIn:
    session_id: str  # raw, for the cookie only
    row: WebSession
    user: User


async def redeem(services: Services, token: str) -> SignedIn | None:
    """Use a login token: None when unknown, used, expired or no longer a coach/admin."""
    if not token or len(token) > 128:
        return None
    row = (
        await services.session.exec(
            select(WebLoginToken).where(WebLoginToken.token_hash == _hash(token))
        )
    ).first()
    if row is None or row.used_at is not None or row.expires_at <= services.now:
        return None
    row.used_at = services.now
    user = await services.session.get(User, row.user_id)
    if user is None or web_role(services, user) is None:
        return None
    session_id = secrets.token_urlsafe(32)
    session = WebSession(
        session_hash=_hash(session_id),
        user_id=user.id,
        csrf_token=secrets.token_urlsafe(24),
        created_at=services.now,
        last_seen_at=services.now,
    )
    services.session.add(session)
    audit(services, user.id, None, "web.login")
    return SignedIn(session_id, session, user)


async def current(services: Services, session_id: str | None) -> tuple[WebSession, User] | None:
    """The live session for this cookie, touched; None when ended, idle or too old."""
    if not session_id or len(session_id) > 128:
        return None
    row = (
        await services.session.exec(
            select(WebSession).where(WebSession.session_hash == _hash(session_id))
        )
    ).first()
    if row is None or row.ended_at is not None or _expired(services, row):
        return None
    user = await services.session.get(User, row.user_id)
    if user is None or web_role(services, user) is None:
        return None
    if services.now - row.last_seen_at > timedelta(minutes=1):
        row.last_seen_at = services.now  # a write per minute at most, not per request
    return row, user


def _expired(services: Services, row: WebSession) -> bool:
    idle = timedelta(minutes=services.settings.web_idle_minutes)
    now: datetime = services.now
    return now - row.last_seen_at > idle or now - row.created_at > timedelta(hours=SESSION_HOURS)


async def logout(services: Services, row: WebSession) -> None:
    row.ended_at = services.now
    audit(services, row.user_id, None, "web.logout")
