"""`powbot admin ...`: operator commands on the command line (output in English)."""

from __future__ import annotations

import argparse
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

from powbot.config import Settings


def add_admin_commands(commands: Any) -> None:
    admin = commands.add_parser("admin", help="operator tasks")
    tasks = admin.add_subparsers(dest="admin_command", required=True)
    invite = tasks.add_parser("invite", help="create a single-use invite code")
    invite.add_argument("role", choices=("coach", "employer"))
    invite.add_argument("--days", type=int, default=None, help="valid for this many days")
    invite.add_argument("--bot", default=None, help="bot username for the t.me link")
    unanswered = tasks.add_parser("unanswered", help="FAQ questions asked most without answer")
    unanswered.add_argument("--limit", type=int, default=20, help="show this many (default 20)")
    feedback = tasks.add_parser("feedback", help="FAQ answers rated 👎, with the questions")
    feedback.add_argument("--limit", type=int, default=20, help="show this many (default 20)")
    callbacks = tasks.add_parser(
        "callbacks", help="employers' call-back requests and whether a WSP contact got them"
    )
    callbacks.add_argument("--limit", type=int, default=20, help="show this many (default 20)")
    audit = tasks.add_parser("audit", help="who looked at one person's data")
    audit.add_argument("user_id", type=int, help="the person's Telegram id")


@asynccontextmanager
async def _services(settings: Settings) -> AsyncIterator[Any]:
    """One transaction on the configured database, as the bot's flows get it."""
    from powbot.clock import utcnow
    from powbot.domain.unit import Services
    from powbot.knowledge.content import load_content
    from powbot.storage.db import Database

    content = load_content(settings.knowledge_dir)
    db = Database(settings.database_url)
    await db.migrate()
    try:
        async with db.transaction() as session:
            yield Services(session, settings, content, utcnow())
    finally:
        await db.dispose()


async def run_admin(args: argparse.Namespace, settings: Settings) -> int:
    if args.admin_command == "invite":
        return await _invite(settings, args.role, args.days or settings.invite_days, args.bot)
    if args.admin_command == "unanswered":
        return await _unanswered(settings, args.limit)
    if args.admin_command == "feedback":
        return await _feedback(settings, args.limit)
    if args.admin_command == "audit":
        return await _audit(settings, args.user_id)
    if args.admin_command == "callbacks":
        return await _callbacks(settings, args.limit)
    raise SystemExit(f"unknown admin command {args.admin_command!r}")


async def _invite(settings: Settings, role: str, days: int, bot: str | None) -> int:
    from powbot.features.onboarding.invites import create_invite

    async with _services(settings) as services:
        admin = settings.admin_ids[0] if settings.admin_ids else None
        code, row = await create_invite(services, role, admin, timedelta(days=days))
    print(f"code: {code}")
    print(f"link: https://t.me/{bot or settings.bot_username or '<bot>'}?start={code}")
    until = row.expires_at.astimezone(settings.tz)
    print(f"valid until: {until:%Y-%m-%d %H:%M} ({settings.timezone})")
    return 0


async def _unanswered(settings: Settings, limit: int) -> int:
    """One line per question, most frequent first."""
    from powbot.features.faq.flow import top_unanswered

    async with _services(settings) as services:
        rows = await top_unanswered(services.session, limit)
    if not rows:
        print("no unanswered questions")
    for row in rows:
        print(f"{row.times:4d}x {row.users:3d} users [{row.language}] {row.question}")
    return 0


async def _feedback(settings: Settings, limit: int) -> int:
    """One line per rated answer, most 👎 first, with the questions that got the 👎."""
    from powbot.features.faq.flow import feedback_summary

    async with _services(settings) as services:
        rows = await feedback_summary(services.session, limit)
    if not rows:
        print("no ratings yet")
    for row in rows:
        print(f"{row.unhelpful:4d} down {row.helpful:4d} up  {row.entry_id}")
        for question in row.questions:
            print(f"      down for: {question}")
    return 0


async def _audit(settings: Settings, user_id: int) -> int:
    from powbot.features.admin.tools import audit_lines

    async with _services(settings) as services:
        lines = await audit_lines(services, "en", user_id)
    print("\n".join(lines) if lines else f"nobody has looked at the data of {user_id}")
    return 0


async def _callbacks(settings: Settings, limit: int) -> int:
    """The newest call-back requests, and which WSP contacts can (not yet) receive them."""
    from sqlmodel import col, select

    from powbot.domain.contacts import contact_states, held_messages
    from powbot.storage.models_faq import CallbackRequest

    contacts = list(dict.fromkeys(settings.wsp_contact_ids))
    async with _services(settings) as services:
        states = await contact_states(services.session, contacts)
        held = await held_messages(services.session, contacts)
        query = select(CallbackRequest).order_by(col(CallbackRequest.id).desc()).limit(limit)
        rows = (await services.session.exec(query)).all()
    if not contacts:
        print("no WSP contacts set (POWBOT_WSP_CONTACT_IDS): requests are only stored here")
    for contact in contacts:
        waiting = held.get(contact, 0)
        print(f"WSP contact {contact}: {states[contact]}, {waiting} message(s) waiting")
    if not rows:
        print("no call-back requests")
    for row in rows:
        when = row.created_at.astimezone(settings.tz)
        print(
            f"#{row.id} {when:%Y-%m-%d %H:%M} {row.organisation} - {row.name} - {row.contact}"
            f" [{row.language}] sent to {row.notified} contact(s)"
        )
        print(f"      {row.question}")
    return 0
