"""Open Hiring messages: the vacancy card, the offer with its buttons, and the details a
person needs to show up on the first day (address, time, what to bring, whom to ask for).

Everything here renders text for one language; nothing changes the database.
Aftercare reads the first-day details through `start_details` / `first_day`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import quote_plus

from powbot.domain.messages import Button, Callback, Reply
from powbot.domain.unit import Services
from powbot.storage.models import Placement
from powbot.storage.models_open_hiring import Offer, Vacancy

SEEKER_FLOW = "hiring"
MAPS = "https://www.google.com/maps/search/?api=1&query="


def fmt_date(services: Services, day: date) -> str:
    return day.strftime("%d-%m-%Y")


def fmt_moment(services: Services, moment: datetime) -> str:
    return services.local(moment).strftime("%d-%m-%Y %H:%M")


def fmt_hours(services: Services, lang: str, vacancy: Vacancy) -> str:
    if vacancy.hours_max and vacancy.hours_max != vacancy.hours_per_week:
        return services.text(
            lang, "open_hiring.hours_range", low=vacancy.hours_per_week, high=vacancy.hours_max
        )
    return str(vacancy.hours_per_week)


def fmt_pay(services: Services, lang: str, vacancy: Vacancy) -> str | None:
    """'€ 15,50 bruto per uur', or the scale as the employer wrote it; None when unknown."""
    if vacancy.pay_cents:
        euros, cents = divmod(vacancy.pay_cents, 100)
        sep = "," if lang == "nl" else "."
        return services.text(lang, "open_hiring.pay_hourly", amount=f"{euros}{sep}{cents:02d}")
    if vacancy.pay_scale:
        return services.text(
            lang, "open_hiring.pay_scale", scale=employer_words(services, lang, vacancy.pay_scale)
        )
    return None


def employer_words(services: Services, lang: str, text: str) -> str:
    """The employer's own Dutch text; marked as theirs for readers of another language."""
    if lang == "nl":
        return text
    return services.text(lang, "open_hiring.employer_words", text=text)


def maps_link(vacancy: Vacancy) -> str:
    place = vacancy.workplace
    if vacancy.city and vacancy.city.casefold() not in place.casefold():
        place = f"{place}, {vacancy.city}"
    return MAPS + quote_plus(place)


def vacancy_card(services: Services, lang: str, vacancy: Vacancy) -> str:
    """The vacancy as seekers and the employer see it: what, where, hours, pay, description."""
    lines = [
        services.text(
            lang,
            "open_hiring.card",
            title=vacancy.title,
            organisation=vacancy.organisation,
            workplace=vacancy.workplace,
            city=vacancy.city,
            hours=fmt_hours(services, lang, vacancy),
            shifts=vacancy.shifts,
            places=vacancy.places,
            start=fmt_date(services, vacancy.start_date),
        )
    ]
    pay = fmt_pay(services, lang, vacancy)
    if pay:
        lines.append(pay)
    if vacancy.travel_paid is not None:
        key = "open_hiring.travel_paid" if vacancy.travel_paid else "open_hiring.travel_unpaid"
        lines.append(services.text(lang, key))
    if vacancy.description:
        lines.append("")
        lines.append(employer_words(services, lang, vacancy.description))
    return "\n".join(lines)


@dataclass(frozen=True)
class FirstDay:
    """What a new worker needs on the first day; empty strings where the vacancy lacks it
    (vacancies posted before these fields existed)."""

    address: str
    maps: str
    start_date: date
    start_time: str
    bring: str
    contact_name: str
    contact_phone: str


def first_day(vacancy: Vacancy, start_date: date) -> FirstDay:
    address = vacancy.workplace
    if vacancy.city and vacancy.city.casefold() not in address.casefold():
        address = f"{address}, {vacancy.city}"
    return FirstDay(
        address=address,
        maps=maps_link(vacancy),
        start_date=start_date,
        start_time=vacancy.start_time,
        bring=vacancy.bring,
        contact_name=vacancy.contact_name or "",
        contact_phone=vacancy.contact_phone or "",
    )


