"""Round 13: the crisis model's `none` class gives a second opinion on the whole message
(powbot/knowledge/safety_opinion.py), and whole situation classes became meaning components.

- The kinds split the crisis examples six ways; the `none` class sees them all. A message the
  model calls 'not ordinary' while no kind reached its line (a mortgage months behind: money
  second after no_shelter; insulin run out: medical behind money) got nothing; it now gets the
  line naming every kind near the strongest.
- A full alarm the `none` class firmly calls ordinary (a cut-off for a new heat pump, an
  overdraft until payday) gets the line instead, unless a firm combination or a vulnerable
  person holds it.
- A vital medicine run out, a question how much is deadly, self-harm started again, and
  'better off without me' in the other languages: components in all nine languages.
Fresh wording: none of these sentences is in a bench set.
"""

from __future__ import annotations

import pytest

from powbot.config import PACKAGE_KNOWLEDGE_DIR
from powbot.knowledge import safety_opinion
from powbot.knowledge.safety import SafetyContent, load_safety
from powbot.knowledge.safety_concepts import EMPTY, Concepts
from powbot.knowledge.safety_model import NONE


@pytest.fixture(scope="module")
def safety() -> SafetyContent:
    return load_safety(PACKAGE_KNOWLEDGE_DIR)


def _no_veto(kinds: set[str], *_: object) -> set[str]:
    return kinds


def _scores(none: float, **kinds: float) -> dict[str, float]:
    base = dict.fromkeys(
        ("suicide", "unsafe_home", "no_shelter", "no_food", "money", "medical"), -1.5
    )
    return {**base, **kinds, NONE: none}


def _opinion(
    alarm: set[str],
    possible: set[str],
    scores: dict[str, float],
    concepts: Concepts = EMPTY,
    tags: frozenset[str] = frozenset(),
) -> tuple[set[str], set[str]]:
    return safety_opinion.second_opinion(alarm, possible, tags, concepts, lambda: scores, _no_veto)


def test_not_ordinary_names_every_kind_near_the_strongest() -> None:
    alarm, possible = _opinion(set(), set(), _scores(-0.6, no_shelter=-0.3, money=-0.6))
    assert alarm == set() and possible == {"no_shelter", "money"}


def test_a_wrong_kind_line_gets_the_neighbouring_kind_too() -> None:
    _, possible = _opinion(set(), {"no_shelter"}, _scores(-0.4, no_shelter=-0.1, money=-0.4))
    assert possible == {"no_shelter", "money"}


def test_the_model_calling_it_ordinary_adds_nothing() -> None:
    assert _opinion(set(), set(), _scores(0.3, money=-0.3)) == (set(), set())


def test_too_short_to_judge_changes_nothing() -> None:
    got = safety_opinion.second_opinion(
        {"money"}, set(), frozenset(), EMPTY, lambda: None, _no_veto
    )
    assert got == ({"money"}, set())


def test_a_full_alarm_the_model_calls_ordinary_becomes_the_line() -> None:
    assert _opinion({"money"}, set(), _scores(0.5, money=0.4)) == (set(), {"money"})


def test_a_firm_combination_keeps_the_full_reply_without_asking_the_model(
    safety: SafetyContent,
) -> None:
    tags = frozenset({"suicide_word"})  # a firm component, an alarm on its own

    def scores() -> dict[str, float]:
        raise AssertionError("the model was asked")

    got = safety_opinion.second_opinion({"suicide"}, set(), tags, safety.concepts, scores, _no_veto)
    assert got == ({"suicide"}, set())


def test_no_food_line_from_the_none_class_in_a_calm_context(safety: SafetyContent) -> None:
    tags = safety.concepts.tag("ik heb niet geluncht want ik had een vergadering")
    assert safety.concepts.is_calm(tags)
    scores = _scores(-0.4, no_food=-0.2, money=-0.5)
    assert _opinion(set(), set(), scores, safety.concepts, tags) == (set(), {"money"})


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("mijn insuline is al op sinds zaterdag en ik word steeds duizeliger", "medical"),
        ("my daughter's inhaler ran out two days ago and she keeps wheezing", "medical"),
        ("insülinim bitti, iki gündür kendimi çok kötü hissediyorum", "medical"),
        ("Skończyła mi się insulina w piątek i bardzo źle się czuję", "medical"),
        ("hoeveel slaappillen zijn dodelijk als je ze allemaal tegelijk neemt", "suicide"),
        ("weer begonnen met krassen na het gesprek, deze keer dieper", "suicide"),
        ("wszystkim będzie lepiej beze mnie, naprawdę", "suicide"),
        ("herkes bensiz daha iyi olacak, artık yoruldum", "suicide"),
        ("الكل رح يكون احسن بدوني، تعبت", "suicide"),
    ],
)
def test_situation_classes_get_the_right_help(safety: SafetyContent, text: str, kind: str) -> None:
    hit = safety.check(text)
    assert hit is not None and kind in hit.kinds, hit
