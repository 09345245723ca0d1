"""Single-use invite codes: created by an admin (or a coach, for linking), used via /start."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlmodel import select

from powbot.conversation.context import Ctx
from powbot.domain.unit import Services
from powbot.features.menu import show_menu
from powbot.storage.models import InviteCode

ROLE_PURPOSES = ("coach", "employer")


def hash_code(code: str) -> str:
    return hashlib.sha256(code.strip().encode()).hexdigest()


def _recognisable(code: str) -> bool:
    return (
        any(c.isdigit() for c in code)
        and any(c.isupper() for c in code)
        and any(c.islower() for c in code)
    )


async def create_invite(
    services: Services, purpose: str, created_by: int | None, valid_for: timedelta
) -> tuple[str, InviteCode]:
    """A fresh code (about 71 random bits, fits a t.me deep link) and its stored row. It
    mixes digits, capitals and small letters, so pasted into a sentence without the word
    'code' it is still read as one (understanding/invite_codes.py)."""
    code = secrets.token_urlsafe(9)
    while not _recognisable(code):
        code = secrets.token_urlsafe(9)
    row = InviteCode(
        code_hash=hash_code(code),
        purpose=purpose,
        created_by=created_by,
        created_at=services.now,
        expires_at=services.now + valid_for,
    )
    services.session.add(row)
    await services.session.flush()
    return code, row


async def find_usable(
    services: Services, code: str, purpose: str | None = None
) -> InviteCode | None:
    """The unused, unexpired invite for this code (locked for the rest of the transaction)."""
    query = select(InviteCode).where(InviteCode.code_hash == hash_code(code)).with_for_update()
    row = (await services.session.exec(query)).first()
    if row is None or row.used_at is not None or _expired(row.expires_at, services.now):
        return None
    if purpose is not None and row.purpose != purpose:
        return None
    return row


def _expired(expires_at: datetime, now: datetime) -> bool:
    return expires_at <= now


async def use_role_invite(ctx: Ctx, code: str) -> bool:
    row = await find_usable(ctx, code)
    if row is None or row.purpose not in ROLE_PURPOSES:
        return False
    row.used_by = ctx.user.id
    row.used_at = ctx.now
    ctx.user.role = row.purpose
    ctx.set_state(None)
    await show_menu(ctx, f"invites.welcome_{row.purpose}")
    return True
