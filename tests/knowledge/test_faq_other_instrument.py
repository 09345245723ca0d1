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


def test_a_scheme_named_in_passing_is_the_setting(faq_index: FaqIndex) -> None:
    # Named after a preposition ("tijdens een proefplaatsing", "in de no-riskpolis") while
    # another scheme is what is asked: the answer is about the one asked.
    for question, asked in (
        (
            "Krijg ik LKV ook door als de werknemer ziek is en in de no-riskpolis valt?",
            "loonkostenvoordeel",
        ),
        ("Geldt de no-riskpolis ook al tijdens een proefplaatsing?", "no-riskpolis"),
    ):
        result = faq_index.search(question)
        assert result.best is not None and result.best.instrument == asked, question
    # Not a preposition in passing: 'via een bbl-traject' is what is asked about.
    result = faq_index.search(
        "We doen al open hiring in de productie, kunnen we iemand ook laten leren via een bbl-traject?"
    )
    assert result.best is not None and result.best.instrument == "bbl"


def test_the_payroll_tax_amount_is_the_lkv(faq_index: FaqIndex) -> None:
    # 'een tegemoetkoming via de loonaangifte' is the LKV in the employer's words: named as
    # what the employer already gets, it is the setting of a question about loondispensatie.
    ask = (
        "Wij krijgen al een tegemoetkoming via de loonaangifte voor onze Wajonger, maar mag ik"
        " hem ook onder het minimumloon betalen en laat UWV de rest aanvullen?"
    )
    assert "loonkostenvoordeel" in _tokens(faq_index, ask)
    result = faq_index.search(ask)
    assert (
        result.decision != "answer"
        or result.best is None
        or (result.best.instrument != "loonkostenvoordeel")
    )


def test_a_named_scheme_just_behind_an_outside_subject_gets_a_choice(faq_index: FaqIndex) -> None:
    # The question names the scheme; a subject outside this FAQ fits only a hair better. "I
    # don't know" would drop the scheme the employer asked about: a choice, with "none of these".
    result = faq_index.search(
        "Geldt er bij loonkostensubsidie een minimale contractduur, en vervalt de subsidie"
        " automatisch wanneer wij het tijdelijke contract na afloop niet verlengen?"
    )
    assert result.decision == "clarify"
    assert result.best is not None and result.best.instrument == "loonkostensubsidie"
    # Nothing named: the subject outside the FAQ still wins.
    assert faq_index.search("Hoe kan ik een werknemer ontslaan?").decision == "unknown"


def test_asking_to_be_put_in_touch_is_the_wsp(faq_index: FaqIndex) -> None:
    for question in (
        "Can you put me in touch with someone who can help me hire older unemployed people?",
        "kan ik via whatsapp met jullie praten of alleen via deze bot",
    ):
        result = faq_index.search(question)
        assert result.best is not None and result.best.instrument == "wsp-contact", question


def test_a_question_about_money_gets_the_entry_that_states_the_amount(faq_index: FaqIndex) -> None:
    # The bbl's "what is it" entry shared as many words; the subsidy entry states the amount.
    for question in (
        "Is there a subsidy for companies that supervise apprentices in the workplace?",
        "Is er geld beschikbaar voor bedrijven die een leerwerkplaats bieden aan mbo-studenten?",
    ):
        result = faq_index.search(question)
        assert result.best is not None and result.best.id == "bbl-subsidy", question
    # Not about money: the entry chosen on its words stays.
    result = faq_index.search("Wat is een bbl-traject?")
    assert result.best is not None and result.best.id == "bbl-what"
