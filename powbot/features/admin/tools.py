"""Admin views without personal content: the audit log of one person, and counts."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import col, select

from powbot.conversation.context import Ctx
from powbot.domain.ids import parse_id
from powbot.domain.unit import Services
from powbot.storage.models import AuditEntry, Placement, QuestionnaireResult, User

AUDIT_ROWS = 50


async def audit_lines(services: Services, lang: str, subject_id: int) -> list[str]:
    """Who looked at or changed this person's data, newest first (also for the CLI)."""
    rows = (
        await services.session.exec(
            select(AuditEntry)
            .where(AuditEntry.subject_id == subject_id)
            .order_by(col(AuditEntry.at).desc())
            .limit(AUDIT_ROWS)
        )
    ).all()
    lines = []
    for row in rows:
        actor = await services.session.get(User, row.actor_id) if row.actor_id else None
        who = f"{row.actor_id or '-'} ({actor.role if actor else '-'})"
        when = services.local(row.at).strftime("%d-%m-%Y %H:%M")
        lines.append(services.text(lang, "admin.audit_line", when=when, who=who, what=row.action))
    return lines


async def show_audit(ctx: Ctx, argument: str) -> None:
    subject_id = parse_id(argument)
    if subject_id is None:
        ctx.say(ctx.t("admin.audit_usage"))
        return
    lines = await audit_lines(ctx, ctx.lang, subject_id)
    # Looking at the log is itself something to log.
    ctx.session.add(
        AuditEntry(at=ctx.now, actor_id=ctx.user.id, subject_id=subject_id, action="audit_viewed")
    )
    if not lines:
        ctx.say(ctx.t("admin.audit_empty", user=subject_id))
        return
    ctx.say(ctx.t("admin.audit_title", user=subject_id) + "\n" + "\n".join(lines))


async def show_stats(ctx: Ctx) -> None:
    """Counts only: nothing here identifies a person."""
    session = ctx.session
    roles = dict((await session.exec(select(User.role, func.count()).group_by(User.role))).all())
    results = (await session.exec(select(func.count()).select_from(QuestionnaireResult))).one()
    placements = (
        await session.exec(
            select(func.count()).select_from(Placement).where(Placement.status == "active")
        )
    ).one()
    ctx.say(
        ctx.t(
            "admin.stats",
            seekers=roles.get("seeker", 0),
            employers=roles.get("employer", 0),
            coaches=roles.get("coach", 0),
            results=results,
            placements=placements,
        )
    )
