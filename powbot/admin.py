"""`powbot admin ...`: operator commands on the command line."""

from __future__ import annotations

import argparse
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


async def run_admin(args: argparse.Namespace, settings: Settings) -> int:
    from powbot.bot.flows.base import Services
    from powbot.bot.flows.invites import create_invite
    from powbot.clock import utcnow
    from powbot.knowledge.content import load_content
    from powbot.storage.db import Database

    if args.admin_command == "invite":
        content = load_content(settings.knowledge_dir)
        db = Database(settings.database_url)
        await db.migrate()
        days = args.days or settings.invite_days
        try:
            async with db.transaction() as session:
                services = Services(session, settings, content, utcnow())
                code, row = await create_invite(
                    services,
                    args.role,
                    settings.admin_ids[0] if settings.admin_ids else None,
                    timedelta(days=days),
                )
        finally:
            await db.dispose()
        bot = args.bot or settings.bot_username or "<bot>"
        print(f"code: {code}")
        print(f"link: https://t.me/{bot}?start={code}")
        print(
            f"valid until: {row.expires_at.astimezone(settings.tz):%Y-%m-%d %H:%M} ({settings.timezone})"
        )
        return 0
    if args.admin_command == "unanswered":
        return await _unanswered(settings, args.limit)
    raise SystemExit(f"unknown admin command {args.admin_command!r}")


async def _unanswered(settings: Settings, limit: int) -> int:
    """Operator output (English): one line per question, most frequent first."""
    from powbot.bot.flows.faq import top_unanswered
    from powbot.storage.db import Database

    db = Database(settings.database_url)
    await db.migrate()
    try:
        async with db.transaction() as session:
            rows = await top_unanswered(session, limit)
    finally:
        await db.dispose()
    if not rows:
        print("no unanswered questions")
    for row in rows:
        print(f"{row.times:4d}x {row.users:3d} users [{row.language}] {row.question}")
    return 0
