"""Admin reports: questions without an answer, and answers by 👎 count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from powbot.conversation.context import Ctx
from powbot.storage.models import AuditEntry
from powbot.storage.models_faq import FaqFeedback, FaqUnanswered


@dataclass(frozen=True)
class UnansweredRow:
    question: str
    language: str
    times: int
    users: int
    last_at: datetime


async def top_unanswered(session: AsyncSession, limit: int = 20) -> list[UnansweredRow]:
    """The questions asked most often without an answer (all users together)."""
    times = func.sum(FaqUnanswered.count)
    last = func.max(FaqUnanswered.last_at)
    statement = (
        select(  # type: ignore[call-overload]
            FaqUnanswered.question,
            FaqUnanswered.language,
            times,
            func.count(col(FaqUnanswered.user_id).distinct()),
            last,
        )
        .group_by(col(FaqUnanswered.question), col(FaqUnanswered.language))
        .order_by(times.desc(), last.desc(), col(FaqUnanswered.question))
        .limit(max(1, limit))
    )
    rows = await session.exec(statement)
    return [UnansweredRow(q, lang, int(n), int(u), at) for q, lang, n, u, at in rows.all()]


def _show_report(ctx: Ctx, report: str, count: int, lines: list[str]) -> None:
    """An admin report of free-text questions: looking is logged, whether or not there is
    anything to see."""
    ctx.session.add(AuditEntry(at=ctx.now, actor_id=ctx.user.id, action=f"faq_{report}_viewed"))
    if not count:
        ctx.say(ctx.t(f"faq.{report}_none"))
        return
    ctx.say("\n".join([ctx.t(f"faq.{report}_title", count=count), *lines]))


async def show_unanswered(ctx: Ctx, limit: int = 20) -> None:
    """/onbeantwoord for admins."""
    rows = await top_unanswered(ctx.session, limit)
    lines = [
        ctx.t(
            "faq.unanswered_line",
            times=row.times,
            users=row.users,
            language=row.language,
            question=row.question,
        )
        for row in rows
    ]
    _show_report(ctx, "unanswered", len(rows), lines)


@dataclass(frozen=True)
class FeedbackRow:
    entry_id: str
    helpful: int
    unhelpful: int
    questions: tuple[str, ...]  # the latest questions it was a 👎 answer to


async def feedback_summary(
    session: AsyncSession, limit: int = 20, questions: int = 3
) -> list[FeedbackRow]:
    """Answers by 👎 count (then fewest 👍), with the questions that got them."""
    down = func.sum(case((col(FaqFeedback.helpful).is_(False), 1), else_=0))
    up = func.sum(case((col(FaqFeedback.helpful).is_(True), 1), else_=0))
    statement = (
        select(FaqFeedback.entry_id, up, down)
        .group_by(col(FaqFeedback.entry_id))
        .order_by(down.desc(), up.asc(), col(FaqFeedback.entry_id))
        .limit(max(1, limit))
    )
    counts = (await session.exec(statement)).all()
    asked = await session.exec(
        select(FaqFeedback.entry_id, FaqFeedback.question)
        .where(
            col(FaqFeedback.entry_id).in_([entry_id for entry_id, _, _ in counts]),
            col(FaqFeedback.helpful).is_(False),
            col(FaqFeedback.question).is_not(None),
        )
        .order_by(col(FaqFeedback.at).desc(), col(FaqFeedback.id).desc())
    )
    by_entry: dict[str, list[str]] = {}
    for entry_id, question in asked.all():
        seen = by_entry.setdefault(entry_id, [])
        if question is not None and question not in seen and len(seen) < questions:
            seen.append(question)
    return [
        FeedbackRow(entry_id, int(n_up), int(n_down), tuple(by_entry.get(entry_id, ())))
        for entry_id, n_up, n_down in counts
    ]


async def show_feedback(ctx: Ctx, limit: int = 20) -> None:
    """/beoordelingen for admins."""
    rows = await feedback_summary(ctx.session, limit)
    lines: list[str] = []
    for row in rows:
        lines.append(
            ctx.t("faq.feedback_line", down=row.unhelpful, up=row.helpful, entry=row.entry_id)
        )
        lines += [ctx.t("faq.feedback_question", question=q) for q in row.questions]
    _show_report(ctx, "feedback", len(rows), lines)
