"""Harmless answers raised crisis lines (tester): 'family and friends' and 'my wife and the
moskee' to "Zijn er mensen die je helpen?" got Veilig Thuis and a shelter bed; 'a little bit,
energie rekening' the eviction text. 'nu nog bij hem maar vannacht durf ik niet naar huis'
got Veilig Thuis without the bed for tonight; 'hoe kan ik werk vinden met schulden?
deurwaarder komt morgen' got the money help and its question was dropped."""

from __future__ import annotations

import pytest

from tests.conftest import Harness, onboard
from tests.features.questionnaire.test_questionnaire_flow import (
    READY,
    answer_for,
    start_questionnaire,
)

HELP_WORDS = ("Veilig Thuis", "0800-2000", "slaapplek", "Geldfit", "112")


@pytest.mark.parametrize(
    "typed", ["family and friends", "my wife and the moskee", "mijn vrouw en de moskee helpen mij"]
)
async def test_regression_naming_the_people_who_help_raises_no_crisis_line(
    harness: Harness, typed: str
) -> None:
    ann = await start_questionnaire(harness, 340)
    current = ann.inbox()[-1].text
    for _ in range(40):
        if "mensen die je helpen" in current:
            break
        current = (await ann.send(answer_for(current, READY)))[-1].text
    replies = await ann.send(typed)
    said = " ".join(reply.text for reply in replies)
    assert not any(word in said for word in HELP_WORDS), said


async def test_regression_afraid_to_go_home_tonight_gets_a_bed_too(harness: Harness) -> None:
    eva = harness.user(341)
    await onboard(eva)
    replies = await eva.send("nu nog bij hem maar vannacht durf ik niet naar huis")
    said = " ".join(reply.text for reply in replies)
    assert "Veilig Thuis" in said and "bed voor vannacht" in said


async def test_regression_a_question_beside_a_bailiff_is_answered_after_the_help(
    harness: Harness,
) -> None:
    bob = harness.user(342)
    await onboard(bob)
    replies = await bob.send("hoe kan ik werk vinden met schulden? deurwaarder komt morgen")
    assert "Geldfit" in replies[0].text
    assert "Kan ik gaan werken als ik schulden heb?" in replies[-1].text
