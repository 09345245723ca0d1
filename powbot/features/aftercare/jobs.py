"""Aftercare's timed jobs: send a check-in, remind once, tell the coach when no answer came."""

from __future__ import annotations

from datetime import timedelta

from powbot.domain.aftercare_records import latest_answerable
from powbot.domain.messages import mark_pushed
from powbot.domain.open_hiring_offers import start_details
from powbot.domain.unit import Services
from powbot.features.aftercare.common import (
    AFTERCARE_FLOW,
    KIND_ESCALATE,
    KIND_REMIND,
    checkin_ref,
    coach_of,
    raise_alert,
)
from powbot.features.aftercare.conclude import conclude
from powbot.features.aftercare.employer import send_employer_checkin
from powbot.features.aftercare.texts import mood_reply
from powbot.storage.models import Placement, ScheduledItem, User
from powbot.storage.models_aftercare import CheckIn
from powbot.storage.models_open_hiring import Vacancy

NAME = AFTERCARE_FLOW


async def _locked_user(services: Services, user_id: int) -> User | None:
    """The user row locked like an incoming update locks it, so a job and the user's own
    message never overwrite each other's conversation state."""
    return await services.session.get(User, user_id, with_for_update=True)


async def job_checkin(services: Services, item: ScheduledItem) -> None:
    checkin = await services.session.get(CheckIn, int(item.payload["checkin"]))
    if checkin is None or checkin.status != "scheduled":
        return
    placement = await services.session.get(Placement, checkin.placement_id)
    seeker = await _locked_user(services, checkin.seeker_id)
    if placement is None or placement.status != "active" or seeker is None:
        checkin.status = "cancelled"
        return
    if (
        checkin.moment == "before_start"
        and services.local(services.now).date() >= placement.start_date
    ):
        # "Morgen begin je …" on the first work day or later (a late tick) would be wrong;
        # the first days' check-in asks how it went (tester).
        checkin.status = "cancelled"
        return
    if checkin.audience == "employer":
        employer = await _locked_user(services, checkin.recipient_id or 0)
        if employer is None or employer.unreachable_at is not None:
            checkin.status = "cancelled"
            return
        await send_employer_checkin(services, checkin, employer)
        return
    if seeker.unreachable_at is not None:
        checkin.status = "cancelled"
        return
    aftercare = services.content.aftercare
    sent_at = services.after_quiet_hours(services.now)
    lang = services.lang_of(seeker)
    intro, values = await _intro(services, lang, checkin, placement)
    checkin.status = "sent"
    checkin.sent_at = sent_at
    await services.notify(seeker.id, mood_reply(services, lang, checkin, intro, **values))
    if seeker.flow is None or (seeker.flow == NAME and seeker.step != "end"):
        # Nothing else going on (or an older check-in, whose late answers end now): a
        # typed "goed" or "3" answers this check-in.
        seeker.flow, seeker.step, seeker.flow_data = NAME, "mood", {"checkin": checkin.id}
    else:  # in another conversation (kept): their next message may answer this check-in
        mark_pushed(seeker)
    assert checkin.id is not None
    ref = checkin_ref(checkin.id)
    payload = {"checkin": checkin.id}
    await services.schedule(
        KIND_REMIND,
        sent_at + timedelta(hours=aftercare.reminder_after_hours),
        user_id=seeker.id,
        ref=ref,
        payload=payload,
    )
    await services.schedule(
        KIND_ESCALATE,
        sent_at + timedelta(hours=aftercare.escalate_after_hours),
        user_id=seeker.id,
        ref=ref,
        payload=payload,
    )


async def _intro(
    services: Services, lang: str, checkin: CheckIn, placement: Placement
) -> tuple[str, dict[str, str]]:
    """The check-in's opening line: the day before the start it repeats the first-day
    details the bot knows (address, time, whom to ask for); after a check-in that got no
    answer it says so kindly, so two check-ins never stand in the chat word for word alike."""
    if checkin.moment == "before_start" and placement.vacancy_id is not None:
        vacancy = await services.session.get(Vacancy, placement.vacancy_id)
        if vacancy is not None:
            details = start_details(services, lang, vacancy, placement.start_date)
            return "aftercare.checkin_intro_first_day", {"details": details}
    earlier = await latest_answerable(services, checkin.seeker_id)
    if earlier is not None and earlier.id != checkin.id and earlier.mood is None:
        return "aftercare.checkin_intro_after_missed", {}
    return "aftercare.checkin_intro", {}


async def job_remind(services: Services, item: ScheduledItem) -> None:
    checkin = await services.session.get(CheckIn, int(item.payload["checkin"]))
    if checkin is None:
        return
    seeker = await services.session.get(User, checkin.seeker_id)
    if seeker is None or seeker.unreachable_at is not None:
        return
    if checkin.status == "sent":
        checkin.status = "reminded"
        checkin.reminded_at = services.now
        lang = services.lang_of(seeker)
        await services.notify(
            seeker.id, mood_reply(services, lang, checkin, "aftercare.reminder_intro")
        )
    elif checkin.status == "started":
        # Begun but left halfway: what was answered still counts, risks included.
        await conclude(services, checkin, seeker)


async def job_escalate(services: Services, item: ScheduledItem) -> None:
    """No answer: the check-in is missed (it stays in the history, and a late answer is
    accepted until the next check-in goes out) and the coach is told."""
    checkin = await services.session.get(CheckIn, int(item.payload["checkin"]))
    if checkin is None or checkin.status not in ("sent", "reminded"):
        return
    checkin.status = "missed"
    seeker = await services.session.get(User, checkin.seeker_id)
    coach = await coach_of(services, seeker) if seeker else None
    if seeker is not None and coach is not None and seeker.share_with_coach:
        await raise_alert(
            services,
            seeker=seeker,
            coach=coach,
            kind="no_answer",
            reasons=[],
            checkin=checkin,
            urgent=False,
        )
