"""Regressions (tester): check-ins that did not fit the worker.
- The day before the first day, the check-in did not repeat the first-day details the bot
  knew (address, time, whom to ask for) from the Open Hiring vacancy.
- The childcare question was asked of someone who told the werkfit questionnaire that no
  young children live at home, and again after 'Ja, allebei'.
- A check-in sent after one that got no answer stood in the chat word for word the same."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from powbot.bot.scheduler import run_due
from powbot.domain.placements import create_placement
from powbot.domain.unit import Services
from powbot.storage.models import QuestionnaireRun
from powbot.storage.models_open_hiring import Vacancy
from tests.aftercare_support import (
    checkins,
    make_client,
    make_coach,
    mood_data,
    place,
    send_checkin,
    services_do,
    tomorrow,
)
from tests.clock_double import clock_now
from tests.conftest import Harness
from tests.open_hiring_helpers import make_vacancy


async def test_the_day_before_repeats_the_first_day_details(harness: Harness) -> None:
    coach = await make_coach(harness, 970, "Anna")
    sara = await make_client(harness, coach, 971, "Sara")
    vacancy_id = await make_vacancy(harness, title="Inpakker")
    async with harness.runtime.db.transaction() as session:
        vacancy = await session.get(Vacancy, vacancy_id)
        assert vacancy is not None
        vacancy.workplace, vacancy.start_time = "Industrieweg 5", "07:30"
        vacancy.contact_name, vacancy.contact_phone = "Petra de Vries", "06 1234 5678"

    async def work(services: Services) -> Any:
        return await create_placement(
            services,
            seeker_id=sara.id,
            employer_name="Firma Test",
            job_title="Inpakker",
            start_date=tomorrow(),
            source="open_hiring",
            vacancy_id=vacancy_id,
        )

    await services_do(harness, work)
    first = await send_checkin(harness, sara.id)
    assert first.moment == "before_start" and first.status == "sent"
    pushed = sara.inbox()[-1].text
    assert "eerste werkdag" in pushed
    assert "Industrieweg 5" in pushed and "07:30" in pushed and "Petra de Vries" in pushed
    assert "Morgen begin je" in pushed  # the mood question follows


async def _werkfit_said_no_children(harness: Harness, user_id: int) -> None:
    async with harness.runtime.db.transaction() as session:
        session.add(
            QuestionnaireRun(
                user_id=user_id,
                questionnaire="werkfit",
                status="finished",
                answers={"care_children": {"value": False}},
            )
        )


async def test_no_childcare_question_without_young_children(harness: Harness) -> None:
    coach = await make_coach(harness, 972, "Anna")
    tom = await make_client(harness, coach, 973, "Tom")
    await _werkfit_said_no_children(harness, tom.id)
    await place(harness, tom.id, tomorrow())
    checkin = await send_checkin(harness, tom.id, questions=["workload", "childcare"])
    first = await tom.press_data(mood_data(checkin, 4))
    assert "Vraag 1 van 2" in first[-1].text  # workload and the contact question only
    await tom.press("Goed te doen")
    texts = " ".join(m.text for m in tom.inbox())
    assert "kinderopvang" not in texts.casefold()


async def test_childcare_is_not_asked_again_once_arranged(harness: Harness) -> None:
    coach = await make_coach(harness, 974, "Anna")
    eva = await make_client(harness, coach, 975, "Eva")
    await place(harness, eva.id, tomorrow())
    first = await send_checkin(harness, eva.id, questions=["childcare"])
    await eva.press_data(mood_data(first, 4))
    await eva.press("Ja, allebei")
    await eva.send("nee")  # the contact question
    second = await send_checkin(harness, eva.id, questions=["workload", "childcare"])
    asked = await eva.press_data(mood_data(second, 4))
    assert "Vraag 1 van 2" in asked[-1].text and "Hoe is het werk zelf?" in asked[-1].text


async def test_a_checkin_after_an_unanswered_one_says_so(harness: Harness, clock: Any) -> None:
    coach = await make_coach(harness, 976, "Anna")
    ali = await make_client(harness, coach, 977, "Ali")
    await place(harness, ali.id, tomorrow() - timedelta(days=10))
    await send_checkin(harness, ali.id)
    unanswered = ali.inbox()[-1].text
    clock.advance(timedelta(days=4))
    await run_due(harness.runtime, clock_now())  # reminder, then no answer: missed
    assert next(c.status for c in await checkins(harness, ali.id) if c.sent_at) == "missed"
    await send_checkin(harness, ali.id)
    later = ali.inbox()[-1].text
    assert later != unanswered
    assert "Vorige keer hoorde ik niets van je" in later
