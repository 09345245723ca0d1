"""'Opnieuw beginnen' under "Wil je verder waar je was?" threw away 16 answers without a
"weet je het zeker?" (tester). It asks first; 'nee' (or the continue button) keeps every
answer and goes on where the person was."""

from __future__ import annotations

from sqlmodel import select

from powbot.storage.models import QuestionnaireRun
from tests.conftest import Harness
from tests.features.questionnaire.test_questionnaire_flow import start_questionnaire


async def test_regression_start_over_asks_first_and_no_keeps_the_answers(
    harness: Harness,
) -> None:
    jo = await start_questionnaire(harness, 360)
    await jo.send("4")
    await jo.send("32")
    await jo.send("/stop")
    await jo.send("/vragenlijst")
    sure = await jo.send("opnieuw")
    assert "Weet je het zeker?" in sure[-1].text and "vraag 3 van" in sure[-1].text
    kept = await jo.send("nee")
    assert "Hoeveel jaar heb je al gewerkt" in kept[-1].text
    async with harness.runtime.db.transaction() as session:
        runs = (await session.exec(select(QuestionnaireRun))).all()
    assert [run.status for run in runs] == ["active"]
