"""A hire on a '20 tot 24 uur' vacancy showed on the coach's client card as '20 uur per week',
an agreement nobody made (tester). A range fixes no hours: the card names none; a vacancy
with fixed hours still shows them."""

from __future__ import annotations

import pytest

from powbot.storage.models_open_hiring import Vacancy
from tests.aftercare_support import make_client, make_coach
from tests.conftest import Harness
from tests.open_hiring_helpers import make_vacancy


@pytest.mark.parametrize(("hours", "card"), [((20, 24), None), ((32, 0), "32 uur per week")])
async def test_regression_hire_on_an_hours_range_claims_no_fixed_hours(
    harness: Harness, hours: tuple[int, int], card: str | None
) -> None:
    coach = await make_coach(harness, 391, "Anna")
    ann = await make_client(harness, coach, 392, "Ann")
    vacancy_id = await make_vacancy(harness, questions=[])
    async with harness.runtime.db.transaction() as session:
        vacancy = await session.get(Vacancy, vacancy_id)
        assert vacancy is not None
        vacancy.hours_per_week, vacancy.hours_max = hours
    await ann.send("/vacatures")
    await ann.press("Magazijn")
    offer = await ann.press("Aanmelden")
    await ann.press("Ja, ik wil deze baan", offer[-1])
    await ann.send("ann@example.nl")
    await coach.send("/clienten")
    shown = (await coach.press("Ann"))[-1].text
    assert "Magazijn bij Firma Test, begint op" in shown
    if card is None:
        assert "uur per week" not in shown
    else:
        assert card in shown
