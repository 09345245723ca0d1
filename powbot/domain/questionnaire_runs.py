"""Queries about questionnaire runs and results, for the conversation, jobs and reports."""

from __future__ import annotations

from functools import cache

from sqlalchemy import bindparam
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from powbot.domain.unit import Services
from powbot.storage.models import QuestionnaireResult, QuestionnaireRun, ScheduledItem

OPEN = ("active", "paused")

# Built once, with the values as parameters: building a statement cost more than running it.
_OPEN_RUN = (
    select(QuestionnaireRun)
    .where(QuestionnaireRun.user_id == bindparam("user_id"), col(QuestionnaireRun.status).in_(OPEN))
    .order_by(col(QuestionnaireRun.id).desc())
)
_EVER_SCHEDULED = (
    select(ScheduledItem.id)
    .where(ScheduledItem.kind == bindparam("kind"), ScheduledItem.ref == bindparam("ref"))
    .limit(1)
)


@cache
def _latest_results(limit: int) -> SelectOfScalar[QuestionnaireResult]:
    return (
        select(QuestionnaireResult)
        .where(QuestionnaireResult.user_id == bindparam("user_id"))
        .order_by(col(QuestionnaireResult.created_at).desc())
        .limit(limit)
    )


async def open_run(services: Services, user_id: int) -> QuestionnaireRun | None:
    """The person's latest unfinished run, if any."""
    result = await services.session.exec(_OPEN_RUN, params={"user_id": user_id})
    return result.first()


async def latest_results(services: Services, user_id: int, limit: int) -> list[QuestionnaireResult]:
    rows = await services.session.exec(_latest_results(limit), params={"user_id": user_id})
    return list(rows.all())


async def ever_scheduled(services: Services, kind: str, ref: str) -> bool:
    """Whether an item of this kind was ever planned for this object (sent, pending or
    cancelled)."""
    rows = await services.session.exec(_EVER_SCHEDULED, params={"kind": kind, "ref": ref})
    return rows.first() is not None
