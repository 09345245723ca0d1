"""Regression: "Hoe kan ik schuldhulpverlening aanvragen?", "wat betekent beslagvrije voet"
and "Is schuldhulp gratis?" got "I don't know" although the debts answer says exactly that;
"Wanneer ga ik AOW krijgen?" got the childcare answer and "Hoeveel zorgtoeslag krijg ik?" the
debts answer (subjects this FAQ does not answer: the klantmanager helps). And when a job
seekers' own answer and a shared one fit about equally well, the choice now starts with the
one written for them, not with the employer-side trial placement."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex


@pytest.mark.parametrize(
    "question",
    [
        "Hoe kan ik schuldhulpverlening aanvragen?",
        "wat betekent beslagvrije voet",
        "Is schuldhulp gratis?",
    ],
)
def test_debt_help_questions_get_the_debts_answer(faq_index: FaqIndex, question: str) -> None:
    result = faq_index.search(question, audience="seeker")
    assert result.decision == "answer"
    assert result.best is not None and result.best.id == "ws-schulden"


@pytest.mark.parametrize(
    "question", ["Wanneer ga ik AOW krijgen?", "Hoeveel zorgtoeslag krijg ik als ik ga werken?"]
)
def test_pension_and_allowances_get_no_confident_answer(faq_index: FaqIndex, question: str) -> None:
    assert faq_index.search(question, audience="seeker").decision != "answer"


def test_a_near_tie_offers_the_job_seekers_own_answer_first(faq_index: FaqIndex) -> None:
    question = (
        "Mijn nieuwe werkgever betaalt het salaris pas aan het einde van de maand uit, terwijl"
        " mijn WW dan al beëindigd is. Op welke wijze kan ik die eerste weken zonder inkomen"
        " overbruggen?"
    )
    result = faq_index.search(question, audience="seeker")
    assert result.best is not None and result.best.id == "ws-start-werk"
