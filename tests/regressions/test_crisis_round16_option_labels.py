"""Round 16: a button's label typed at another step got a 'just in case' crisis line.

'bouw en techniek', 'zorg en welzijn', 'yes, by myself' or 'nee toch niet' typed at the menu,
in a check-in or at another question than the one that showed them reached the crisis model,
which had never seen them: it named 113, Veilig Thuis or the night shelter under an ordinary
answer. The answer labels of the questionnaire, the check-ins, the forms and the catalog now
train the model as ordinary (safety_labels.py). Crisis messages that share their words ('nee',
'te zwaar', 'stoppen', 'met hulp') keep the full reply.
Fresh wording: none of the crisis sentences is in a bench set or in the detector's examples.
"""

from __future__ import annotations

import pytest

from powbot.config import PACKAGE_KNOWLEDGE_DIR
from powbot.knowledge.safety import SafetyContent, load_safety
from tests.knowledge.safety_support import taught


@pytest.fixture(scope="module")
def safety() -> SafetyContent:
    return load_safety(PACKAGE_KNOWLEDGE_DIR)


@pytest.mark.parametrize(
    "text",
    [
        "bouw en techniek",
        "zorg en welzijn",
        "Care and welfare, Gardening",
        "yes, by myself",
        "Yes, by myself, No",
        "nee toch niet",
        "met de fiets",
        "Helemaal niet, Niet zo",
        "Nee, meer",
        "stopt, It will not be extended",
        "too hard, Te zwaar of te veel",
    ],
)
def test_a_label_typed_anywhere_gets_no_crisis_line(safety: SafetyContent, text: str) -> None:
    assert safety.check(text) is None


CRISES_IN_LABEL_WORDS = [
    ("nee, ik heb vannacht geen bed", "no_shelter"),
    ("ik wil stoppen met leven", "suicide"),
    ("het is te zwaar, ik wil er niet meer zijn", "suicide"),
    ("mijn vriend slaat me weer", "unsafe_home"),
    ("no I have nowhere to sleep tonight", "no_shelter"),
    ("too much, i want to end my life", "suicide"),
    ("we have no food and no money until friday", "no_food"),
    ("mijn vader ligt op de grond en reageert niet", "medical"),
    ("alleen met hulp kan ik nog ademen, ik krijg geen lucht", "medical"),
    ("Ik heb geen plek om te slapen", "no_shelter"),
]


@pytest.mark.parametrize(("text", "kind"), CRISES_IN_LABEL_WORDS)
def test_a_crisis_in_the_words_of_a_label_keeps_the_full_reply(
    safety: SafetyContent, text: str, kind: str
) -> None:
    assert text.casefold() not in taught() or text.startswith("Ik heb geen plek")
    hit = safety.check(text)
    assert hit is not None and not hit.possible and kind in hit.kinds, (text, hit)
