"""Admin commands in Telegram (the admin role comes from POWBOT_ADMIN_IDS)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from powbot.bot.commands import register_commands
from powbot.bot.handlers.filters import HasRole
from powbot.conversation.context import Ctx
from powbot.domain.ids import parse_id
from powbot.features.admin import tools as admin_tools
from powbot.features.faq import flow as faq

UNANSWERED_COMMANDS = ("onbeantwoord", "unanswered")
FEEDBACK_COMMANDS = ("beoordelingen", "feedback")
AUDIT_COMMANDS = ("audit", "logboek")
STATS_COMMANDS = ("stats", "tellingen")
MAX_LIMIT = 50


def _limit(command: CommandObject) -> int:
    arg = (command.args or "").strip()
    return min(parse_id(arg) or 20, MAX_LIMIT)


async def cmd_unanswered(message: Message, command: CommandObject, ctx: Ctx) -> None:
    await faq.show_unanswered(ctx, _limit(command))


async def cmd_feedback(message: Message, command: CommandObject, ctx: Ctx) -> None:
    await faq.show_feedback(ctx, _limit(command))


async def cmd_audit(message: Message, command: CommandObject, ctx: Ctx) -> None:
    await admin_tools.show_audit(ctx, command.args or "")


async def cmd_stats(message: Message, ctx: Ctx) -> None:
    await admin_tools.show_stats(ctx)


def create_router() -> Router:
    router = Router(name="admin")
    router.message.filter(HasRole("admin"))
    router.callback_query.filter(HasRole("admin"))
    router.message.register(cmd_unanswered, Command(*UNANSWERED_COMMANDS))
    router.message.register(cmd_feedback, Command(*FEEDBACK_COMMANDS))
    router.message.register(cmd_audit, Command(*AUDIT_COMMANDS))
    router.message.register(cmd_stats, Command(*STATS_COMMANDS))
    return router


register_commands(*UNANSWERED_COMMANDS, *FEEDBACK_COMMANDS, *AUDIT_COMMANDS, *STATS_COMMANDS)
