"""Regression: 'wie ben jij', 'wat is dit voor bot', 'what is this bot?' and 'are you a real
person?' got "Dat weet ik helaas niet" (or a choice of FAQ topics), although the bot can
say what it is. Questions about the bot itself are the help intent, in every role and state."""

from __future__ import annotations

import pytest

from tests.conftest import Harness, onboard

CHATBOT = {"nl": "chatbot (geen mens)", "en": "chatbot (not a person)"}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "wie ben jij"),
        ("nl", "Wat is dit voor bot?"),
        ("nl", "ben je een robot?"),
        ("en", "what is this bot?"),
        ("en", "Who are you?"),
        ("en", "are you a real person?"),
    ],
)
async def test_a_seeker_asking_what_the_bot_is_gets_told(
    harness: Harness, language: str, text: str
) -> None:
    seeker = harness.user(7601)
    await onboard(seeker, language=language)
    said = "\n".join(m.text for m in await seeker.send(text))
    assert CHATBOT[language] in said
    assert "/help" in said or "/vragenlijst" in said or "/questionnaire" in said


async def test_mid_questionnaire_the_question_comes_back_after_the_answer(
    harness: Harness,
) -> None:
    seeker = harness.user(7602)
    await onboard(seeker)
    question = (await seeker.send("/vragenlijst"))[-1].text
    replies = await seeker.send("wie ben jij?")
    assert CHATBOT["nl"] in replies[0].text
    assert replies[-1].text == question


async def test_an_employer_asking_what_the_bot_is_gets_told_in_u_form(harness: Harness) -> None:
    employer = harness.user(7603)
    await onboard(employer, role="employer")
    said = "\n".join(m.text for m in await employer.send("wat is dit voor bot"))
    assert "weet ik helaas niet" not in said
    assert "chatbot" in said
