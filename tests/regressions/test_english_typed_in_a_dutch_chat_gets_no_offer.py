"""A job seeker whose chat was in Dutch wrote 'what is privé? i not understand' at a
question and got only Dutch replies, with no sign that the chat speaks English (tester).
Text the bot does not understand, clearly in its other language, gets a line in that
language saying so, with how to switch."""

from __future__ import annotations

from tests.conftest import Harness, onboard
from tests.features.questionnaire.test_questionnaire_flow import start_questionnaire


async def test_regression_english_typed_in_a_dutch_chat_gets_an_english_offer(
    harness: Harness,
) -> None:
    sam = await start_questionnaire(harness, 350)
    replies = await sam.send("what is privé? i not understand")
    assert "I can also talk with you in English" in replies[-1].text
    assert any("Hoe graag wil je" in reply.text for reply in replies)  # the question stays


async def test_regression_dutch_typed_in_an_english_chat_gets_a_dutch_offer(
    harness: Harness,
) -> None:
    eva = harness.user(351)
    await onboard(eva, language="en")
    await eva.press("Work-readiness questionnaire")
    replies = await eva.send("mijn fiets is kapot en ik ben heel moe van de bus")
    said = " ".join(reply.text for reply in replies)
    assert "Ik kan ook Nederlands met je praten" in said
