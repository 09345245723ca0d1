"""'maar' was read as the turn of every question ("We krijgen al LKV, maar ..."), also where
it means 'only': in "Geldt de no-riskpolis ook als hij maar een paar uur per week werkt?" the
no-riskpolis became the setting and the proefplaatsing answered; "Mag ik loondispensatie
aanvragen als ze maar 15 uur per week werkt?" got 'I don't know'. 'maar' turns the question
only after a comma or at the start of a sentence now ('but' anywhere, as before)."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex


@pytest.mark.parametrize(
    ("question", "instrument"),
    [
        ("Geldt de no-riskpolis ook als hij maar een paar uur per week werkt?", "no-riskpolis"),
        (
            "Mag ik loondispensatie aanvragen als ze maar 15 uur per week bij ons werkt?",
            "loondispensatie",
        ),
        (
            "Heb ik recht op loonkostensubsidie als hij maar twaalf uur in de week werkt?",
            "loonkostensubsidie",
        ),
        (
            "Kan een proefplaatsing ook als iemand maar 3 ochtenden per week kan werken?",
            "proefplaatsing",
        ),
    ],
)
def test_maar_meaning_only_keeps_the_scheme_asked(
    faq_index: FaqIndex, question: str, instrument: str
) -> None:
    result = faq_index.search(question)
    assert result.decision == "answer"
    assert result.best is not None and result.best.instrument == instrument


def test_maar_after_a_comma_still_turns_the_question(faq_index: FaqIndex) -> None:
    # The scheme they already get is the setting; the question is about the municipality's
    # share of the wage.
    result = faq_index.search(
        "We ontvangen al loonkostenvoordeel voor haar, maar kan de gemeente ook nog een deel"
        " van het loon betalen?"
    )
    assert result.best is not None and result.best.instrument == "loonkostensubsidie"
