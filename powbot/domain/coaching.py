"""Coaching basics shared by the bot's coach flow and the web page: who is whose client,
what a coach may see, the audit trail, ids from the outside, and messages to a client.

Everything here takes a `Services` unit of work and never a conversation, so the bot, the
scheduled jobs and the web page call the same functions.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time

from sqlalchemy import insert
from sqlmodel import col, select

from powbot.clock import from_local
from powbot.domain.aftercare_coach import WEEKDAYS, parse_digest_days
from powbot.domain.ids import parse_id as parse_id  # the one id parser, for coaching callers
from powbot.domain.messages import Button, Callback, Reply, mark_pushed
from powbot.domain.unit import Services
from powbot.storage.models import AuditEntry, Placement, User
from powbot.storage.models_aftercare import Alert, CoachMessage

log = logging.getLogger(__name__)
COACH_FLOW = "coach"
CLIENT_FLOW = "client"
MAX_NOTE = 500
MAX_MESSAGE = 1000


def push_button(label: str, flow: str, action: str, arg: str = "") -> Button:
    """A button on a message pushed to someone else: never bound to a screen, so the flow
    must validate it against stored state and ownership when it is pressed."""
    return Button(label=label, data=Callback(flow, action, arg, None).encode())


def audit(services: Services, actor_id: int, subject_id: int | None, action: str) -> None:
    """Every look of a coach at a client's data leaves a trace (AVG: who saw what)."""
    services.session.add(
        AuditEntry(at=services.now, actor_id=actor_id, subject_id=subject_id, action=action[:64])
    )


async def audit_many(
    services: Services, actor_id: int, subject_ids: list[int], action: str
) -> None:
    """One audit entry per subject, written as one executemany (a page listing 60 clients
    costs one statement, not 60; the compiled insert is cached)."""
    if not subject_ids:
        return
    rows = [
        {"at": services.now, "actor_id": actor_id, "subject_id": subject, "action": action[:64]}
        for subject in subject_ids
    ]
    connection = await services.session.connection()
    await connection.execute(insert(AuditEntry), rows)


def display_name(services: Services, lang: str, user: User) -> str:
    return user.first_name or services.text(lang, "coach.unnamed", id=user.id)


def fmt_date(services: Services, moment: datetime | date) -> str:
    if isinstance(moment, datetime):
        moment = services.local(moment).date()
    return moment.strftime("%d-%m-%Y")


def local_moment(services: Services, day: date, clock: time) -> datetime:
    """A wall-clock time on a local day, as aware UTC."""
    return from_local(datetime.combine(day, clock), services.settings.tz)


def today(services: Services) -> date:
    return services.local(services.now).date()


def digest_clock(services: Services) -> time:
    hours, minutes = (int(part) for part in services.settings.digest_time.split(":"))
    return time(hours, minutes)


def digest_days(services: Services) -> frozenset[int]:
    """The weekdays (Monday = 0) coaches get a digest: POWBOT_DIGEST_DAYS, default Mon-Fri.
    A value that is not understood is logged and Monday to Friday used (the setting is read
    here, not in the config module, which may not import the domain)."""
    setting = getattr(services.settings, "digest_days", "ma-vr")
    try:
        return parse_digest_days(setting)
    except ValueError as problem:
        log.warning("POWBOT_DIGEST_DAYS=%r: %s; using Monday to Friday", setting, problem)
        return WEEKDAYS


async def clients(services: Services, coach: User) -> list[User]:
    rows = await services.session.exec(
        select(User)
        .where(User.coach_id == coach.id, User.role == "seeker")
        .order_by(col(User.first_name), col(User.id))
    )
    return list(rows.all())


async def client_of(services: Services, coach: User, seeker_id: int | None) -> User | None:
    """The seeker only when they are this coach's client; None for anyone else, so a
    forged button or URL with another client's id reveals nothing."""
    if seeker_id is None or parse_id(seeker_id) is None:
        return None
    seeker = await services.session.get(User, seeker_id)
    if seeker is None or seeker.role != "seeker" or seeker.coach_id != coach.id:
        return None
    return seeker


def alert_visible(alert: Alert, seeker: User) -> bool:
    """A coach sees check-in details only while the client shares them; a request for
    contact (limited alert) and operational alerts are always visible."""
    return seeker.share_with_coach or alert.limited or alert.kind == "unreachable"


async def active_placements(services: Services, seeker_id: int) -> list[Placement]:
    rows = await services.session.exec(
        select(Placement)
        .where(Placement.seeker_id == seeker_id, Placement.status == "active")
        .order_by(col(Placement.start_date).desc())
    )
    return list(rows.all())


async def own_active_placement(
    services: Services, coach: User, placement_id: int | None
) -> tuple[Placement, User] | None:
    placement = await services.session.get(Placement, placement_id) if placement_id else None
    if placement is None or placement.status != "active":
        return None
    seeker = await client_of(services, coach, placement.seeker_id)
    return (placement, seeker) if seeker is not None else None


def check_text(body: str, limit: int) -> str | None:
    """The stripped text when it is not empty and not over the limit."""
    text = body.strip()
    return text if text and len(text) <= limit else None


async def send_to_client(
    services: Services, coach: User, seeker: User, body: str
) -> CoachMessage | None:
    """A coach's message to a client, delivered by the bot through the outbox (after quiet
    hours), with a button to answer once. None when the text is empty or too long."""
    text = check_text(body, MAX_MESSAGE)
    if text is None:
        return None
    message = CoachMessage(
        coach_id=coach.id,
        seeker_id=seeker.id,
        direction="to_client",
        text=text,
        created_at=services.now,
    )
    services.session.add(message)
    await services.session.flush()
    lang = services.lang_of(seeker)
    heading = services.text(
        lang, "aftercare.message_from_coach", coach=display_name(services, lang, coach)
    )
    reply_label = services.text(lang, "aftercare.btn_reply")
    await services.notify(
        seeker.id,
        Reply(
            heading + "\n\n" + text,
            [[push_button(reply_label, CLIENT_FLOW, "reply", str(message.id))]],
        ),
    )
    mark_pushed(seeker)  # typed in the middle of a check-in, a reply may be for the coach
    return message


async def waiting_message(
    services: Services, seeker_id: int, coach_id: int, since: datetime
) -> CoachMessage | None:
    """The coach's latest message to this client since `since` that they have not answered."""
    rows = await services.session.exec(
        select(CoachMessage)
        .where(
            CoachMessage.seeker_id == seeker_id,
            CoachMessage.coach_id == coach_id,
            CoachMessage.direction == "to_client",
            col(CoachMessage.answered_at).is_(None),
            CoachMessage.created_at >= since,
        )
        .order_by(col(CoachMessage.id).desc())
    )
    return rows.first()
