"""Round 16: known misses of the crisis detector.

- Garnishment questions of the FAQ ('Er ligt beslag op mijn uitkering. Blijft dat beslag als ik
  ga werken?') got the full money reply: the tuned set had 'er ligt beslag op mijn loon' as a
  crisis. A garnishment of the wage or benefit is a question about debts; with nothing left to
  live on (no rent, no food, the whole wage gone) it keeps the full reply.
- 'havent eaten since tuesday lol' got only the 'just in case' line (laughter made it a joke);
  days without food or a bed told with a nervous laugh get the full reply, 'jk' does not.
- 'ik heb €3,20 tot volgende week donderdag voor mij en twee kinderen' got nothing: '€' was
  dropped as punctuation; a few euros until a day, with children, is the food help.
Fresh wording: none of these sentences is in a bench set or in the detector's examples.
"""

from __future__ import annotations

import pytest

from powbot.config import PACKAGE_KNOWLEDGE_DIR
from powbot.knowledge.safety import SafetyContent, load_safety
from tests.knowledge.safety_support import taught


@pytest.fixture(scope="module")
def safety() -> SafetyContent:
    return load_safety(PACKAGE_KNOWLEDGE_DIR)


GARNISHMENT_QUESTIONS = [
    "als ik begin met werken, gaat het beslag op mijn uitkering dan over op mijn loon?",
    "hoeveel laat de deurwaarder me over bij loonbeslag als ik 30 uur werk",
    "my employer got a letter about a wage garnishment, will that cost me my job?",
    "kan de werkgever weigeren om loonbeslag in te houden",
]


@pytest.mark.parametrize("text", GARNISHMENT_QUESTIONS)
def test_a_question_about_a_garnishment_gets_no_money_help(
    safety: SafetyContent, text: str
) -> None:
    assert text.casefold() not in taught()
    hit = safety.check(text)
    assert hit is None or "money" not in hit.kinds, (text, hit)


NOTHING_LEFT = [
    ("door het beslag op mijn loon hou ik niks over en de huur van deze maand staat open", "money"),
    ("the bailiff takes my whole salary, nothing left for food for the kids", "no_food"),
]


@pytest.mark.parametrize(("text", "kind"), NOTHING_LEFT)
def test_a_garnishment_that_leaves_nothing_keeps_the_full_reply(
    safety: SafetyContent, text: str, kind: str
) -> None:
    assert text.casefold() not in taught()
    hit = safety.check(text)
    assert hit is not None and not hit.possible and kind in hit.kinds, (text, hit)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("havent eaten since tuesday lol", "no_food"),
        ("no food since sunday haha", "no_food"),
        ("ik slaap al drie nachten in de auto lol", "no_shelter"),
        ("ik heb €3,20 tot volgende week donderdag voor mij en twee kinderen", "no_food"),
        ("ik heb nog €1,80 tot maandag voor mij en mijn zoontje", "no_food"),
        ("i have €2 until friday for me and the baby", "no_food"),
    ],
)
def test_days_without_food_or_a_bed_get_the_full_reply(
    safety: SafetyContent, text: str, kind: str
) -> None:
    hit = safety.check(text)
    assert hit is not None and not hit.possible and kind in hit.kinds, (text, hit)


def test_saying_it_was_a_joke_still_gives_only_the_line(safety: SafetyContent) -> None:
    hit = safety.check("havent eaten since tuesday jk")
    assert hit is not None and hit.possible and "no_food" in hit.kinds
