"""What a coach does with an alert: mark contacted, add a note, snooze until tomorrow's
digest, close. The bot's buttons and the web page's forms both call these, so an alert
closed on the web is closed in Telegram too (there is only the one row)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import col, select

from powbot.domain.aftercare_coach import next_digest_day
from powbot.domain.coaching import (
    MAX_NOTE,
    alert_visible,
    check_text,
    client_of,
    digest_clock,
    digest_days,
    local_moment,
    today,
)
from powbot.domain.unit import Services
from powbot.storage.models import User
from powbot.storage.models_aftercare import Alert, CheckIn, CoachNote

KIND_FOLLOWUP = "coach.followup"
LIVE = ("open", "snoozed")


class AlertAction(StrEnum):
    CONTACTED = "contacted"
    SNOOZE = "snooze"
    CLOSE = "close"


def followup_ref(alert_id: int) -> str:
    return f"alert:{alert_id}"


async def own_alert(
    services: Services, coach: User, alert_id: int | None
) -> tuple[Alert, User] | None:
    """The alert with its client, only when it is this coach's and visible to them."""
    alert = await services.session.get(Alert, alert_id) if alert_id is not None else None
    if alert is None or alert.coach_id != coach.id:
        return None
    seeker = await client_of(services, coach, alert.seeker_id)
    if seeker is None or not alert_visible(alert, seeker):
        return None
    return alert, seeker


async def open_alerts_of(services: Services, coach: User, seeker: User) -> list[Alert]:
    rows = await services.session.exec(
        select(Alert)
        .where(
            Alert.coach_id == coach.id,
            Alert.seeker_id == seeker.id,
            col(Alert.status).in_(LIVE),
        )
        .order_by(col(Alert.created_at).desc())
    )
    return [alert for alert in rows.all() if alert_visible(alert, seeker)]


async def alerts_of_client(services: Services, coach: User, seeker: User) -> list[Alert]:
    """All of this coach's alerts about this client (closed ones too), newest first."""
    rows = await services.session.exec(
        select(Alert)
        .where(Alert.coach_id == coach.id, Alert.seeker_id == seeker.id)
        .order_by(col(Alert.created_at).desc())
    )
    return [alert for alert in rows.all() if alert_visible(alert, seeker)]


async def checkin_of(services: Services, alert: Alert) -> CheckIn | None:
    return await services.session.get(CheckIn, alert.checkin_id) if alert.checkin_id else None


async def notes_of(services: Services, alert_ids: list[int]) -> list[CoachNote]:
    if not alert_ids:
        return []
    rows = await services.session.exec(
        select(CoachNote)
        .where(col(CoachNote.alert_id).in_(alert_ids))
        .order_by(col(CoachNote.created_at))
    )
    return list(rows.all())


def snooze_until(services: Services) -> datetime:
    """Until the next digest day's digest time (Friday's snooze comes back on Monday with the
    default days): the alert comes back as a reminder then."""
    day = next_digest_day(today(services), digest_days(services))
    return local_moment(services, day, digest_clock(services))


async def apply(services: Services, coach: User, alert: Alert, action: AlertAction) -> bool:
    """Do `action` on an alert of this coach. False when the alert was already closed."""
    assert alert.id is not None
    if alert.status == "closed":
        return False
    ref = followup_ref(alert.id)
    alert.updated_at = services.now
    await services.cancel_scheduled(ref, KIND_FOLLOWUP)
    if action is AlertAction.CONTACTED:
        alert.status = "contacted"
        alert.contacted_at = services.now
    elif action is AlertAction.CLOSE:
        alert.status = "closed"
        alert.closed_at = services.now
    else:
        until = snooze_until(services)
        alert.status = "snoozed"
        alert.snoozed_until = until
        await services.schedule(KIND_FOLLOWUP, until, user_id=coach.id, ref=ref)
    return True


async def add_note(
    services: Services, coach: User, alert: Alert, seeker: User, body: str
) -> CoachNote | None:
    """A short note on an alert; None when empty or over MAX_NOTE characters."""
    text = check_text(body, MAX_NOTE)
    if text is None:
        return None
    note = CoachNote(
        coach_id=coach.id,
        seeker_id=seeker.id,
        alert_id=alert.id,
        text=text,
        created_at=services.now,
    )
    services.session.add(note)
    alert.updated_at = services.now
    await services.session.flush()
    return note


async def reopen_snoozed(
    services: Services, alert_id: int | None
) -> tuple[Alert, User, User] | None:
    """A snoozed alert whose time has come goes back to open. Returns (alert, coach,
    seeker) when the coach should be reminded of it."""
    alert = await services.session.get(Alert, alert_id) if alert_id is not None else None
    if alert is None or alert.status != "snoozed":
        return None
    coach = await services.session.get(User, alert.coach_id)
    seeker = await services.session.get(User, alert.seeker_id)
    if coach is None or seeker is None or seeker.coach_id != coach.id:
        return None
    alert.status = "open"
    alert.snoozed_until = None
    alert.updated_at = services.now
    if not alert_visible(alert, seeker):
        return None
    return alert, coach, seeker
