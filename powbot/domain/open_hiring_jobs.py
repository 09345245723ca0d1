"""Open Hiring's timed jobs: the reminder halfway an offer, the offer's expiry, and the
reminders the day before the first working day."""

from __future__ import annotations

from powbot.domain.messages import Reply
from powbot.domain.open_hiring_offers import (
    offer_reply,
    rejoin_buttons,
    route_button,
    start_details,
)
from powbot.domain.open_hiring_queue import EXPIRY_JOB, end_offer, fresh, lock_vacancy
from powbot.domain.unit import Services
from powbot.storage.models import ScheduledItem, User
from powbot.storage.models_open_hiring import Offer, Vacancy


async def _offer_for_job(services: Services, item: ScheduledItem) -> tuple[Offer, Vacancy] | None:
    offer_id = item.payload.get("offer")
    if not isinstance(offer_id, int):
        return None
    plain = await services.session.get(Offer, offer_id)
    if plain is None:
        return None
    vacancy = await lock_vacancy(services, plain.vacancy_id)
    offer = await fresh(services, Offer, offer_id)
    if vacancy is None or not isinstance(offer, Offer) or offer.status != "open":
        return None  # answered, withdrawn or cancelled meanwhile: nothing to do
    return offer, vacancy


async def remind(services: Services, item: ScheduledItem) -> None:
    found = await _offer_for_job(services, item)
    if found is None or found[0].user_id is None:
        return
    offer, vacancy = found
    if offer.deadline_at <= services.now:
        return  # both fell due while we were down: the expiry says what matters
    user = await services.session.get(User, offer.user_id)
    if user is None:
        return
    lang = services.lang_of(user)
    await services.notify(user.id, offer_reply(services, lang, offer, vacancy, "reminder"))


async def expire(services: Services, item: ScheduledItem) -> None:
    found = await _offer_for_job(services, item)
    if found is None:
        return
    offer, vacancy = found
    if offer.deadline_at > services.now:
        # Not yet (the deadline moved, or a pass with an earlier --now): try again then.
        await services.schedule(
            EXPIRY_JOB, offer.deadline_at, user_id=offer.user_id, ref=item.ref, payload=item.payload
        )
        return
    await end_offer(services, vacancy, offer, "expired")
    if offer.user_id is None:
        return
    user = await services.session.get(User, offer.user_id)
    if user is None:
        return
    lang = services.lang_of(user)
    text = services.text(lang, "open_hiring.expired", title=vacancy.title)
    assert vacancy.id is not None
    await services.notify(user.id, Reply(text, rejoin_buttons(services, lang, vacancy.id)))


async def remind_start(services: Services, item: ScheduledItem) -> None:
    """The day before the first working day: the worker gets the details again, the
    employer a note of who starts. Nothing when the offer is no longer accepted."""
    offer_id = item.payload.get("offer")
    if not isinstance(offer_id, int):
        return
    offer = await services.session.get(Offer, offer_id)
    if offer is None or offer.status != "accepted":
        return
    vacancy = await services.session.get(Vacancy, offer.vacancy_id)
    user = await services.session.get(User, item.user_id) if item.user_id else None
    if vacancy is None or user is None:
        return
    lang = services.lang_of(user)
    if item.payload.get("to") == "employer":
        seeker = await services.session.get(User, offer.user_id) if offer.user_id else None
        text = services.text(
            lang,
            "open_hiring.employer_start_reminder",
            name=(seeker.first_name if seeker else None) or "?",
            title=vacancy.title,
            time=vacancy.start_time or "-",
            contact=offer.contact or services.text(lang, "open_hiring.contact_none_for_employer"),
        )
        await services.notify(user.id, Reply(text))
        return
    text = services.text(
        lang,
        "open_hiring.start_reminder",
        title=vacancy.title,
        organisation=vacancy.organisation,
        details=start_details(services, lang, vacancy, offer.start_date),
    )
    await services.notify(user.id, Reply(text, route_button(services, lang, vacancy)))
