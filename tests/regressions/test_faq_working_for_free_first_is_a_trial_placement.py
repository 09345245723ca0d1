"""'Can somebody work for free 2 months to test if it goes well? he is in bijstand' offered the
wage cost subsidy first: 'work for free' was no phrase for working while keeping the benefit
('free staff' and 'free labour' were), so only 'bijstand' and 'month' were left. Working for
free first, on a benefit, is the trial placement."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex


@pytest.mark.parametrize(
    "question",
    [
        "Can he work for free for a few weeks while keeping his benefit?",
        "Mag iemand uit de bijstand eerst een maand gratis bij ons werken?",
    ],
)
def test_working_for_free_first_is_the_trial_placement(faq_index: FaqIndex, question: str) -> None:
    result = faq_index.search(question)
    assert result.decision == "answer"
    assert result.best is not None and result.best.instrument == "proefplaatsing"
