"""Regression (tester): 'ik moet even weg, later verder' mid-questionnaire got "Dat antwoord
ken ik niet"; only the word 'pauze' paused. A short message that says it pauses; the open
question at the end still takes any words as its answer."""

from __future__ import annotations

from tests.conftest import Harness, onboard


async def test_saying_you_must_go_pauses_the_questionnaire(harness: Harness) -> None:
    player = harness.user(8811)
    await onboard(player)
    await player.send("/vragenlijst")
    paused = await player.send("ik moet even weg, later verder")
    said = "\n".join(reply.text for reply in paused)
    assert "Gepauzeerd" in said and "Dat antwoord ken ik niet" not in said
