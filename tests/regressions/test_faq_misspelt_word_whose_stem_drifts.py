"""'loondispentatie aanvraag duurt lang, mag hij al wel beginnen?' got the answer about
applying for loonkostensubsidie: the typo was looked up by its stem, and the Dutch stemmer cuts
'loondispentatie' to 'loondispenteer', too far from 'loondispensatie' to count as a typo (the
right word's stem is the word itself). Only 'aanvraag' was left, and the LKS entry about
applying fitted that best. A word whose stem is no typo of anything is now compared as typed."""

from __future__ import annotations

from powbot.knowledge.faq import FaqIndex


def test_a_misspelt_scheme_name_is_still_the_scheme(faq_index: FaqIndex) -> None:
    result = faq_index.search("De loondispentatie is nog niet rond, mag hij al beginnen?")
    assert result.decision == "answer"
    assert result.best is not None and result.best.instrument == "loondispensatie"


def test_the_word_as_typed_is_corrected_when_its_stem_is_not(faq_index: FaqIndex) -> None:
    tokens = [token for token, _ in faq_index.query_tokens("loondispentatie aanvragen")]
    assert "loondispensatie" in tokens
