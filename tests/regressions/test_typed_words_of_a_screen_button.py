"""Regression (tester): on screens outside a conversation, typing a button's words did
nothing useful: "meer tips" under the werkfit profile went to the FAQ. The words of the
buttons last shown now press that button; a longer sentence or a number does not."""

from __future__ import annotations

from tests.conftest import Harness
from tests.features.questionnaire.test_questionnaire_flow import READY, fill_in, start_questionnaire

# Answers that give more next steps than the short result shows, so it has "Meer tips".
MANY_TIPS = {
    **READY,
    "veilig thuis": "nee",
    "schulden waar je je zorgen": "ja",
    "hulp bij je schulden": "nee",
    "Hoe goed spreek je": "1",
    "Hoe goed lees je": "1",
    "post, rekeningen en toeslagen": "nee, dat is lastig",
}


async def test_meer_tips_typed_under_the_profile_shows_the_tips(harness: Harness) -> None:
    gi = await start_questionnaire(harness, 6501)
    await fill_in(gi, MANY_TIPS)
    profile = next(s for s in gi.inbox() if "werkfit-profiel (" in s.text)
    assert any("Meer tips" in label for label, _ in profile.buttons)
    tips = await gi.send("meer tips")
    assert "Alle tips voor jou" in tips[-1].text and "Taalhuis" in tips[-1].text


async def test_a_sentence_holding_the_words_is_not_a_press(harness: Harness) -> None:
    gi = await start_questionnaire(harness, 6502)
    await fill_in(gi, MANY_TIPS)
    said = await gi.send("heb je ook meer tips voor een sollicitatiegesprek bij de bakker")
    assert not any("Alle tips voor jou" in s.text for s in said)
