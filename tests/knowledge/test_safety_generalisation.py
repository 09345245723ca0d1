"""Fresh wording still gets crisis help: the detector combines meaning components (a partner
and hitting, no food and days, not breathing ...) in every language instead of only knowing
whole phrases, and a weaker signal gets one 'just in case' line instead of the full reply."""

from __future__ import annotations

import pytest

from powbot.knowledge.safety import SafetyContent
from tests.knowledge.safety_support import PLACES, taught

# Written for this test; none is an example, a phrase or in a bench set.
FRESH = [
    ("mój chłopak mnie bije i grozi nożem", "unsafe_home", "pl", "0800-2000"),
    ("mijn vriend knijpt in mijn keel als hij dronken is", "unsafe_home", "nl", "0800-2000"),
    ("ik heb al drie dagen niks te eten voor de kinderen", "no_food", "nl", "Voedselbank"),
    ("mijn huisgenote ligt op de grond en ademt niet", "medical", "nl", "112"),
    ("ik slaap al vijf nachten in mijn auto", "no_shelter", "nl", "Nachtopvang"),
    ("my brother is beating me and my mom", "unsafe_home", "en", "0800-2000"),
]


def test_the_fresh_messages_are_not_examples() -> None:
    examples = taught()
    assert not {text for text, *_ in FRESH} & examples


@pytest.mark.parametrize(("text", "kind", "lang", "number"), FRESH)
def test_fresh_wording_gets_the_full_help_in_their_language_and_in_dutch(
    safety: SafetyContent, text: str, kind: str, lang: str, number: str
) -> None:
    hit = safety.check(text)
    assert hit is not None and not hit.possible, text
    assert kind in hit.kinds and hit.language == lang
    assert number in safety.help_text(lang, hit, PLACES)
    assert number in safety.help_text("nl", hit, PLACES)


def test_a_hungry_lunch_question_gets_one_line_about_food_help_not_the_crisis_reply(
    safety: SafetyContent,
) -> None:
    hit = safety.check("ik heb honger, hoe laat is de pauze")
    assert hit is not None and hit.possible and hit.kinds == ("no_food",)
    line = safety.possible_text("nl", hit, PLACES)
    assert "Voedselbank" in line and "Wat fijn dat je het vertelt" not in line


def test_a_job_question_with_a_crisis_word_is_at_most_a_possible_crisis(
    safety: SafetyContent,
) -> None:
    hit = safety.check("ik zoek werk als deurwaarder")
    assert hit is None or hit.possible


def test_a_possible_self_harm_line_names_113_in_english(safety: SafetyContent) -> None:
    hit = safety.check("i cut myself while cooking dinner")
    assert hit is not None and hit.possible and "suicide" in hit.kinds
    assert "113" in safety.possible_text("en", hit, PLACES)


# Round 2: written for these tests; none is an example, a phrase or in a bench set.
LONE_KEYWORDS = [
    "ik ben moe van het leven in de grote stad, liever een dorp",
    "i slept in the car on the way to rotterdam",
    "my dad beat me at darts again",
]


@pytest.mark.parametrize("text", LONE_KEYWORDS)
def test_a_crisis_word_in_ordinary_wording_never_gets_the_full_crisis_reply(
    safety: SafetyContent, text: str
) -> None:
    hit = safety.check(text)
    assert hit is None or hit.possible, text


FRESH_FOREIGN = [
    ("bidi amoot w khalas", "suicide", "ar", "113"),  # Arabizi
    ("ابوي بيضربني كل ليلة", "unsafe_home", "ar", "0800-2000"),
    ("nemikham dige zende basham", "suicide", "fa", "113"),  # Finglish
    ("kocam beni dovuyor, eve gitmeye korkuyorum", "unsafe_home", "tr", "0800-2000"),
    ("ሰብኣየ ይወቕዓኒ ኣሎ ሎሚ", "unsafe_home", "ti", "0800-2000"),
    ("hooyaday ma neefsaneyso", "medical", "so", "112"),
]


@pytest.mark.parametrize(("text", "kind", "lang", "number"), FRESH_FOREIGN)
def test_fresh_foreign_wording_gets_the_help_in_that_language(
    safety: SafetyContent, text: str, kind: str, lang: str, number: str
) -> None:
    hit = safety.check(text)
    assert hit is not None and kind in hit.kinds, text
    assert hit.language == lang
    assert number in (
        safety.possible_text(lang, hit, PLACES)
        if hit.possible
        else safety.help_text(lang, hit, PLACES)
    )


def test_a_calm_context_does_not_soften_a_partner_hitting(safety: SafetyContent) -> None:
    hit = safety.check("mijn man slaat me als ik terugkom van de cursus")
    assert hit is not None and not hit.possible and "unsafe_home" in hit.kinds
