"""Two questions about money for hiring or training got "I don't know" or the wrong entry:
'tax advantage for hiring older unemployed people, how much?' (no English word for the LKV
but 'tax break' and 'tax credit', so the payroll-tax topic fitted better), and 'three mbo
students in care whom we supervise, is there a subsidy?' got what the bbl is instead of the
subsidy per bbl student (the Subsidieregeling praktijkleren); in English 'subsidy for training
students' got "I don't know". A payroll tax question stays out of scope."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex


def test_a_tax_advantage_for_hiring_an_older_person_is_the_lkv(faq_index: FaqIndex) -> None:
    result = faq_index.search("What tax advantage do I get for hiring someone over 56 from the WW?")
    assert result.decision == "answer"
    assert result.best is not None and result.best.id == "lkv-older"


def test_the_payroll_tax_return_stays_out_of_scope(faq_index: FaqIndex) -> None:
    assert faq_index.search("How do I file the payroll tax return?").decision == "unknown"


@pytest.mark.parametrize(
    "question",
    [
        "We hebben twee mbo-studenten in de zorg die wij begeleiden, is daar subsidie voor?",
        "is there a grant for training students at our workplace?",
    ],
)
def test_a_subsidy_for_supervising_students_is_the_practical_learning_subsidy(
    faq_index: FaqIndex, question: str
) -> None:
    result = faq_index.search(question)
    assert result.decision == "answer"
    assert result.best is not None and result.best.id == "bbl-subsidy"
    assert result.best.answers_for("praktijkleren")
