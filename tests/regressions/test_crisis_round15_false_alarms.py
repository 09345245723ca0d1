"""Round 15: full crisis replies to ordinary messages, and the crises they must not cost.

- A planned water or power cut-off ('het water wordt morgen afgesloten vanwege werk aan de
  leiding') got the full money reply: cut-off + water + a date is the arrears combination. A
  cut-off for works, maintenance or the whole street now gets no money help, in every
  language; a cut-off for unpaid bills keeps the full reply, and so does a planned power cut
  with a vulnerable person or the cold named.
- 'Die presentatie was zelfmoord, maar het ging goed' (a task called suicide) got the full
  suicide reply; Turkish 'çorba yaptım, çocuklar bayıldı' (the children loved it) the full
  medical one. Real suicide words and a Turkish child who fainted and does not breathe keep it.
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


PLANNED_CUT_OFFS = [
    "het water wordt morgen afgesloten vanwege werk aan de leiding",
    "vrijdag gaat de stroom in het hele gebouw een paar uur eraf voor onderhoud, mag ik thuis werken",
    "the water is shut off tomorrow for maintenance in our street, can I come at noon instead",
    "jutro wyłączą wodę w całym bloku na kilka godzin, remont rur",
    "завтра планове відключення води, ремонт труб на вулиці",
    "yarın bakım çalışması yüzünden su kesilecek, derse geç kalabilirim",
    "بكرا رح يقطعوا المي بسبب الصيانة بالشارع كله",
    "فردا بخاطر تعمیرات آب قطع میشه",
]


@pytest.mark.parametrize("text", PLANNED_CUT_OFFS)
def test_a_planned_cut_off_gets_no_money_help(safety: SafetyContent, text: str) -> None:
    assert text.casefold() not in taught()
    hit = safety.check(text)
    assert hit is None or "money" not in hit.kinds, (text, hit)


ARREARS_CUT_OFFS = [
    "het water wordt morgen afgesloten omdat ik de rekening niet kan betalen",
    "de energie sluit morgen het gas af, ik heb een achterstand van drie maanden",
    "they will cut off our electricity tomorrow because we couldn't pay the bill",
    "jutro odetną nam gaz, mamy zaległości i nie mam pieniędzy",
]


@pytest.mark.parametrize("text", ARREARS_CUT_OFFS)
def test_a_cut_off_for_arrears_still_gets_the_full_money_reply(
    safety: SafetyContent, text: str
) -> None:
    assert text.casefold() not in taught()
    hit = safety.check(text)
    assert hit is not None and not hit.possible and "money" in hit.kinds, (text, hit)


def test_a_planned_power_cut_for_an_oxygen_machine_keeps_the_help(safety: SafetyContent) -> None:
    text = "morgen gaat de stroom 6 uur eraf voor onderhoud en mijn vader ligt aan de zuurstof"
    hit = safety.check(text)
    assert hit is not None and not hit.possible, hit


@pytest.mark.parametrize(
    "text",
    [
        "dat sollicitatiegesprek was zelfmoord maar ik ben aangenomen",
        "that exam was pure suicide, but I passed",
        "bugün mantı yaptım, misafirler bayıldı",
    ],
)
def test_hyperbole_and_turkish_loved_it_get_no_full_crisis_reply(
    safety: SafetyContent, text: str
) -> None:
    assert text.casefold() not in taught()
    hit = safety.check(text)
    assert hit is None or hit.possible, (text, hit)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ik denk steeds aan zelfmoord", "suicide"),
        ("kızım mutfakta bayıldı, nefes almıyor", "medical"),
        ("babam bayıldı", "medical"),
    ],
)
def test_the_real_crisis_keeps_its_full_reply(safety: SafetyContent, text: str, kind: str) -> None:
    hit = safety.check(text)
    assert hit is not None and not hit.possible and kind in hit.kinds, (text, hit)


@pytest.mark.parametrize(
    "text",
    [
        # 'hopeless' was corrected to 'homeless' (one letter) and got the shelter reply.
        "the intake form asks if I feel hopeless sometimes, what is that for?",
        # A form, a table, an interview 'killing me' (dev14: Persian, Turkish before).
        "این پرسشنامه داره منو میکشه، کی تموم میشه؟",
        "bu anket beni öldürecek, daha kaç soru var?",
        "الجدول رح يقتلني، كم سؤال بقي؟",
        # Asking when the food bank opens, or about a bill one can pay.
        "o której otwiera się bank żywności w Rotterdamie w piątek?",
        "ik kreeg een aanmaning van de gemeente van 45 euro, ik betaal het vrijdag, is dat goed?",
    ],
)
def test_round15_look_alikes_get_no_full_crisis_reply(safety: SafetyContent, text: str) -> None:
    assert text.casefold() not in taught()
    hit = safety.check(text)
    assert hit is None or hit.possible, (text, hit)


def test_hopeless_itself_still_counts(safety: SafetyContent) -> None:
    hit = safety.check("i feel hopeless and i want to die tonight")
    assert hit is not None and not hit.possible and "suicide" in hit.kinds


@pytest.mark.parametrize(
    "text",
    [
        # Persian 'sarmā khordan' (caught a cold) holds 'ate'; hunger before a training;
        # a first-aid course; a goodbye letter to colleagues at the end of a placement.
        "دخترم سرما خورده، فردا نمیتونم بیام کلاس",
        "جوعانة، في غدا بالدورة اليوم؟",
        "op de EHBO-cursus leerden we wat je doet als iemand niet meer ademt, leuk!",
        "ik heb een afscheidsbrief geschreven voor mijn collega's, mag ik die vrijdag voorlezen?",
    ],
)
def test_round15_sealed_look_alikes_get_no_full_crisis_reply(
    safety: SafetyContent, text: str
) -> None:
    assert text.casefold() not in taught()
    hit = safety.check(text)
    assert hit is None or hit.possible, (text, hit)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ما اكلت شي من تلات ايام وما عندي مصاري، ما بقدر اجي عالتدريب", "no_food"),
        ("پسرم سرما خورده و تب بالای ۴۰ داره و نفس نمیکشه", "medical"),
    ],
)
def test_round15_the_crisis_beside_a_look_alike_keeps_its_help(
    safety: SafetyContent, text: str, kind: str
) -> None:
    hit = safety.check(text)
    assert hit is not None and kind in hit.kinds, (text, hit)
