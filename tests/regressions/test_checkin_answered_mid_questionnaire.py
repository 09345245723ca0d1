"""Regression (tester): a check-in sent while the person was in the middle of the
questionnaire did not take their state, so the typed reply went to the questionnaire ("i am
ok, a bit nervous" got "continue the questionnaire?", and a 🙂 then opened its next
question, the self-harm question). A check-in sent since their last message now takes the
reply; the questionnaire keeps its answers for later."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlmodel import select

from powbot.storage.models import QuestionnaireRun
from tests.aftercare_support import make_client, make_coach, place, send_checkin, tomorrow
from tests.conftest import Harness


async def test_a_checkin_sent_mid_questionnaire_takes_the_next_reply(
    harness: Harness, clock: Any
) -> None:
    coach = await make_coach(harness, 930, "Anna")
    ahmad = await make_client(harness, coach, 931, "Ahmad")
    await place(harness, ahmad.id, tomorrow())
    await ahmad.send("/vragenlijst")
    await ahmad.send("5")  # one answer, then the check-in arrives
    await send_checkin(harness, ahmad.id, questions=["workload"])
    clock.advance(timedelta(minutes=5))  # he reads it and replies
    assert "Hoe gaat het" in ahmad.inbox()[-1].text or "Morgen begin je" in ahmad.inbox()[-1].text
    replies = await ahmad.send("goed")
    said = "\n".join(reply.text for reply in replies)
    assert "Hoe is het werk zelf?" in said  # the check-in's next question
    assert "vragenlijst" not in said.lower()
    async with harness.runtime.db.transaction() as session:
        run = (await session.exec(select(QuestionnaireRun))).one()
    assert "motivation_want" in run.answers  # the questionnaire kept what was answered


async def test_a_questionnaire_answer_after_an_older_checkin_stays_an_answer(
    harness: Harness, clock: Any
) -> None:
    coach = await make_coach(harness, 932, "Anna")
    bram = await make_client(harness, coach, 933, "Bram")
    await place(harness, bram.id, tomorrow())
    await bram.send("/vragenlijst")
    await send_checkin(harness, bram.id, questions=["workload"])
    clock.advance(timedelta(minutes=5))
    await bram.send("/vragenlijst")  # he went on with the questionnaire after it
    replies = await bram.send("5")
    assert "Hoe is het werk zelf?" not in "\n".join(reply.text for reply in replies)
