"""Regression (tester): short answers typed at a step got the 113 "just in case" line or
more: a body that cannot stand long ('ik kan niet meer lang staan en tillen'), an employer's
condition on travel costs ('alleen als het meer dan 10 km is'), a grumpy mood ('meh kut
eerlijk gezegd': 113, Veilig Thuis and the Voedselbank), and sadness about a war with bad
sleep in Arabic (the shelter line). The crisis messages beside them keep their help."""

from __future__ import annotations

import pytest

from tests.conftest import shipped

ORDINARY = [
    "ik kan niet meer lang staan en tillen",
    "ik kan niet meer zo lang staan",
    "alleen als het meer dan 10 km is",
    "meh kut eerlijk gezegd",
    "أشعر بالحزن بسبب الحرب، أحيانا لا أنام",
]
CRISIS = [
    ("ik kan niet meer", "suicide"),
    ("kut leven ik wil dood", "suicide"),
    ("ik slaap vannacht op straat", "no_shelter"),
]


@pytest.mark.parametrize("text", ORDINARY)
def test_an_ordinary_short_answer_gets_no_crisis_line(text: str) -> None:
    assert shipped().safety.check(text) is None


@pytest.mark.parametrize(("text", "kind"), CRISIS)
def test_the_crisis_beside_them_keeps_its_help(text: str, kind: str) -> None:
    hit = shipped().safety.check(text)
    assert hit is not None and not hit.possible and kind in hit.kinds
