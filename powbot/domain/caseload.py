"""Read models of a coach's caseload: one row per client, and one client in full.

`caseload_rows` answers in a fixed number of queries whatever the caseload size (no query
per client): clients, active placements, live alerts, the last moods, the next check-in and
the latest werkfit result, each one query over all clients. What a client does not share
(profile, check-ins) stays None, and the bot and the web page render from these rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import col, select

from powbot.domain.alerts import LIVE
from powbot.domain.coaching import alert_visible, clients, today
from powbot.domain.unit import Services
from powbot.storage.models import Placement, QuestionnaireResult, ScheduledItem, User
from powbot.storage.models_aftercare import Alert, CheckIn, CheckInAnswer, CoachMessage

TREND_POINTS = 12  # moods kept per client for the trend


@dataclass
class CaseloadRow:
    seeker: User
    shares: bool
    placement: Placement | None = None
    open_alerts: int = 0
    stage: str | None = None
    last_day: date | None = None
    last_mood: int | None = None
    moods: list[int] = field(default_factory=list)  # oldest first
    next_checkin: datetime | None = None

    def days_since_start(self, on: date) -> int | None:
        if self.placement is None:
            return None
        return (on - self.placement.start_date).days


def trend_key(moods: list[int]) -> str | None:
    """Oldest first. The mean of the last two against the two before; None below three."""
    if len(moods) < 3:
        return None
    recent = sum(moods[-2:]) / 2
    before = sum(moods[-4:-2]) / len(moods[-4:-2])
    if recent - before >= 0.75:
        return "coach.trend_up"
    if before - recent >= 0.75:
        return "coach.trend_down"
    return "coach.trend_flat"


async def caseload_rows(services: Services, coach: User) -> list[CaseloadRow]:
    people = await clients(services, coach)
    rows = {seeker.id: CaseloadRow(seeker, seeker.share_with_coach) for seeker in people}
    if not rows:
        return []
    ids = list(rows)
    sharing = [seeker.id for seeker in people if seeker.share_with_coach]
    await _add_placements(services, rows, ids)
    await _add_alerts(services, coach, rows)
    if sharing:
        await _add_moods(services, rows, sharing)
        await _add_next_checkins(services, rows, sharing)
        await _add_stages(services, rows, sharing)
    return list(rows.values())


async def _add_placements(services: Services, rows: dict[int, CaseloadRow], ids: list[int]) -> None:
    found = await services.session.exec(
        select(Placement)
        .where(col(Placement.seeker_id).in_(ids), Placement.status == "active")
        .order_by(col(Placement.start_date))
    )
    for placement in found.all():  # the newest start wins
        if placement.seeker_id is not None:
            rows[placement.seeker_id].placement = placement


async def _add_alerts(services: Services, coach: User, rows: dict[int, CaseloadRow]) -> None:
    found = await services.session.exec(
        select(Alert).where(Alert.coach_id == coach.id, col(Alert.status).in_(LIVE))
    )
    for alert in found.all():
        row = rows.get(alert.seeker_id)
        if row is not None and alert_visible(alert, row.seeker):
            row.open_alerts += 1


async def _add_moods(services: Services, rows: dict[int, CaseloadRow], ids: list[int]) -> None:
    rank = (
        func.row_number()
        .over(partition_by=col(CheckIn.seeker_id), order_by=col(CheckIn.answered_at).desc())
        .label("rank")
    )
    recent = (
        select(col(CheckIn.seeker_id), col(CheckIn.day), col(CheckIn.mood), rank)
        .where(col(CheckIn.seeker_id).in_(ids), CheckIn.status == "answered")
        .subquery()
    )
    found = await services.session.exec(
        select(recent.c.seeker_id, recent.c.day, recent.c.mood)
        .where(recent.c.rank <= TREND_POINTS)
        .order_by(recent.c.seeker_id, recent.c.rank.desc())
    )
    for seeker_id, day, mood in found.all():
        row = rows[seeker_id]
        row.last_day, row.last_mood = day, mood
        if mood is not None:
            row.moods.append(mood)


async def _add_next_checkins(
    services: Services, rows: dict[int, CaseloadRow], ids: list[int]
) -> None:
    found = await services.session.exec(
        select(CheckIn.seeker_id, func.min(CheckIn.due_at))
        .where(col(CheckIn.seeker_id).in_(ids), CheckIn.status == "scheduled")
        .group_by(col(CheckIn.seeker_id))
    )
    for seeker_id, due in found.all():
        rows[seeker_id].next_checkin = due


async def _add_stages(services: Services, rows: dict[int, CaseloadRow], ids: list[int]) -> None:
    rank = (
        func.row_number()
        .over(
            partition_by=col(QuestionnaireResult.user_id),
            order_by=col(QuestionnaireResult.created_at).desc(),
        )
        .label("rank")
    )
    latest = (
        select(col(QuestionnaireResult.user_id), col(QuestionnaireResult.stage), rank)
        .where(col(QuestionnaireResult.user_id).in_(ids))
        .subquery()
    )
    found = await services.session.exec(
        select(latest.c.user_id, latest.c.stage).where(latest.c.rank == 1)
    )
    for user_id, stage in found.all():
        rows[user_id].stage = stage


# --- one client ------------------------------------------------------------------------------


async def latest_result(services: Services, seeker_id: int) -> QuestionnaireResult | None:
    rows = await services.session.exec(
        select(QuestionnaireResult)
        .where(QuestionnaireResult.user_id == seeker_id)
        .order_by(col(QuestionnaireResult.created_at).desc())
    )
    return rows.first()


async def results_of(services: Services, seeker_id: int) -> list[QuestionnaireResult]:
    """Every werkfit result of a client, oldest first (the profile over time)."""
    rows = await services.session.exec(
        select(QuestionnaireResult)
        .where(QuestionnaireResult.user_id == seeker_id)
        .order_by(col(QuestionnaireResult.created_at))
    )
    return list(rows.all())


async def answered_checkins(services: Services, seeker_id: int, limit: int) -> list[CheckIn]:
    rows = await services.session.exec(
        select(CheckIn)
        .where(CheckIn.seeker_id == seeker_id, CheckIn.status == "answered")
        .order_by(col(CheckIn.answered_at).desc())
        .limit(limit)
    )
    return list(rows.all())


async def next_checkin(services: Services, seeker_id: int) -> CheckIn | None:
    rows = await services.session.exec(
        select(CheckIn)
        .where(CheckIn.seeker_id == seeker_id, CheckIn.status == "scheduled")
        .order_by(col(CheckIn.due_at))
    )
    return rows.first()


async def placements_of(services: Services, seeker_id: int) -> list[Placement]:
    """Every placement of a client (ended ones too), newest first."""
    rows = await services.session.exec(
        select(Placement)
        .where(Placement.seeker_id == seeker_id)
        .order_by(col(Placement.start_date).desc())
    )
    return list(rows.all())


async def count_scheduled(services: Services, ref: str, kind: str) -> int:
    rows = await services.session.exec(
        select(func.count())
        .select_from(ScheduledItem)
        .where(ScheduledItem.ref == ref, ScheduledItem.kind == kind)
    )
    return int(rows.one())


async def planned_checkins(services: Services, placement_id: int) -> int:
    """How many of the worker's check-ins are planned for a placement."""
    rows = await services.session.exec(
        select(func.count())
        .select_from(CheckIn)
        .where(
            CheckIn.placement_id == placement_id,
            CheckIn.audience == "worker",
            CheckIn.status == "scheduled",
        )
    )
    return int(rows.one())


