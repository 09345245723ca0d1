"""Classes of answers about another instrument than the one asked (bench/faq_eval.py,
"other instrument"), each with the questions that showed it."""

from __future__ import annotations

from powbot.knowledge.faq import FaqIndex


def _tokens(index: FaqIndex, question: str) -> list[str]:
    return [token for token, _ in index.query_tokens(question)]


def test_a_misspelt_instrument_name_is_not_read_as_a_compound(faq_index: FaqIndex) -> None:
    # 'loonkostensubsidei' was loonkosten + an unknown rest: only 'loonkost' was left, and the
    # answer was about the WW.
    assert "loonkostensubsidie" in _tokens(faq_index, "loonkostensubsidei voor iemand met ww")
    assert "loonkostenvoordeel" in _tokens(faq_index, "loonkostenvoordel aanvragen")
    # A real compound with an unknown rest still keeps its known head.
    assert _tokens(faq_index, "detacheringsconstructie") == ["detachering"]


def test_everyday_things_do_not_name_the_workplace_adjustment(faq_index: FaqIndex) -> None:
    # A desk, a chair or an agency ('extern bureau') is what every employer deals with; as the
    # instrument's name it outweighed the words that say what is asked.
    for question in ("a standing desk", "een extern bureau", "een bureaustoel", "een tillift"):
        assert not any(tok in faq_index.name_terms for tok in _tokens(faq_index, question))
    assert "werkvoorziening" in _tokens(faq_index, "een werkplekaanpassing aanvragen")
    result = faq_index.search("Am I legally required to give every office worker a standing desk?")
    assert result.decision != "answer"
    result = faq_index.search(
        "Hoe lang duurt het voordat UWV een aanvraag voor een tillift beoordeelt?"
    )
    assert result.best is not None and result.best.instrument == "werkplekaanpassing"


def test_a_subject_said_without_its_name_is_that_subject(faq_index: FaqIndex) -> None:
    # Spelt out, the employer's risk assessment became jobcarving's 'taken inventariseren'.
    ask = "Hoe vaak moeten wij onze risico-inventarisatie en -evaluatie actualiseren?"
    assert "rie" in _tokens(faq_index, ask)
    assert faq_index.search(ask).decision != "answer"
    # Someone who supports the employee at work is a job coach, also beside a named scheme.
    ask = "Onze Wajonger werkt met loondispensatie, kan hij ook iemand krijgen die hem op het werk ondersteunt?"
    assert "jobcoach" in _tokens(faq_index, ask)
    assert "loondispensatie" in _tokens(
        faq_index, "Can we apply the reduced wage arrangement again?"
    )
