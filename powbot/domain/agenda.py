"""A coach's work for today (the bot's /vandaag, the morning digest and the web page's
today view), and planning the daily digest."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import func
from sqlalchemy import text as sql_text
from sqlmodel import col, select

from powbot.domain.aftercare_coach import URGENT_KINDS, digest_due_on, one_row_per_client
from powbot.domain.alerts import LIVE
from powbot.domain.coaching import (
    alert_visible,
    clients,
    digest_clock,
    digest_days,
    local_moment,
    today,
)
from powbot.domain.unit import Services
from powbot.storage.models import ScheduledItem, User
from powbot.storage.models_aftercare import Alert, CheckIn, CoachNote

KIND_DIGEST = "coach.digest"
DIGEST_LOCK = 7_203_001  # pg_advisory_xact_lock key: one planner at a time across workers
OPEN_CHECKIN = ("sent", "reminded", "started")  # the worker can still answer


@dataclass
class ClientItems:
    """One entry of /vandaag and the digest: a client with everything still open about
    them, so two alerts of one client are one line and one button, not two."""

    seeker: User
    alerts: list[Alert] = field(default_factory=list)  # need action: urgent first, newest first
    waiting: list[CheckIn] = field(default_factory=list)  # unanswered or missed, not resolved
    planned: list[CheckIn] = field(default_factory=list)  # going out today

    @property
    def urgent(self) -> bool:
        return any(alert.kind in URGENT_KINDS for alert in self.alerts)


@dataclass
class Agenda:
    people: dict[int, User] = field(default_factory=dict)
    alerts: list[tuple[Alert, User]] = field(default_factory=list)  # urgent first
    waiting: list[CheckIn] = field(default_factory=list)  # unanswered or missed
    planned: list[CheckIn] = field(default_factory=list)  # going out today
    notes: dict[int, CoachNote] = field(default_factory=dict)  # the latest note per alert

    @property
    def subjects(self) -> set[int]:
        found = {seeker.id for _, seeker in self.alerts}
        found.update(checkin.seeker_id for checkin in (*self.waiting, *self.planned))
        return found

    @property
    def empty(self) -> bool:
        return not self.subjects

    @property
    def clients(self) -> list[ClientItems]:
        """One entry per client: urgent ones first, then those with alerts (newest first),
        then unanswered check-ins, then check-ins going out today."""
        found: dict[int, ClientItems] = {}
        for alert, seeker in self.alerts:
            found.setdefault(seeker.id, ClientItems(seeker)).alerts.append(alert)
        for checkin in self.waiting:
            seeker = self.people[checkin.seeker_id]
            found.setdefault(seeker.id, ClientItems(seeker)).waiting.append(checkin)
        for checkin in self.planned:
            seeker = self.people[checkin.seeker_id]
            found.setdefault(seeker.id, ClientItems(seeker)).planned.append(checkin)
        return list(found.values())


async def agenda(services: Services, coach: User) -> Agenda:
    """Due and overdue: alerts that need action (open, and snoozed ones whose time came;
    not those marked contacted or closed), unanswered check-ins the client has not answered
    a later one since, and check-ins going out today. Only for clients who share, apart
    from alerts a coach may always see."""
    result = Agenda(people={seeker.id: seeker for seeker in await clients(services, coach)})
    if not result.people:
        return result
    alerts = await services.session.exec(
        select(Alert)
        .where(Alert.coach_id == coach.id, col(Alert.status).in_(LIVE))
        .order_by(col(Alert.created_at))
    )
    visible = [
        alert
        for alert in alerts.all()
        if alert.seeker_id in result.people and alert_visible(alert, result.people[alert.seeker_id])
    ]
    for row in one_row_per_client(visible, services.now):
        result.alerts += [(alert, result.people[row.seeker_id]) for alert in row.alerts]
    result.notes = await _latest_notes(services, [a.id for a, _ in result.alerts if a.id])
    sharing = [seeker_id for seeker_id, seeker in result.people.items() if seeker.share_with_coach]
    if sharing:
        await _add_checkins(services, result, sharing)
    return result


async def _latest_notes(services: Services, alert_ids: list[int]) -> dict[int, CoachNote]:
    if not alert_ids:
        return {}
    rows = await services.session.exec(
        select(CoachNote)
        .where(col(CoachNote.alert_id).in_(alert_ids))
        .order_by(col(CoachNote.created_at), col(CoachNote.id))
    )
    return {note.alert_id: note for note in rows.all() if note.alert_id is not None}


async def _last_answered(services: Services, sharing: list[int]) -> dict[int, datetime]:
    """Per client, the due time of the latest check-in they answered."""
    rows = await services.session.exec(
        select(CheckIn.seeker_id, func.max(CheckIn.due_at))
        .where(
            col(CheckIn.seeker_id).in_(sharing),
            CheckIn.audience == "worker",
            CheckIn.status == "answered",
        )
        .group_by(col(CheckIn.seeker_id))
    )
    return {seeker_id: due for seeker_id, due in rows.all() if due is not None}


def _resolved(checkin: CheckIn, answered: dict[int, datetime]) -> bool:
    last = answered.get(checkin.seeker_id)
    if last is None:
        return False
    return _aware(last) > _aware(checkin.due_at)


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


async def _add_checkins(services: Services, result: Agenda, sharing: list[int]) -> None:
    day_start = local_moment(services, today(services), datetime.min.time())
    day_end = day_start + timedelta(days=1)
    rows = await services.session.exec(
        select(CheckIn)
        .where(
            col(CheckIn.seeker_id).in_(sharing),
            CheckIn.audience == "worker",
            col(CheckIn.status).in_((*OPEN_CHECKIN, "missed")),
            col(CheckIn.due_at) >= services.now - timedelta(days=14),
        )
        .order_by(col(CheckIn.due_at))
    )
    answered = await _last_answered(services, sharing)
    result.waiting = [c for c in rows.all() if c.status != "started" and not _resolved(c, answered)]
    rows = await services.session.exec(
        select(CheckIn)
        .where(
            col(CheckIn.seeker_id).in_(sharing),
            CheckIn.audience == "worker",
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
    days = digest_days(services)
    wanted: dict[str, tuple[int, datetime]] = {}
    for day in (first, first + timedelta(days=1)):
        if not digest_due_on(day, days):
            continue  # not a digest day (by default: Saturday and Sunday)
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
