"""Helpers shared by the Open Hiring tests: approved employers, vacancies, seekers."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlmodel import col, select

from powbot.bot.scheduler import run_due
from powbot.domain.unit import Services
from powbot.features.onboarding.invites import create_invite
from powbot.storage.models import Outbox, User
from powbot.storage.models_open_hiring import Offer, Signup, Vacancy
from tests.clock_double import clock_now, local_today
from tests.conftest import Harness, Player, onboard

START = local_today() + timedelta(days=30)


def services(harness: Harness, session: Any, now: datetime | None = None) -> Services:
    runtime = harness.runtime
    return Services(session, runtime.settings, runtime.content, now or clock_now())


async def approved_employer(
    harness: Harness, user_id: int, language: str = "nl", name: str = "Erik"
) -> Player:
    """An employer who redeemed an admin's invite."""
    async with harness.runtime.db.transaction() as session:
        code, _ = await create_invite(
            services(harness, session), "employer", None, timedelta(days=7)
        )
    player = harness.user(user_id, first_name=name, language_code=language)
    await player.send(f"/start {code}")
    await player.press("Nederlands" if language == "nl" else "English")
    return player


async def post_vacancy(
    employer: Player,
    *,
    title: str = "Inpakker",
    city: str = "Utrecht",
    places: int = 2,
    questions: tuple[str, ...] = ("Mag werken in Nederland", "10 kilo tillen"),
    organisation: str | None = "Bakkerij Zon",
) -> None:
    """The guided conversation, all typed or pressed as a person would."""
    await employer.send("/nieuwevacature")
    if organisation is not None:
        await employer.send(organisation)
    await employer.send(title)
    await employer.send("Dozen inpakken en klaarzetten voor de bezorgers.")
    for answer in ("Hal 3, Industrieweg 5", city, "24", "ma-vr 7:00-12:00", "15,50", str(places)):
        await employer.send(answer)
    await employer.send(START.strftime("%d-%m-%Y"))
    await employer.send("7:00")
    await employer.send("Petra de Vries, 06 1234 5678")
    await employer.press("Overslaan")  # nothing to bring
    await employer.press("Overslaan")  # travel costs not said
    for label in questions:
        await employer.press(label)
    await employer.press("Klaar")
    await employer.press("Nee, verder")
    await employer.press("Plaatsen")


async def seeker(harness: Harness, user_id: int, name: str = "Ann", language: str = "nl") -> Player:
    player = harness.user(user_id, first_name=name, language_code=language)
    await onboard(player, language=language)
    return player


async def sign_up_via_chat(player: Player, title: str, answers: int = 2) -> list[Any]:
    await player.send("/vacatures")
    await player.press(title)
    await player.press("Aanmelden")
    sent: list[Any] = []
    for _ in range(answers):
        sent = await player.press("Ja")
    return sent


async def make_users(harness: Harness, ids: list[int], language: str = "nl") -> None:
    async with harness.runtime.db.transaction() as session:
        for user_id in ids:
            session.add(
                User(
                    id=user_id,
                    chat_id=user_id,
                    first_name=f"U{user_id}",
                    language=language,
                    role="seeker",
                )
            )


async def make_vacancy(
    harness: Harness,
    *,
    places: int = 1,
    employer_id: int | None = None,
    title: str = "Magazijn",
    city: str = "Utrecht",
    questions: list[str] | None = None,
) -> int:
    async with harness.runtime.db.transaction() as session:
        vacancy = Vacancy(
            employer_id=employer_id,
            organisation="Firma Test",
            title=title,
            workplace="Hal 1",
            city=city,
            city_key=city.lower(),
            hours_per_week=32,
            shifts="dagdienst",
            places=places,
            start_date=START,
            questions=questions if questions is not None else [],
            status="open",
            published_at=clock_now(),
        )
        session.add(vacancy)
        await session.flush()
        assert vacancy.id is not None
        return vacancy.id


async def offers(harness: Harness, vacancy_id: int) -> list[Offer]:
    async with harness.runtime.db.transaction() as session:
        rows = await session.exec(
            select(Offer).where(col(Offer.vacancy_id) == vacancy_id).order_by(col(Offer.id))
        )
        return list(rows.all())


async def signups(harness: Harness, vacancy_id: int) -> list[Signup]:
    async with harness.runtime.db.transaction() as session:
        rows = await session.exec(
            select(Signup).where(col(Signup.vacancy_id) == vacancy_id).order_by(col(Signup.id))
        )
        return list(rows.all())


async def outbox_texts(harness: Harness, user_id: int) -> list[str]:
    async with harness.runtime.db.transaction() as session:
        rows = await session.exec(
            select(Outbox).where(col(Outbox.user_id) == user_id).order_by(col(Outbox.id))
        )
        return [row.payload["text"] for row in rows.all()]


async def deliver(harness: Harness, now: datetime | None = None) -> dict[str, int]:
    """One scheduler pass: due items, then the outbox (messages to other users)."""
    return await run_due(harness.runtime, now)
