"""Helpers for the aftercare and coach tests: coaches, linked clients, placements, time."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlmodel import col, select

from powbot.bot.scheduler import run_due
from powbot.domain.placements import create_placement
from powbot.domain.unit import Services
from powbot.features.onboarding.invites import create_invite
from powbot.storage.models import Placement, ScheduledItem, User
from powbot.storage.models_aftercare import Alert, CheckIn
from tests.clock_double import clock_now, local_today
from tests.conftest import Harness, Player, onboard


async def services_do(harness: Harness, work: Any, now: datetime | None = None) -> Any:
    """Run `work(services)` in one transaction, as a job would."""
    runtime = harness.runtime
    async with runtime.db.transaction() as session:
        services = Services(session, runtime.settings, runtime.content, now or clock_now())
        return await work(services)


async def invite_code(harness: Harness, purpose: str, created_by: int | None = None) -> str:
    async def work(services: Services) -> str:
        code, _ = await create_invite(services, purpose, created_by, timedelta(days=7))
        return code

    return await services_do(harness, work)


async def make_coach(harness: Harness, user_id: int, name: str, lang: str = "nl") -> Player:
    coach = harness.user(user_id, first_name=name, language_code=lang)
    await coach.send(f"/start {await invite_code(harness, 'coach')}")
    await coach.press("Nederlands" if lang == "nl" else "English")
    return coach


async def link_code(coach: Player) -> str:
    reply = await coach.send("/koppel")
    found = re.search(r"/start (\S+)", reply[-1].text)
    assert found, reply[-1].text
    return found.group(1)


async def make_client(harness: Harness, coach: Player, user_id: int, name: str) -> Player:
    seeker = harness.user(user_id, first_name=name)
    await onboard(seeker)
    await seeker.send(f"/start {await link_code(coach)}")
    await seeker.press("Ja, dat wil ik")
    return seeker


async def get_user(harness: Harness, user_id: int) -> User:
    async with harness.runtime.db.transaction() as session:
        user = await session.get(User, user_id)
        assert user is not None
        return user


async def place(
    harness: Harness, seeker_id: int, start: date, *, employer: str = "Bakkerij Zon"
) -> Placement:
    async def work(services: Services) -> Placement:
        return await create_placement(
            services,
            seeker_id=seeker_id,
            employer_name=employer,
            job_title="Inpakker",
            start_date=start,
            source="coach",
            hours_per_week=24,
        )

    return await services_do(harness, work)


async def checkins(harness: Harness, seeker_id: int) -> list[CheckIn]:
    async with harness.runtime.db.transaction() as session:
        rows = await session.exec(
            select(CheckIn).where(CheckIn.seeker_id == seeker_id).order_by(col(CheckIn.due_at))
        )
        return list(rows.all())


async def alerts(harness: Harness, seeker_id: int | None = None) -> list[Alert]:
    async with harness.runtime.db.transaction() as session:
        query = select(Alert).order_by(col(Alert.id))
        if seeker_id is not None:
            query = query.where(Alert.seeker_id == seeker_id)
        return list((await session.exec(query)).all())


async def send_checkin(
    harness: Harness, seeker_id: int, *, questions: list[str] | None = None
) -> CheckIn:
    """Send the first planned check-in now (its time is made 'now'); the others stay away.
    `questions` replaces the moment's questions, to drive one risk rule at a time."""
    first = next(c for c in await checkins(harness, seeker_id) if c.status == "scheduled")
    now = clock_now()
    async with harness.runtime.db.transaction() as session:
        await session.exec(
            update(ScheduledItem)
            .where(
                col(ScheduledItem.user_id) == seeker_id,
                col(ScheduledItem.kind) == "aftercare.checkin",
                col(ScheduledItem.payload).is_not(None),
            )
            .values(due_at=now + timedelta(days=400))
        )
        items = await session.exec(
            select(ScheduledItem).where(ScheduledItem.kind == "aftercare.checkin")
        )
        for item in items.all():
            if item.payload.get("checkin") == first.id:
                item.due_at = now
        checkin = await session.get(CheckIn, first.id)
        assert checkin is not None
        checkin.due_at = now
        if questions is not None:
            checkin.questions = questions
    await run_due(harness.runtime, now + timedelta(seconds=1))
    return next(c for c in await checkins(harness, seeker_id) if c.id == first.id)


def mood_data(checkin: CheckIn, mood: int) -> str:
    return f"aftercare:m:{checkin.id}.{mood}:"


def tomorrow() -> date:
    return local_today() + timedelta(days=1)


# --- a year of aftercare on the test clock ------------------------------------------------

# The answers of a worker for whom all goes well, per question id (button labels).
FINE = {
    "ready": "Ja",
    "money_until_pay": "Ja, dat lukt",
    "childcare": "Niet nodig",
    "workload": "Goed te doen",
    "colleagues": "Goed",
    "travel": "Goed",
    "hours": "Ja",
    "health": "Goed",
    "benefit": "Ja",
    "toeslagen": "Ja",
    "travel_costs": "Nee, of ik reis gratis",
    "salary": "Ja",
    "payslip": "Ja, het klopt",
    "loonheffingskorting": "Ik krijg alleen loon",
    "pay_right": "Ja",
    "probation": "Ja, het gaat goed",
    "contract_next": "Ik krijg een nieuw contract",
    "contact": "Nee",
    "emp_going": "Goed",
    "emp_need": "Nee, niets",
}


def asked(harness: Harness, text: str) -> str | None:
    """The id of the check-in question in this message (None: no question)."""
    for question in harness.runtime.content.aftercare.questions:
        if question.text.nl in text:
            return question.id
    return None


async def at(harness: Harness, clock: Any, moment: datetime) -> None:
    """Let time pass to `moment`: the clock moves and one `powbot tick` runs."""
    clock.current = max(clock.current, moment)
    await run_due(harness.runtime, moment)


async def answer_questions(
    harness: Harness, player: Player, answers: dict[str, str], *, typed: bool = False
) -> list[str]:
    """Answer every question the bot asks now, from `answers` (else FINE). `typed`: by
    typing the option's number, as an employer does. Returns the question ids asked."""
    seen: list[str] = []
    while True:
        question_id = asked(harness, player.inbox()[-1].text)
        if question_id is None or len(seen) > 8:
            return seen
        seen.append(question_id)
        label = answers.get(question_id, FINE[question_id])
        if typed:
            message = player.inbox()[-1]
            index = next(i for i, (text, _) in enumerate(message.buttons) if label in text)
            await player.send(str(index + 1))
        else:
            await player.press(label)


async def current_checkin(harness: Harness, seeker_id: int, moment: str) -> CheckIn:
    found = [c for c in await checkins(harness, seeker_id) if c.moment == moment]
    sent = [c for c in found if c.status != "scheduled"]
    return (sent or found)[-1]