def start_details(services: Services, lang: str, vacancy: Vacancy, start_date: date) -> str:
    """Address (with a maps link), first day and time, what to bring, whom to ask for."""
    day = first_day(vacancy, start_date)
    when = fmt_date(services, day.start_date)
    lines = [
        services.text(lang, "open_hiring.detail_address", address=day.address),
        services.text(lang, "open_hiring.detail_maps", link=day.maps),
        services.text(lang, "open_hiring.detail_start_at", date=when, time=day.start_time)
        if day.start_time
        else services.text(lang, "open_hiring.detail_start", date=when),
    ]
    if day.bring:
        lines.append(
            services.text(
                lang, "open_hiring.detail_bring", bring=employer_words(services, lang, day.bring)
            )
        )
    if day.contact_name:
        lines.append(
            services.text(
                lang,
                "open_hiring.detail_contact",
                name=day.contact_name,
                phone=day.contact_phone,
            )
        )
    return "\n".join(lines)


def offer_reply(
    services: Services, lang: str, offer: Offer, vacancy: Vacancy, key: str = "offer"
) -> Reply:
    """The offer message with its Accept / Decline buttons (unbound: they work until the
    deadline, whatever the person does in between)."""
    assert offer.id is not None
    text = services.text(
        lang,
        f"open_hiring.{key}",
        title=vacancy.title,
        organisation=vacancy.organisation,
        city=vacancy.city,
        start=fmt_date(services, offer.start_date),
        deadline=fmt_moment(services, offer.deadline_at),
        details=offer_details(services, lang, vacancy),
    )
    return Reply(text, offer_buttons(services, lang, offer.id))


def offer_details(services: Services, lang: str, vacancy: Vacancy) -> str:
    """The work, pay, hours and address, as shown in an offer."""
    lines = []
    if vacancy.description:
        lines.append(employer_words(services, lang, vacancy.description))
    pay = fmt_pay(services, lang, vacancy)
    if pay:
        lines.append(pay)
    lines.append(
        services.text(
            lang,
            "open_hiring.detail_hours",
            hours=fmt_hours(services, lang, vacancy),
            shifts=vacancy.shifts,
        )
    )
    address = first_day(vacancy, vacancy.start_date).address
    lines.append(services.text(lang, "open_hiring.detail_address", address=address))
    return "\n".join(lines)


def seeker_button(services: Services, lang: str, key: str, action: str, arg: str) -> Button:
    """A button for the job seeker's Open Hiring flow, sent outside a conversation."""
    return Button(services.text(lang, key), Callback(SEEKER_FLOW, action, arg).encode())


def offer_buttons(services: Services, lang: str, offer_id: int) -> list[list[Button]]:
    return [
        [
            seeker_button(services, lang, "open_hiring.accept", "acc", str(offer_id)),
            seeker_button(services, lang, "open_hiring.decline", "dec", str(offer_id)),
        ]
    ]


def rejoin_buttons(services: Services, lang: str, vacancy_id: int) -> list[list[Button]]:
    return [
        [seeker_button(services, lang, "open_hiring.rejoin", "join", str(vacancy_id))],
        [seeker_button(services, lang, "open_hiring.other_vacancies", "list", "0")],
    ]


def route_button(services: Services, lang: str, vacancy: Vacancy) -> list[list[Button]]:
    return [[Button(services.text(lang, "open_hiring.route"), url=maps_link(vacancy))]]


async def placement_first_day(services: Services, placement: Placement) -> FirstDay | None:
    """The first-day details of an Open Hiring placement (for the pre-start check-in);
    None for a placement without a vacancy or when the vacancy lacks the address."""
    if placement.vacancy_id is None:
        return None
    vacancy = await services.session.get(Vacancy, placement.vacancy_id)
    if vacancy is None or not vacancy.workplace:
        return None
    return first_day(vacancy, placement.start_date)
