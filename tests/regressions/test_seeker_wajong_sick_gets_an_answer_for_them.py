"""Regression: a job seeker on Wajong who asked what happens when they fall ill ("ik heb wajong
en werk, wat als ik ziek word") got the no-riskpolis entry on who is covered, written for
employers only: a list of benefit types in the employer's voice, and nothing about what to
do. The entry now has a job-seeker answer: report sick to the employer, the wage goes on, the
employer gets money from UWV for as long as they work there, and ask UWV about their own
benefit."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex, answer_parts


@pytest.mark.parametrize(
    "question",
    ["ik heb wajong en werk, wat als ik ziek word", "ik heb wajong en ben ziek, wat nu"],
)
def test_a_wajong_job_seeker_who_falls_ill_gets_an_answer_written_for_them(
    faq_index: FaqIndex, question: str
) -> None:
    result = faq_index.search(question, audience="seeker")
    assert result.decision in ("answer", "clarify") and result.best is not None
    assert result.best.instrument == "no-riskpolis"
    parts = answer_parts(result.best, "nl", audience="seeker")
    assert not parts.for_employers
    assert "ziek bij je werkgever" in parts.text
    assert "vraag het UWV" in parts.text
    english = answer_parts(result.best, "en", audience="seeker").text
    assert "report sick to your employer" in english and "ask UWV" in english
