"""Queries about questionnaire runs and results, for the conversation, jobs and reports."""

from __future__ import annotations

from sqlmodel import col, select

from powbot.domain.unit import Services
from powbot.storage.models import QuestionnaireResult, QuestionnaireRun, ScheduledItem

OPEN = ("active", "paused")


async def open_run(services: Services, user_id: int) -> QuestionnaireRun | None:
    """The person's latest unfinished run, if any."""
    result = await services.session.exec(
        select(QuestionnaireRun)
        .where(QuestionnaireRun.user_id == user_id, col(QuestionnaireRun.status).in_(OPEN))
        .order_by(col(QuestionnaireRun.id).desc())
    )
    return result.first()


async def latest_results(services: Services, user_id: int, limit: int) -> list[QuestionnaireResult]:
    rows = await services.session.exec(
        select(QuestionnaireResult)
        .where(QuestionnaireResult.user_id == user_id)
        .order_by(col(QuestionnaireResult.created_at).desc())
        .limit(limit)
    )
    return list(rows.all())


async def ever_scheduled(services: Services, kind: str, ref: str) -> bool:
    """Whether an item of this kind was ever planned for this object (sent, pending or
    cancelled)."""
    rows = await services.session.exec(
        select(ScheduledItem.id)
        .where(ScheduledItem.kind == kind, ScheduledItem.ref == ref)
        .limit(1)
    )
    return rows.first() is not None
