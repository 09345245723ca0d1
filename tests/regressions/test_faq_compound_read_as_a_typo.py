"""'via een detacheringsconstructie' was read as a typo of 'detacheringscontract' (the typo
match ran before compound splitting), and an instrument named only as the setting ("we get
LKV for him already, but ...") outweighed the one asked about after "maar"."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex


def test_an_unknown_compound_is_split_before_it_is_taken_for_a_typo(faq_index: FaqIndex) -> None:
    tokens = [token for token, _ in faq_index.query_tokens("via een detacheringsconstructie")]
    assert "detachering" in tokens
    assert "detacheringscontract" not in tokens


@pytest.mark.parametrize(
    "question",
    [
        "We hebben een medewerker via de banenafspraak, maar het team weet niet hoe ze met hem"
        " om moeten gaan. Kan er iemand komen helpen?",
        "Hij had een proefplaatsing bij ons, maar nu zoeken we iemand die hem op de werkvloer"
        " begeleidt. Kan dat?",
    ],
)
def test_an_instrument_named_as_the_setting_does_not_answer_the_question(
    faq_index: FaqIndex, question: str
) -> None:
    result = faq_index.search(question)
    assert result.best is not None and result.best.instrument == "jobcoaching"


def test_an_instrument_named_again_after_maar_is_what_is_asked(faq_index: FaqIndex) -> None:
    result = faq_index.search(
        "We krijgen al loonkostensubsidie voor hem, maar hoe lang loopt die loonkostensubsidie nog?"
    )
    assert result.best is not None and result.best.instrument == "loonkostensubsidie"
