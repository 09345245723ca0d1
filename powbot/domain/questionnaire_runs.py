"""Queries about questionnaire runs and results, for the conversation, jobs and reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import bindparam, or_, update
from sqlalchemy import select as core_select
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from powbot.domain.unit import Services
from powbot.storage.models import QuestionnaireResult, QuestionnaireRun, ScheduledItem
from powbot.storage.update_unit import UpdateUnit

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


# --- the same, as plain statements on an update's connection ---------------------------
# Starting the questionnaire (/vragenlijst) is the one step of a seeker's first minutes that
# wrote rows besides the user's: through the ORM session that cost ~4 ms of CPU, five times
# an answer (bench/throughput.py). On SQLite, before any session is open, these statements
# run on the update's connection instead, in its transaction; they store the same rows.


@dataclass(frozen=True)
class RunRow:
    """A run as read or inserted with plain statements (no ORM object to change)."""

    id: int
    user_id: int
    status: str
    path: list[str]
    answers: dict[str, Any]


_RUNS = QuestionnaireRun.__table__  # type: ignore[attr-defined]
_SCHEDULED = ScheduledItem.__table__  # type: ignore[attr-defined]
_OPEN_RUN_ROW = (
    core_select(_RUNS.c.id, _RUNS.c.user_id, _RUNS.c.status, _RUNS.c.path, _RUNS.c.answers)
    .where(
        _RUNS.c.user_id == bindparam("user_id"),
        or_(*(_RUNS.c.status == status for status in OPEN)),
    )
    .order_by(_RUNS.c.id.desc())
    .limit(1)
)
_EVER_SCHEDULED_ROW = (
    select(_SCHEDULED.c.id)
    .where(_SCHEDULED.c.kind == bindparam("kind"), _SCHEDULED.c.ref == bindparam("ref"))
    .limit(1)
)
_SET_STATUS = (
    update(_RUNS).where(_RUNS.c.id == bindparam("run_id")).values(status=bindparam("status"))
)


def plain_unit(services: Services) -> UpdateUnit | None:
    """The update's unit when plain statements may run on it (SQLite, no session open)."""
    unit = services.unit
    return unit if unit is not None and unit.plain else None


def open_run_now(unit: UpdateUnit, user_id: int) -> RunRow | None:
    """`open_run`, as a plain statement."""
    rows = unit.fetch_now(_OPEN_RUN_ROW, {"user_id": user_id})
    return RunRow(**rows[0]) if rows else None


def new_run_now(
    unit: UpdateUnit, user_id: int, questionnaire: str, version: int, now: datetime
) -> RunRow:
    """A new active run, as the ORM would insert it."""
    values = {
        "user_id": user_id,
        "questionnaire": questionnaire,
        "version": version,
        "started_at": now,
    }
    run_id = unit.insert_now(QuestionnaireRun, values)
    return RunRow(run_id, user_id, "active", [], {})


def set_status_now(unit: UpdateUnit, run_id: int, status: str) -> None:
    unit.run_now(_SET_STATUS, {"run_id": run_id, "status": status})


def ever_scheduled_now(unit: UpdateUnit, kind: str, ref: str) -> bool:
    """`ever_scheduled`, as a plain statement."""
    return bool(unit.fetch_now(_EVER_SCHEDULED_ROW, {"kind": kind, "ref": ref}))


def schedule_now(
    unit: UpdateUnit,
    kind: str,
    due_at: datetime,
    *,
    user_id: int | None = None,
    ref: str | None = None,
    payload: dict[str, Any] | None = None,
) -> None:
    """`Services.schedule`, as a plain statement."""
    values = {"kind": kind, "due_at": due_at, "user_id": user_id, "ref": ref}
    unit.insert_now(ScheduledItem, {**values, "payload": payload or {}})
