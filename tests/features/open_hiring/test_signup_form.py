"""The Open Hiring sign-up on the form DSL: one step per question of the vacancy, typed
answers after a "no", Back at the first question, and a vacancy that closes meanwhile."""

from __future__ import annotations

from tests.conftest import Harness
from tests.open_hiring_helpers import make_vacancy, seeker, signups


async def test_typed_after_a_no_takes_it_back_or_leaves(harness: Harness) -> None:
    vacancy_id = await make_vacancy(harness, questions=["work_permit", "lifting"])
    ann = await seeker(harness, 801)
    await ann.send("/vacatures")
    await ann.press("Magazijn")
    await ann.press("Aanmelden")
    await ann.send("ja")
    await ann.send("nee")
    again = await ann.send("oeps")
    assert "Vraag 2 van 2" in again[-1].text and "10 kilo" in again[-1].text
    await ann.send("nee")
    left = await ann.send("jammer dan")
    assert "Bedoelde je toch ja?" in left[-1].text
    assert any("Andere vacatures" in label for label, _ in left[-1].buttons)
    assert await signups(harness, vacancy_id) == []


async def test_back_at_the_first_question_shows_the_vacancy(harness: Harness) -> None:
    await make_vacancy(harness, questions=["work_permit"])
    ann = await seeker(harness, 802)
    await ann.send("/vacatures")
    await ann.press("Magazijn")
    first = await ann.press("Aanmelden")
    assert any("Terug" in label for label, _ in first[-1].buttons)
    back = await ann.send("terug")
    assert "Aanmelden" in back[-1].buttons[0][0]  # the vacancy with its sign-up button


async def test_a_vacancy_closed_during_the_questions_is_said_so(harness: Harness) -> None:
    vacancy_id = await make_vacancy(harness, questions=["work_permit", "lifting"])
    ann = await seeker(harness, 803)
    await ann.send("/vacatures")
    await ann.press("Magazijn")
    await ann.press("Aanmelden")
    async with harness.runtime.db.transaction() as session:
        from powbot.storage.models_open_hiring import Vacancy

        vacancy = await session.get(Vacancy, vacancy_id)
        assert vacancy is not None
        vacancy.status = "closed"
    gone = await ann.send("ja")
    assert "Vraag 2" not in gone[-1].text
    assert any("Andere vacatures" in label for label, _ in gone[-1].buttons)
    assert await signups(harness, vacancy_id) == []
