"""Accepting an Open Hiring offer: the placement, the messages to the employer and the
coach, and the reminders for the day before the first working day."""

from __future__ import annotations

from datetime import datetime, timedelta

from powbot.clock import from_local
from powbot.domain.messages import Reply
from powbot.domain.open_hiring_offers import fmt_date
from powbot.domain.open_hiring_queue import fresh, offer_ref
from powbot.domain.placements import create_placement
from powbot.domain.unit import Services
from powbot.storage.models import User
from powbot.storage.models_open_hiring import Offer, Signup, Vacancy

START_JOB = "oh_start_reminder"
# The day before the first working day, at this local hour, both sides get a reminder.
START_REMINDER_HOUR = 17


def start_reminder_at(services: Services, offer: Offer) -> datetime | None:
    """When the day-before reminders go out; None when that moment has passed already
    (a start tomorrow morning: the details were just sent)."""
    day_before = offer.start_date - timedelta(days=1)
    local = datetime(day_before.year, day_before.month, day_before.day, START_REMINDER_HOUR)
    moment = from_local(local, services.settings.tz)
    return moment if moment > services.now else None


async def accept(services: Services, vacancy: Vacancy, offer: Offer, contact: str | None) -> None:
    """The person takes the place: placement, employer and coach are told, and the
    reminders for the day before the start are planned."""
    assert offer.id is not None and offer.user_id is not None and vacancy.id is not None
    offer.status = "accepted"
    offer.answered_at = services.now
    offer.contact = contact
    signup = await fresh(services, Signup, offer.signup_id)
    assert isinstance(signup, Signup)
    signup.status = "accepted"
    signup.ended_at = services.now
    await services.cancel_scheduled(offer_ref(offer.id))
    await create_placement(
        services,
        seeker_id=offer.user_id,
        employer_name=vacancy.organisation,
        job_title=vacancy.title,
        start_date=offer.start_date,
        source="open_hiring",
        hours_per_week=_fixed_hours(vacancy),
        employer_id=vacancy.employer_id,
        vacancy_id=vacancy.id,
    )
    seeker = await services.session.get(User, offer.user_id)
    name = (seeker.first_name if seeker else None) or "?"
    await _tell_employer(services, vacancy, offer, name, contact)
    await _tell_coach(services, vacancy, offer, seeker, name)
    await _plan_start_reminders(services, vacancy, offer)


async def _tell_employer(
    services: Services, vacancy: Vacancy, offer: Offer, name: str, contact: str | None
) -> None:
    if vacancy.employer_id is None:
        return
    employer = await services.session.get(User, vacancy.employer_id)
    if employer is None:
        return
    lang = services.lang_of(employer)
    shared = contact or services.text(lang, "open_hiring.contact_none_for_employer")
    text = services.text(
        lang,
        "open_hiring.employer_accepted",
        name=name,
        title=vacancy.title,
        contact=shared,
        start=fmt_date(services, offer.start_date),
    )
    await services.notify(employer.id, Reply(text))


async def _tell_coach(
    services: Services, vacancy: Vacancy, offer: Offer, seeker: User | None, name: str
) -> None:
    if seeker is None or seeker.coach_id is None:
        return
    coach = await services.session.get(User, seeker.coach_id)
    if coach is None:
        return
    text = services.text(
        services.lang_of(coach),
        "open_hiring.coach_accepted",
        name=name,
        title=vacancy.title,
        organisation=vacancy.organisation,
        start=fmt_date(services, offer.start_date),
    )
    await services.notify(coach.id, Reply(text))


async def _plan_start_reminders(services: Services, vacancy: Vacancy, offer: Offer) -> None:
    due = start_reminder_at(services, offer)
    if due is None or offer.id is None:
        return
    ref = f"oh_start:{offer.id}"
    await services.schedule(
        START_JOB, due, user_id=offer.user_id, ref=ref, payload={"offer": offer.id, "to": "seeker"}
    )
    if vacancy.employer_id is not None:
        await services.schedule(
            START_JOB,
            due,
            user_id=vacancy.employer_id,
            ref=ref,
            payload={"offer": offer.id, "to": "employer"},
        )


def _fixed_hours(vacancy: Vacancy) -> int | None:
    """The hours a hire works when the vacancy fixes them; for a range ('20 tot 24') the
    coach's card showed the lower end as if agreed (tester), so it names none."""
    if vacancy.hours_max and vacancy.hours_max != vacancy.hours_per_week:
        return None
    return vacancy.hours_per_week or None
