"""A person who does not understand a question ('ik snap de vraag niet', 'I don't understand')
hears the question again in plainer words ("Ik zeg het anders: ..."), then the same question;
nothing is stored. Every question has such an explanation, short, in Dutch and English."""

from __future__ import annotations

import pytest

from powbot.config import PACKAGE_KNOWLEDGE_DIR
from powbot.knowledge.questionnaire import Question, load_questionnaire
from tests.conftest import Harness, onboard
from tests.features.questionnaire.test_questionnaire_flow import (
    READY,
    answer_for,
    start_questionnaire,
)
from tests.features.questionnaire.test_understanding_and_coming_back import answers_after_pause

MAX_WORDS = 30  # one or two short sentences: read at once by someone who reads with effort
QUESTIONS = load_questionnaire(PACKAGE_KNOWLEDGE_DIR / "questionnaire" / "werkfit.yaml").questions


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.id for q in QUESTIONS])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_question_can_be_said_in_other_words(question: Question, lang: str) -> None:
    assert question.explain is not None, f"{question.id}: no explain"
    explain = question.explain.get(lang)
    assert explain.strip(), f"{question.id}: empty explain.{lang}"
    assert len(explain.split()) <= MAX_WORDS, f"{question.id}: explain.{lang} is too long"
    assert explain != question.text.get(lang), f"{question.id}: explain.{lang} is the question"


def _shown(text: str) -> Question:
    return next(q for q in QUESTIONS if q.text.nl in text)


async def test_not_understanding_any_question_gets_it_in_other_words(harness: Harness) -> None:
    """All the way through: at every question 'ik snap de vraag niet' gives that question's
    explanation and the same question again; the answers after it still lead to a profile."""
    seeker = await start_questionnaire(harness, 7901)
    current = seeker.inbox()[-1].text
    for _ in range(40):
        if "werkfit-profiel (" in current:
            break
        question = _shown(current)
        assert question.explain is not None
        replies = await seeker.send("ik snap de vraag niet")
        said = seeker.texts(replies)
        assert f"Ik zeg het anders: {question.explain.nl}" in said, question.id
        assert replies[-1].text == current, question.id  # the same question, same number
        replies = await seeker.send(answer_for(current, READY))
        current = next((r.text for r in replies if "werkfit-profiel (" in r.text), replies[-1].text)
    assert "werkfit-profiel (" in current


async def test_an_explained_question_stores_nothing(harness: Harness) -> None:
    seeker = await start_questionnaire(harness, 7902)
    await seeker.send("5")
    replies = await seeker.send("wat bedoel je")
    assert "Hoeveel uur wil je werken in één week?" in seeker.texts(replies)
    assert "Hoeveel uur per week" in replies[-1].text
    answers = await answers_after_pause(harness, seeker)
    assert answers == {"motivation_want": {"value": 5}}


async def test_in_english_the_explanation_is_english(harness: Harness) -> None:
    seeker = harness.user(7903)
    await onboard(seeker, language="en")
    question = (await seeker.press("questionnaire"))[-1].text
    replies = await seeker.send("I don't understand")
    said = seeker.texts(replies)
    assert "In other words: Would you like to work, or rather not?" in said
    assert "Ik zeg het anders" not in said
    assert replies[-1].text == question


async def test_weet_ik_niet_is_an_answer_where_it_is_one_of_the_buttons(harness: Harness) -> None:
    """The DigiD explanation says "Not sure? Choose 'Weet ik niet'": typing it is that answer,
    not another explanation; at a question without such a button it still explains."""
    seeker = await start_questionnaire(harness, 7904)
    current = seeker.inbox()[-1].text
    while "Heb je DigiD" not in current:
        current = (await seeker.send(answer_for(current, READY)))[-1].text
    replies = await seeker.send("weet ik niet")
    assert "Ik zeg het anders" not in seeker.texts(replies)
    assert "mensen die je helpen" in replies[-1].text  # the next question
    replies = await seeker.send("weet ik niet")
    assert "Ik zeg het anders: Als het even niet goed gaat" in seeker.texts(replies)
    answers = await answers_after_pause(harness, seeker)
    assert answers["digital_digid"] == {"value": "unsure"}
    assert "network_support" not in answers
