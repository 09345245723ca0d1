"""'beloven' (to promise) was split as 'bel' (the stem of 'bellen', to call) + 'oven': a trial
placement question that asked whether the employer must promise a contract got the
Werkgeversservicepunt's contact answer. A three-letter part of a compound is now only a word
of its own ("lks", "uwv", "wsp"), never a stem."""

from __future__ import annotations

from powbot.knowledge.faq import FaqIndex


def test_a_word_is_not_split_after_a_three_letter_stem(faq_index: FaqIndex) -> None:
    tokens = [token for token, _ in faq_index.query_tokens("moet ik dat echt beloven")]
    assert "contact" not in tokens


def test_a_three_letter_abbreviation_still_heads_a_compound(faq_index: FaqIndex) -> None:
    tokens = [token for token, _ in faq_index.query_tokens("lkscontract via het uwvloket")]
    assert {"loonkostensubsidie", "uwv"} <= set(tokens)


def test_a_promise_after_a_trial_placement_is_a_trial_placement_question(
    faq_index: FaqIndex,
) -> None:
    result = faq_index.search(
        "Ik wil een proefplaatsing via UWV, maar moet ik dan echt beloven dat ik haar daarna"
        " een contract geef? Ik heb een klein bedrijf en kan niks garanderen."
    )
    # Answered, or the first of a choice (an employment-law subject fits nearly as well).
    assert result.decision in ("answer", "clarify")
    assert result.best is not None and result.best.instrument == "proefplaatsing"
