"""'Mijn nieuwe medewerker valt al onder de no-riskpolis, kan ik daarnaast ook nog dat
jaarlijkse bedrag van de Belastingdienst krijgen?' got the no-riskpolis answer: only a 'maar'
made a scheme the setting, and the classifier read the scheme's name in the whole question
even then. A clause saying the employer already has a scheme ('al', 'already') before a
clause asking for more ('daarnaast', 'ook', 'also') makes it the setting too, and the
classifier reads the question without that name."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex


@pytest.mark.parametrize(
    ("question", "instrument"),
    [
        (
            "Hij valt al onder de no-riskpolis, krijg ik daarnaast ook een bedrag per jaar van de"
            " Belastingdienst?",
            "loonkostenvoordeel",
        ),
        (
            "We already have the no-risk policy for him, can we also get the yearly tax discount?",
            "loonkostenvoordeel",
        ),
        (
            "We hebben al een jobcoach voor haar, kan de gemeente daarnaast ook een deel van haar"
            " loon betalen?",
            "loonkostensubsidie",
        ),
    ],
)
def test_the_scheme_asked_for_besides_the_one_they_have_answers(
    faq_index: FaqIndex, question: str, instrument: str
) -> None:
    result = faq_index.search(question)
    assert result.decision == "answer"
    assert result.best is not None and result.best.instrument == instrument


def test_a_scheme_asked_about_itself_after_a_turn_stays_the_subject(faq_index: FaqIndex) -> None:
    # No 'al': the proefplaatsing is what is asked about, not a setting.
    result = faq_index.search(
        "Ik wil een proefplaatsing via UWV, maar moet ik dan echt beloven dat ik haar daarna"
        " een contract geef?"
    )
    assert result.best is not None and result.best.instrument == "proefplaatsing"
