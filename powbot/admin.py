"""`powbot admin ...`: operator commands on the command line."""

from __future__ import annotations

import argparse
from typing import Any

from powbot.config import Settings


def add_admin_commands(commands: Any) -> None:
    admin = commands.add_parser("admin", help="operator tasks")
    admin.add_subparsers(dest="admin_command", required=True)


async def run_admin(args: argparse.Namespace, settings: Settings) -> int:
    raise SystemExit(f"unknown admin command {args.admin_command!r}")
