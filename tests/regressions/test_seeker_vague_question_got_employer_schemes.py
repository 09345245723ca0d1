"""Regression: a job seeker who typed 'hoe laat is het' was asked "Waar gaat je vraag over?"
with employers' schemes to choose from (detachering via het sw-bedrijf, applying for the
loonkostenvoordeel). A job seeker's vague question offers their own subjects."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex
from powbot.knowledge.faq.models import SEEKER_INSTRUMENT


@pytest.mark.parametrize("question", ["hoe laat is het", "ik heb een vraag", "vraag"])
def test_a_job_seekers_vague_question_offers_their_own_subjects(
    faq_index: FaqIndex, question: str
) -> None:
    result = faq_index.search(question, audience="seeker")
    if result.decision != "vague":
        assert result.decision == "unknown"
        return
    assert result.alternatives
    assert all(entry.instrument == SEEKER_INSTRUMENT for entry, _ in result.alternatives)
