"""The short result with 'meer tips' and the crisis help again; the terminal chat takes a bare
number at a number question as that number."""

from __future__ import annotations

import io

from powbot.bot.localchat import chat
from tests.conftest import Harness, make_settings
from tests.features.questionnaire.test_questionnaire_flow import READY, fill_in, start_questionnaire


async def test_a_short_result_with_more_tips_and_the_crisis_help_again(harness: Harness) -> None:
    gi = await start_questionnaire(harness, 320)
    answers = dict(READY)
    answers.update(
        {
            "veilig thuis": "nee",  # unsafe at home: urgent help at once
            "schulden waar je je zorgen": "ja",
            "hulp bij je schulden": "nee",
            "Hoe goed spreek je": "1",
            "Hoe goed lees je": "1",
            "post, rekeningen en toeslagen": "nee, dat is lastig",
        }
    )
    await fill_in(gi, answers)
    inbox = gi.inbox()
    at = next(i for i, s in enumerate(inbox) if "werkfit-profiel (" in s.text)
    profile = inbox[at]
    assert "Eerst andere dingen regelen" in profile.text
    assert profile.text.count("\n• ") == 3  # the three most important steps
    assert "0800-2000" in profile.text  # Veilig Thuis comes first
    again = inbox[at + 1].text
    assert "hulp van eerder" in again and "0800-2000" in again
    tips = await gi.press("Meer tips", profile)
    assert tips[-1].text.count("\n• ") > 3 and "Taalhuis" in tips[-1].text


async def test_local_chat_a_bare_number_at_a_number_question_is_that_number(
    sqlite_url: str,
) -> None:
    settings = make_settings(sqlite_url)
    script = "\n".join(["/start", "Nederlands", "Ik zoek werk", "Ja", "/vragenlijst", "5", "2", ""])
    out = io.StringIO()
    await chat(settings, 330, "Ann", io.StringIO(script), out)
    shown = out.getvalue()
    # '2' at 'Hoeveel uur per week' is 2 hours, not the second button (Pauze).
    assert "Gepauzeerd" not in shown
    assert "Hoeveel jaar heb je al gewerkt" in shown
