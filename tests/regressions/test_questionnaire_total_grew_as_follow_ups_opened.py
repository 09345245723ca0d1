"""Regression: "Vraag 12 van 32" became "Vraag 14 van 35" as follow-up questions opened
(debts → debt help, children → childcare). Follow-ups now carry the number of the question
before them, so the total a person sees never changes and the number never goes back."""

from __future__ import annotations

import re

from tests.conftest import Harness
from tests.features.questionnaire.test_questionnaire_flow import (
    READY,
    fill_in,
    start_questionnaire,
)

PROGRESS = re.compile(r"Vraag (\d+) van (\d+)")

WITH_FOLLOW_UPS = READY | {
    "schulden waar je je zorgen": "ja",
    "Krijg je al hulp bij je schulden": "ja",
    "kinderen jonger dan 12": "ja",
    "opvang voor je kinderen": "ja, dat is geregeld",
}


async def test_the_total_stays_the_same_when_follow_up_questions_open(harness: Harness) -> None:
    ann = await start_questionnaire(harness, 310)
    seen = await fill_in(ann, WITH_FOLLOW_UPS)
    counts = [tuple(map(int, m.groups())) for text in seen if (m := PROGRESS.search(text))]
    assert len(counts) == len(seen)
    assert {total for _, total in counts} == {counts[0][1]}
    numbers = [number for number, _ in counts]
    assert numbers == sorted(numbers)
    assert numbers[-1] == counts[0][1]  # the last question says "32 van 32"
    follow_up = next(i for i, text in enumerate(seen) if "hulp bij je schulden" in text)
    assert numbers[follow_up] == numbers[follow_up - 1]
