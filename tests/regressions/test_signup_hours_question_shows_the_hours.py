"""Regression (tester): the sign-up question "Kun je werken op de uren en diensten van deze
vacature?" did not say which hours; a person on a phone had to go back to the card. It now
shows the vacancy's hours and shifts, as on the card, in the person's language."""

from __future__ import annotations

from tests.conftest import Harness
from tests.open_hiring_helpers import make_vacancy, seeker


async def test_the_hours_question_names_the_hours_and_shifts(harness: Harness) -> None:
    await make_vacancy(harness, questions=["hours"])
    ann = await seeker(harness, 6301)
    await ann.send("/vacatures")
    await ann.press("Magazijn")
    asked = await ann.press("Aanmelden")
    assert "Kun je op deze uren en diensten werken?" in asked[-1].text
    assert "32 uur per week · dagdienst" in asked[-1].text
    assert "{hours}" not in asked[-1].text


async def test_in_english_too(harness: Harness) -> None:
    await make_vacancy(harness, questions=["hours"])
    bo = await seeker(harness, 6302, language="en")
    await bo.send("/vacatures")
    await bo.press("Magazijn")
    asked = await bo.press("Sign up")
    assert "32 hours a week · dagdienst" in asked[-1].text
