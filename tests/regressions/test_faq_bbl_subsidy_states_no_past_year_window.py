"""Regression: the answer on the bbl subsidy (Subsidieregeling praktijkleren) gave the 2024
application window ("in 2024 van 3 juni tot en met 17 september") as its example, read in
2026 as if it were this year's dates. It now names the summer window and sends the employer
to rvo.nl for the dates, in both languages, and its claim says the same."""

from __future__ import annotations

import re

from powbot.knowledge.faq import FaqIndex


def test_the_bbl_subsidy_answer_names_no_past_years_dates(faq_index: FaqIndex) -> None:
    result = faq_index.search("Hoeveel subsidie krijg ik voor een bbl-leerling?")
    assert result.best is not None and result.best.id == "bbl-subsidy"
    entry = result.best
    for text in (entry.answer.get("nl"), entry.answer.get("en"), *(c.says for c in entry.claims)):
        assert not re.search(r"\b20(1\d|2[0-5])\b", text), text
    assert "rvo.nl" in entry.answer.get("nl") and "rvo.nl" in entry.answer.get("en")
