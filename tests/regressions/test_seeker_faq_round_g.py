"""Job seekers' FAQ, round g (the opened seeker sets b, d and f): the classes that misled.

- Earning extra on WW or Wajong had no answer of its own: the bijstand answer (or the one
  about starting work) was given. ws-bijverdienen now states the UWV rules, sourced.
- 'duur' was the duration word, so "de creche is duur" (expensive) and "hoe lang duurt ..."
  shared a token and pulled each other's questions.
- A job seeker's question about work itself ("mijn baas ...", bullied, overtime) found the
  nearest job-seeker answer: the employers' topics on those subjects are in an employer's words.
- Asking how to reach one's own klantmanager was "I don't know" (a topic for asking for a
  person); it is the contact answer now. Asking for a person in general stays "I don't know".
"""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex, Normalizer, answer_text


@pytest.mark.parametrize(
    "question",
    [
        "Ik zit in de WW en mag een paar weken bij een oud-collega invallen, wat houd ik over?",
        "Ik heb Wajong, mag ik er op zaterdag een baantje bij nemen?",
        "I'm on WW and earned 200 euro with a small job, do I tell UWV?",
    ],
)
def test_earning_extra_on_ww_or_wajong_gets_the_answer_with_the_uwv_rules(
    faq_index: FaqIndex, question: str
) -> None:
    result = faq_index.search(question, audience="seeker")
    assert result.best is not None and result.best.id == "ws-bijverdienen", question
    text = answer_text(result.best, "nl", "seeker")
    assert "87,5%" in text and "30 cent" in text and "Mijn UWV" in text


def test_duur_alone_is_expensive_and_not_how_long(faq_index: FaqIndex) -> None:
    norm: Normalizer = faq_index.norm
    assert "looptijd" not in norm.tokens("de creche is heel duur")
    assert "looptijd" in norm.tokens("hoe lang duurt mijn proefplaats")
    expensive = faq_index.search("de bso wordt steeds duurder, is er hulp?", audience="seeker")
    assert expensive.best is not None and expensive.best.id == "ws-kinderopvang"


@pytest.mark.parametrize(
    "question",
    [
        "mijn leidinggevende scheldt me uit, mag dat?",
        "mijn baas laat me elke week overuren maken zonder te betalen",
        "Can my boss make me work when I am sick?",
    ],
)
def test_a_question_about_work_itself_gets_no_job_seeker_answer(
    faq_index: FaqIndex, question: str
) -> None:
    assert faq_index.search(question, audience="seeker").decision == "unknown", question


def test_reaching_ones_own_klantmanager_is_the_contact_answer(faq_index: FaqIndex) -> None:
    result = faq_index.search("hoe kan ik mijn klantmanager bereiken?", audience="seeker")
    assert result.decision == "answer" and result.best is not None
    assert result.best.id == "ws-contact"
    assert faq_index.search("ik wil met een mens praten", audience="seeker").decision == "unknown"


@pytest.mark.parametrize(
    "question", ["Ik heb een huurachterstand, wie kan mij helpen?", "ik loop achter met de huur"]
)
def test_rent_arrears_are_debts(faq_index: FaqIndex, question: str) -> None:
    result = faq_index.search(question, audience="seeker")
    assert result.best is not None and result.best.id == "ws-schulden", question
