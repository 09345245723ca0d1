"""What a returning user left unfinished, so a greeting can offer to go on exactly there."""

from __future__ import annotations

from sqlmodel import col, select

from powbot.domain.unit import Services
from powbot.storage.models import QuestionnaireRun


async def has_unfinished_questionnaire(services: Services, user_id: int) -> bool:
    """An active or paused run with at least one answer."""
    rows = await services.session.exec(
        select(QuestionnaireRun.path).where(
            QuestionnaireRun.user_id == user_id,
            col(QuestionnaireRun.status).in_(("active", "paused")),
        )
    )
    return any(path for path in rows.all())
