"""Round 10: a message about the news ('ik zag op het journaal dat er steeds meer daklozen
zijn', 'op het nieuws: een man had zijn vrouw geslagen') got a crisis line or the full reply, as
if the writer were in it. The news now counts as a report of others, like a film or a song
(concepts.yaml `fiction`); a crisis of the writer's own, or news with 'now' or 'again', still
gets help."""

from __future__ import annotations

import pytest

from powbot.config import PACKAGE_KNOWLEDGE_DIR
from powbot.knowledge.safety import SafetyContent, load_safety


@pytest.fixture(scope="module")
def safety() -> SafetyContent:
    return load_safety(PACKAGE_KNOWLEDGE_DIR)


def test_the_news_about_homeless_people_gets_no_crisis_line(safety: SafetyContent) -> None:
    assert safety.check("ik zag op het journaal dat er steeds meer daklozen zijn") is None


def test_the_news_about_a_man_hitting_his_wife_gets_no_full_crisis_reply(
    safety: SafetyContent,
) -> None:
    hit = safety.check("ik zag op het nieuws dat een man zijn vrouw had geslagen, vreselijk")
    assert hit is None or hit.possible


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("mijn man heeft me vandaag weer geslagen, ik ben bang", "unsafe_home"),
        ("we worden morgen uit huis gezet, de deurwaarder komt om 9 uur", "money"),
    ],
)
def test_the_writers_own_crisis_still_gets_the_full_reply(
    safety: SafetyContent, text: str, kind: str
) -> None:
    hit = safety.check(text)
    assert hit is not None and not hit.possible and kind in hit.kinds, text
