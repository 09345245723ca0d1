"""'hij doet ongeveer 60% van wat een collega doet' lost its '%': the productivity figure that
makes it a wage-subsidy question was no word at all, and the answer drifted to another
instrument. A percentage now reads as the word 'procent'."""

from __future__ import annotations

from powbot.knowledge.faq import FaqIndex


def test_a_percentage_is_read_as_procent(faq_index: FaqIndex) -> None:
    tokens = [token for token, _ in faq_index.query_tokens("hij haalt 60% van de norm")]
    assert "procent" in tokens


def test_an_entry_that_covers_a_second_instrument_answers_for_it(faq_index: FaqIndex) -> None:
    entry = faq_index.base.get("bbl-subsidy")
    assert entry is not None
    assert entry.answers_for("praktijkleren") and entry.answers_for("bbl")
    assert not entry.answers_for("loonkostensubsidie")
