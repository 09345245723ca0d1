"""Round 10: a parent calling in because a child has a fever ('mijn dochter heeft koorts, ik
kan morgen niet komen') got the 'possible crisis' line about 112: a child and a fever alone
made a possible medical combination. Now it takes days of fever for the line; a limp child or a
seizure with the fever still gets the full reply."""

from __future__ import annotations

import pytest

from powbot.config import PACKAGE_KNOWLEDGE_DIR
from powbot.knowledge.safety import SafetyContent, load_safety


@pytest.fixture(scope="module")
def safety() -> SafetyContent:
    return load_safety(PACKAGE_KNOWLEDGE_DIR)


@pytest.mark.parametrize(
    "text",
    [
        "mijn dochter heeft koorts, ik kan morgen niet naar de training komen",
        "my son has a bit of a fever so I'm working from home today",
        "mijn zoon heeft 38 graden koorts, ik blijf vandaag thuis",
    ],
)
def test_a_child_with_a_fever_as_a_reason_to_stay_home_gets_no_crisis_line(
    safety: SafetyContent, text: str
) -> None:
    assert safety.check(text) is None, text


@pytest.mark.parametrize(
    "text",
    [
        "mijn zoontje heeft 40 graden koorts en is heel slap, hij reageert nauwelijks",
        "my baby has a high fever and had a seizure, she is not waking up properly",
        # 'koortsstuip' (a febrile seizure) is now a seizure component too: with the fever and
        # child alone no longer a combination, it must not rest on the model.
        "ons dochtertje heeft een koortsstuip en ligt te schokken",
    ],
)
def test_a_limp_or_seizing_child_with_a_fever_gets_the_full_reply(
    safety: SafetyContent, text: str
) -> None:
    hit = safety.check(text)
    assert hit is not None and not hit.possible and "medical" in hit.kinds, text


def test_days_of_fever_in_a_child_still_get_a_line(safety: SafetyContent) -> None:
    hit = safety.check("my son has had a fever for four days now and he won't eat")
    assert hit is not None and "medical" in hit.kinds
