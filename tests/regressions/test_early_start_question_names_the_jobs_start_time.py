"""A vacancy that starts at 05:00 with the standard 'early start' question asked job seekers
"Kun je om 7:00 uur 's ochtends beginnen?" (tester): the question names the vacancy's own
start time, and 7:00 only where the vacancy has none."""

from __future__ import annotations

import pytest

from powbot.storage.models_open_hiring import Vacancy
from tests.conftest import Harness
from tests.open_hiring_helpers import make_vacancy, seeker


@pytest.mark.parametrize(("start_time", "asked"), [("05:00", "om 05:00 uur"), ("", "om 7:00 uur")])
async def test_regression_early_start_question_names_the_jobs_start_time(
    harness: Harness, start_time: str, asked: str
) -> None:
    vacancy_id = await make_vacancy(harness, questions=["early_start"])
    async with harness.runtime.db.transaction() as session:
        vacancy = await session.get(Vacancy, vacancy_id)
        assert vacancy is not None
        vacancy.start_time = start_time
    ann = await seeker(harness, 393, name="Ann")
    await ann.send("/vacatures")
    await ann.press("Magazijn")
    question = await ann.press("Aanmelden")
    assert f"Kun je vroeg beginnen, {asked}?" in question[-1].text
    no = await ann.send("nee")
    assert f"begin je vroeg, {asked}" in " ".join(sent.text for sent in no)
