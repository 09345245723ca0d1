"""Regression: a job seeker who wrote "Ik heb schulden bij de energiemaatschappij, maar daar
gaat het nu niet om. Ik heb een vast contract ... Moet ik zelf mijn bijstand stopzetten?" got
the answer about debts, and "de kinderopvang heb ik al geregeld ... Mijn proefplaats ..." the
answer about childcare: the subject the writer set aside decided the answer. What they say is
not the question ("daar gaat het niet om", "heb ik al geregeld", "trouwens") is left out."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex

PROEFPLAATS = {"ws-proefplaats", "pp-what", "pp-uwv", "pp-gemeente", "pp-apply"}


def _shown_first(faq_index: FaqIndex, question: str) -> str | None:
    result = faq_index.search(question, audience="seeker")
    assert result.decision in ("answer", "clarify")
    return result.best.id if result.best else None


@pytest.mark.parametrize(
    "question",
    [
        "Ik heb een betalingsregeling voor mijn schulden, maar daar gaat het nu niet om. Ik kan"
        " volgende maand beginnen met werken. Moet ik mijn bijstand zelf stopzetten?",
        "Ik heb schulden bij de zorgverzekeraar, maar daar gaat het nu niet om. Ik begin"
        " volgende week met werken. Wat gebeurt er met mijn uitkering?",
    ],
)
def test_debts_set_aside_get_the_answer_about_starting_work(
    faq_index: FaqIndex, question: str
) -> None:
    assert _shown_first(faq_index, question) == "ws-start-werk"


def test_childcare_already_arranged_gets_the_answer_about_the_trial_placement(
    faq_index: FaqIndex,
) -> None:
    question = (
        "Ik ben alleenstaande moeder en de kinderopvang heb ik al geregeld. Ik mag op proef"
        " werken in een zorginstelling. Moet ik daar elke dag werken?"
    )
    assert _shown_first(faq_index, question) in PROEFPLAATS


def test_a_question_about_whether_childcare_is_arranged_is_still_about_childcare(
    faq_index: FaqIndex,
) -> None:
    question = "Ik begin volgende week met werken. Wie regelt de opvang voor mijn kinderen?"
    assert _shown_first(faq_index, question) == "ws-kinderopvang"
