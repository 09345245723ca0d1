"""A job seeker asking for another coach ('ik wil een andere jobcoach want die van mij komt nooit
opdagen') got the full suicide reply: Dutch 'want die' ('because that one') matched the English
'want die' of a non-native writer. Bare 'want die' now needs an English word before it ('i want
die'); 'want to die' and Dutch words for wanting to die still get the full reply, and so does 'I
just want die' with a hardship after it (it got only the one-line help: 'just want' was not
read as wanting)."""

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
        "ik wil een andere jobcoach want die van mij komt nooit opdagen",
        "ik kan morgen niet komen want die bus rijdt niet in het weekend",
        "kan ik een nieuwe fiets krijgen want die is gestolen",
    ],
)
def test_dutch_because_that_one_gets_no_crisis_help(safety: SafetyContent, text: str) -> None:
    assert safety.check(text) is None, text


@pytest.mark.parametrize(
    "text",
    [
        "i want die",
        "I just want die",
        "I just want die, no money no house",  # 'just want' is wanting too: not only the line
        "i want to die",
        "ik wil dood want die schulden worden me te veel",
    ],
)
def test_wanting_to_die_still_gets_the_full_reply(safety: SafetyContent, text: str) -> None:
    hit = safety.check(text)
    assert hit is not None and "suicide" in hit.kinds and not hit.possible, text