def days_since_start(row: CaseloadRow, services: Services) -> int | None:
    return row.days_since_start(today(services))


async def checkins_by_id(services: Services, ids: list[int]) -> dict[int, CheckIn]:
    if not ids:
        return {}
    found = await services.session.exec(select(CheckIn).where(col(CheckIn.id).in_(ids)))
    return {c.id: c for c in found.all() if c.id is not None}


async def messages_between(
    services: Services, coach: User, seeker: User, limit: int
) -> list[CoachMessage]:
    """The messages a coach and a client exchanged through the bot, newest first."""
    found = await services.session.exec(
        select(CoachMessage)
        .where(CoachMessage.seeker_id == seeker.id, CoachMessage.coach_id == coach.id)
        .order_by(col(CoachMessage.created_at).desc())
        .limit(limit)
    )
    return list(found.all())


@dataclass
class ContactWish:
    """The client's latest answer to 'shall your coach contact you?' in a check-in."""

    wish: str  # "contact" or "no_contact"
    day: date


async def contact_wish(services: Services, seeker: User) -> ContactWish | None:
    """How the client last said they want to be contacted; None while they do not share
    (a limited alert still carries its own wish) or never answered the question."""
    if not seeker.share_with_coach:
        return None
    question = services.content.aftercare.contact_question
    rows = await services.session.exec(
        select(CheckInAnswer, CheckIn)
        .join(CheckIn, col(CheckIn.id) == col(CheckInAnswer.checkin_id))
        .where(CheckInAnswer.seeker_id == seeker.id, CheckInAnswer.question_id == question)
        .order_by(col(CheckInAnswer.answered_at).desc(), col(CheckInAnswer.id).desc())
    )
    found = rows.first()
    if found is None:
        return None
    answer, checkin = found
    wish = {"yes": "contact", "no": "no_contact"}.get(answer.answer)
    return ContactWish(wish, checkin.day) if wish else None
