"""Employer FAQ, issue 15 (employer_w round): a broad "what do I get for hiring someone"
question gets the overview of the schemes, and answers that would state another scheme's rule
become a choice (a sickness question beside a scheme that says nothing about sickness, a
scheme named only in passing, a scheme the question names but the search did not choose)."""

from __future__ import annotations

from pathlib import Path

import pytest

from powbot.knowledge.faq import FaqIndex, load_faq
from powbot.knowledge.faq.models import BroadHiring

CONTENT = Path(__file__).resolve().parents[2] / "powbot" / "knowledge" / "content"


def _shown(index: FaqIndex, question: str) -> list[str]:
    result = index.search(question, audience="employer", limit=3)
    return [e.id for e in (result.best, *(e for e, _ in result.alternatives)) if e is not None]


@pytest.mark.parametrize(
    "question",
    [
        # The tester's core questions: an out-of-scope answer ("other subsidies", for the
        # bakery), "I don't know", and the wage cost subsidy's rule as if it were the answer.
        "I run a bakery. Any subsidy for hiring long term unemployed?",
        "do I get money if I hire someone from welfare",
        "krijg ik geld als ik iemand uit de bijstand aanneem",
        # ... and the same question in other words.
        "Is there any money for employers who take on someone from social assistance?",
        "Welke steun krijg ik als werkgever als ik iemand met een arbeidsbeperking in dienst neem?",
        "Ik heb een kapsalon. Welke subsidies zijn er als ik een langdurig werkloze aanneem?",
    ],
)
def test_a_broad_hiring_question_gets_the_overview_of_the_schemes(
    faq_index: FaqIndex, question: str
) -> None:
    result = faq_index.search(question, audience="employer")
    assert result.decision == "answer" and result.best is not None, question
    assert result.best.id == "wsp-overview", question
    text = result.best.answer.nl.lower()
    for scheme in ("loonkostensubsidie", "no-riskpolis", "proefplaatsing", "jobcoach"):
        assert scheme in text
    # The schemes it names first are offered next to it.
    assert _shown(faq_index, question)[1:] == ["lks-what", "pp-what"]
    # Its heading says what it answers: hiring someone with a distance to work, not only
    # someone with a disability.
    assert result.best.title is not None and "afstand tot werk" in result.best.title.nl


def test_a_broad_question_about_someone_on_ww_gets_the_ww_overview(faq_index: FaqIndex) -> None:
    # 'unemployed' is the WW in the word lists, but only "WW" itself picks the WW overview.
    for question in (
        "welke regelingen heb ik als ik iemand uit de ww aanneem",
        "Is there a subsidy if I hire someone on unemployment benefit?",
    ):
        assert _shown(faq_index, question)[0] == "pp-ww", question
    # It is the overview for someone on WW, as wsp-overview is for everyone else: it answers
    # a question about "help for employers" (the WSP's subject) too.
    entry = faq_index.base.get("pp-ww")
    assert entry is not None and entry.answers_for("wsp-contact")


@pytest.mark.parametrize(
    ("question", "instrument"),
    [
        # A question that says more than "what do I get" is answered as before.
        (
            "Krijg ik subsidie als ik iemand uit de bijstand aanneem die maar 60% kan?",
            "loonkostensubsidie",
        ),
        ("Krijg ik LKS als ik iemand uit de bijstand aanneem?", "loonkostensubsidie"),
        (
            "Welke subsidie krijg ik als ik iemand uit de bijstand aanneem en hij wordt ziek?",
            "no-riskpolis",
        ),
    ],
)
def test_a_more_specific_hiring_question_is_not_the_overview(
    faq_index: FaqIndex, question: str, instrument: str
) -> None:
    result = faq_index.search(question, audience="employer")
    assert result.best is not None and result.best.id != "wsp-overview", question
    assert instrument in [
        i
        for e in (result.best, *(e for e, _ in result.alternatives))
        for i in (e.instrument, *e.covers)
    ], question


def test_a_job_seeker_never_gets_the_employers_overview(faq_index: FaqIndex) -> None:
    result = faq_index.search(
        "krijg ik geld als ik iemand uit de bijstand aanneem", audience="seeker"
    )
    assert result.best is None or result.best.id != "wsp-overview"


def test_the_broad_hiring_word_lists_name_existing_overviews() -> None:
    base = load_faq(CONTENT)
    spec = base.synonyms.broad_hiring
    assert isinstance(spec, BroadHiring)
    assert [o.entry for o in spec.overviews] == ["pp-ww", "wsp-overview"]
    assert all(base.get(o.entry) is not None for o in spec.overviews)


def test_a_sickness_question_beside_another_scheme_offers_the_no_riskpolis(
    faq_index: FaqIndex,
) -> None:
    # The LKV's name outweighed the question: the answer was how to apply for the LKV.
    question = "Wij krijgen het LKV voor haar. Als ze ziek wordt, krijg ik dan iets terug van UWV voor het loon?"
    result = faq_index.search(question, audience="employer")
    assert result.decision == "clarify", question
    assert "no-riskpolis" in [e.instrument for e, _ in result.alternatives]
    # An answer that itself says who pays during sickness stays a direct answer.
    result = faq_index.search("Mijn Wajonger met loondispensatie is ziek, wat nu?")
    assert result.decision == "answer" and result.best is not None
    assert result.best.id == "ld-sick"


def test_a_scheme_named_in_passing_does_not_answer_a_dismissal_question(
    faq_index: FaqIndex,
) -> None:
    # The trial placement's "how to apply" answered a theft dismissal.
    question = "Een medewerker die na een proefplaatsing bij ons begon, heeft gestolen. Mag ik hem op staande voet ontslaan?"
    result = faq_index.search(question, audience="employer")
    assert result.decision != "answer", question
    assert result.topic is not None and result.topic.id == "dismissal"


def test_a_named_scheme_that_fits_almost_as_well_is_offered(faq_index: FaqIndex) -> None:
    # Job carving's myths answered a question about the job coach's role; the wage cost
    # subsidy one about a seconded worker's rate.
    for question, named in (
        (
            "Is the job coach allowed to mediate between the employee and the line manager "
            "when there are tensions, or is their role limited to instruction on the tasks "
            "themselves?",
            "jobcoaching",
        ),
        (
            "Betalen we als inlener het volle tarief, ook als de gedetacheerde niet de volle "
            "productie haalt?",
            "detachering",
        ),
    ):
        result = faq_index.search(question, audience="employer")
        assert result.best is not None, question
        offered = [result.best.instrument, *(e.instrument for e, _ in result.alternatives)]
        assert result.decision == "clarify" and named in offered, question


def test_the_difference_between_dispensation_and_subsidy_answers_a_subsidy_question(
    faq_index: FaqIndex,
) -> None:
    # It states the wage cost subsidy's rule for someone from the bijstand, so it answers
    # that question as well (it was counted as an answer about another scheme).
    entry = faq_index.base.get("ld-vs-lks")
    assert entry is not None and entry.answers_for("loonkostensubsidie")
    assert "loonkostensubsidie van de gemeente" in entry.answer.nl
