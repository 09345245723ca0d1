"""'Na de proefplaatsing wil ik hem aannemen, hoe vraag ik dan de doelgroepverklaring aan?' was
answered with the trial placement's rule, though the clause that asks names the wage-cost
advantage's doelgroepverklaring; likewise a secondment named in a first sentence and a wage
subsidy in the question. When the clause that asks names another instrument than the one the
answer is about, and that one is named only around it, the bot now offers a choice with the
instrument asked, not a confident answer about the other."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        (
            "Na de proefplaatsing wil ik hem aannemen, hoe vraag ik dan de doelgroepverklaring"
            " aan?",
            "loonkostenvoordeel",
        ),
        (
            "Via het SW-bedrijf werkt iemand bij ons gedetacheerd. Kunnen we hem ook zelf in"
            " dienst nemen met loonkostensubsidie?",
            "loonkostensubsidie",
        ),
        ("I already get wage subsidy for her, can I also get the no risk policy?", "no-riskpolis"),
    ],
)
def test_the_instrument_asked_is_offered_not_passed_over(
    faq_index: FaqIndex, question: str, asked: str
) -> None:
    result = faq_index.search(question)
    offered = [result.best, *(e for e, _ in result.alternatives)]
    if result.decision == "answer":
        assert result.best is not None and result.best.instrument == asked
    else:
        assert result.decision == "clarify"
        assert any(e is not None and e.instrument == asked for e in offered)


def test_one_clause_naming_one_instrument_is_answered(faq_index: FaqIndex) -> None:
    result = faq_index.search("Hoe vraag ik de doelgroepverklaring aan?")
    assert result.decision == "answer"
    assert result.best is not None and result.best.instrument == "loonkostenvoordeel"
