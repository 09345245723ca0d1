"""Answers about another instrument than the one asked (bench/faq_eval.py counts them,
aim 0), the classes fixed in the employer_v round:

- a scheme named only before the question, which asks about something else ("a colleague
  for whom we receive wage cost subsidy is ill at home; who pays his wages?"), answered with
  that scheme's own rule: now a choice with the next instrument that fits almost as well;
- payrolling someone from the jobs agreement, or letting another organisation be the
  employer, got what the jobs agreement is: now the payrolling entry;
- who measures the wage value, and what it costs, got who pays the job coach;
- an insurer refusing fire damage got 'what UWV does not pay for'."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex


def test_a_scheme_named_before_another_question_gets_a_choice(faq_index: FaqIndex) -> None:
    result = faq_index.search(
        "Een collega voor wie we loonkostensubsidie ontvangen, is ziek thuis. Wie betaalt zijn loon?"
    )
    assert result.decision == "clarify"
    offered = {e.instrument for e in (result.best, *(e for e, _ in result.alternatives)) if e}
    assert "no-riskpolis" in offered


def test_a_question_about_the_named_scheme_is_still_answered(faq_index: FaqIndex) -> None:
    result = faq_index.search(
        "We krijgen loonkostensubsidie voor een nieuwe collega. Hoe vaak wordt de loonwaarde"
        " opnieuw bepaald?"
    )
    assert result.decision == "answer" and result.best is not None
    assert result.best.id == "lks-amount"


@pytest.mark.parametrize(
    "question",
    [
        "Iemand uit de banenafspraak via payroll laten werken, hoe gaat dat?",
        "Can a person with a disability work here while someone else is formally the employer?",
    ],
)
def test_payrolling_or_another_employer_is_about_that(faq_index: FaqIndex, question: str) -> None:
    result = faq_index.search(question)
    assert result.decision == "answer" and result.best is not None, question
    assert result.best.instrument == "detachering", question


def test_measuring_the_wage_value_is_the_wage_cost_subsidy(faq_index: FaqIndex) -> None:
    result = faq_index.search(
        "Wie meet de loonwaarde van mijn nieuwe medewerker en kost dat mij iets?"
    )
    assert result.decision == "answer" and result.best is not None
    assert result.best.id == "lks-amount"


def test_an_insurer_refusing_fire_damage_is_out_of_scope(faq_index: FaqIndex) -> None:
    result = faq_index.search(
        "Na de brand keert onze verzekeraar niets uit voor het pand, wat moet ik doen?"
    )
    assert result.decision == "unknown"
