"""Round 15: the classes half A of crisis18 (dev14) got only the one-line hint for, in the new
voice (letters from older people, employers reporting, a crisis played down or told in
passing): ending 'it' tonight and not answering, a farewell message and silence, a bleeding
that does not stop, a seizure longer than five minutes, the bailiff at the door now, cigarette
burns on a child, screams with a death threat next door, sleeping in a storeroom.
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


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "mijn collega zei dat hij er vanavond een eind aan maakt en nu neemt hij niet op",
            "suicide",
        ),
        ("моя подруга надіслала прощальне повідомлення і не бере трубку", "suicide"),
        ("ik heb me gesneden aan een blik en het bloedt en het stopt niet", "medical"),
        (
            "mijn buurvrouw heeft een epileptische aanval, het duurt al meer dan 5 minuten",
            "medical",
        ),
        ("komornik jest teraz pod drzwiami i chce zabrać lodówkę", "money"),
        (
            "the girl next door has cigarette burns on her hands and says her dad does it",
            "unsafe_home",
        ),
        ("yan daireden çığlıklar geliyor, adam 'seni öldüreceğim' diye bağırıyor", "unsafe_home"),
    ],
)
def test_dev14_classes_get_the_full_crisis_reply(
    safety: SafetyContent, text: str, kind: str
) -> None:
    assert text.casefold() not in taught()
    hit = safety.check(text)
    assert hit is not None and not hit.possible and kind in hit.kinds, (text, hit)
