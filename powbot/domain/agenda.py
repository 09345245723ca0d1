"""A coach's work for today (the bot's /vandaag, the morning digest and the web page's
today view), and planning the daily digest."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import text as sql_text
from sqlmodel import col, select

from powbot.domain.alerts import LIVE
from powbot.domain.coaching import alert_visible, clients, digest_clock, local_moment, today
from powbot.domain.unit import Services
from powbot.storage.models import ScheduledItem, User
from powbot.storage.models_aftercare import Alert, CheckIn

KIND_DIGEST = "coach.digest"
DIGEST_LOCK = 7_203_001  # pg_advisory_xact_lock key: one planner at a time across workers
OPEN_CHECKIN = ("sent", "reminded", "started")  # the worker can still answer


@dataclass
class Agenda:
    people: dict[int, User] = field(default_factory=dict)
    alerts: list[tuple[Alert, User]] = field(default_factory=list)
    waiting: list[CheckIn] = field(default_factory=list)  # unanswered or missed
    planned: list[CheckIn] = field(default_factory=list)  # going out today

    @property
    def subjects(self) -> set[int]:
        found = {seeker.id for _, seeker in self.alerts}
        found.update(checkin.seeker_id for checkin in (*self.waiting, *self.planned))
        return found

    @property
    def empty(self) -> bool:
        return not self.subjects


async def agenda(services: Services, coach: User) -> Agenda:
    """Due and overdue: open alerts (and snoozed ones whose time came), unanswered
    check-ins, and check-ins going out today. Only for clients who share, apart from
    alerts a coach may always see."""
    result = Agenda(people={seeker.id: seeker for seeker in await clients(services, coach)})
    if not result.people:
        return result
    alerts = await services.session.exec(
        select(Alert)
        .where(Alert.coach_id == coach.id, col(Alert.status).in_(LIVE))
        .order_by(col(Alert.created_at))
    )
    for alert in alerts.all():
        seeker = result.people.get(alert.seeker_id)
        if seeker is None or not alert_visible(alert, seeker):
            continue
        if alert.status == "snoozed" and (
            alert.snoozed_until is not None and alert.snoozed_until > services.now
        ):
            continue
        result.alerts.append((alert, seeker))
    sharing = [seeker_id for seeker_id, seeker in result.people.items() if seeker.share_with_coach]
    if sharing:
        await _add_checkins(services, result, sharing)
    return result


async def _add_checkins(services: Services, result: Agenda, sharing: list[int]) -> None:
    day_start = local_moment(services, today(services), datetime.min.time())
    day_end = day_start + timedelta(days=1)
    rows = await services.session.exec(
        select(CheckIn)
        .where(
            col(CheckIn.seeker_id).in_(sharing),
            col(CheckIn.status).in_((*OPEN_CHECKIN, "missed")),
            col(CheckIn.due_at) >= services.now - timedelta(days=14),
        )
        .order_by(col(CheckIn.due_at))
    )
    result.waiting = [c for c in rows.all() if c.status != "started"]
    rows = await services.session.exec(
        select(CheckIn)
        .where(
            col(CheckIn.seeker_id).in_(sharing),
            CheckIn.status == "scheduled",
            col(CheckIn.due_at) >= day_start,
            col(CheckIn.due_at) < day_end,
        )
        .order_by(col(CheckIn.due_at))
    )
    result.planned = list(rows.all())


async def plan_digests(services: Services) -> None:
    """Periodic: make sure today's (if still ahead) and tomorrow's digest exist per coach.
    Idempotent by ref; on PostgreSQL an advisory lock keeps two workers from both
    planning the same digest between their check and their insert."""
    bind = services.session.get_bind()
    if bind.dialect.name == "postgresql":
        await (await services.session.connection()).execute(
            sql_text(f"SELECT pg_advisory_xact_lock({DIGEST_LOCK})")
        )
    coaches = (await services.session.exec(select(User.id).where(User.role == "coach"))).all()
    if not coaches:
        return
    first = today(services)
    wanted: dict[str, tuple[int, datetime]] = {}
    for day in (first, first + timedelta(days=1)):
        due = local_moment(services, day, digest_clock(services))
        if due <= services.now and day == first:
            continue  # today's moment has passed: a first start does not send a late digest
        for coach_id in coaches:
            wanted[f"digest:{coach_id}:{day.isoformat()}"] = (coach_id, due)
    if not wanted:
        return
    existing = set(
        (
            await services.session.exec(
                select(ScheduledItem.ref).where(
                    ScheduledItem.kind == KIND_DIGEST, col(ScheduledItem.ref).in_(list(wanted))
                )
            )
        ).all()
    )
    for ref, (coach_id, due) in wanted.items():
        if ref not in existing:
            await services.schedule(KIND_DIGEST, due, user_id=coach_id, ref=ref)
