"""Open Hiring queries for job seekers: open vacancies (by town), the towns, and a
person's live sign-ups with their open offers."""

from __future__ import annotations

from sqlmodel import col, select

from powbot.domain.unit import Services
from powbot.storage.models_open_hiring import Offer, Signup, Vacancy


async def open_vacancies(services: Services, city_key: str = "") -> list[Vacancy]:
    """Open vacancies, newest first; only those in the town when a key is given."""
    query = select(Vacancy).where(col(Vacancy.status) == "open").order_by(col(Vacancy.id).desc())
    if city_key:
        query = query.where(col(Vacancy.city_key) == city_key)
    return list((await services.session.exec(query)).all())


async def open_cities(services: Services) -> dict[str, str]:
    """Town key -> town name, for the towns with an open vacancy."""
    rows = await services.session.exec(
        select(Vacancy.city_key, Vacancy.city).where(col(Vacancy.status) == "open").distinct()
    )
    return {key: city for key, city in rows.all() if key}


async def live_signups(services: Services, user_id: int) -> list[tuple[Signup, Vacancy]]:
    """The person's sign-ups still waiting or holding an offer, oldest first."""
    rows = await services.session.exec(
        select(Signup, Vacancy)
        .join(Vacancy, col(Vacancy.id) == col(Signup.vacancy_id))
        .where(col(Signup.user_id) == user_id, col(Signup.status).in_(("waiting", "offered")))
        .order_by(col(Signup.id))
    )
    return list(rows.all())


async def open_offer(services: Services, signup_id: int | None) -> Offer | None:
    query = select(Offer).where(col(Offer.signup_id) == signup_id, col(Offer.status) == "open")
    return (await services.session.exec(query)).first()


async def open_offers_of(services: Services, user_id: int, limit: int = 2) -> list[Offer]:
    """A person's open offers, at most `limit` (one is answered in words, two by button)."""
    query = select(Offer).where(col(Offer.user_id) == user_id, col(Offer.status) == "open")
    return list((await services.session.exec(query.limit(limit))).all())
