"""What employers type in the posting form: dates, hour ranges, pay, times, a town in an
address, a contact person. Pure functions, each returning a value or None.

Dates, numbers, ranges and clock times come from the shared parser
(powbot/conversation/parse.py); pay, towns and contacts are Open Hiring's own.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from powbot.conversation.parse import (
    NumberRange,
    number_stands_alone,
    parse_clock,
    parse_date,
    parse_number,
)

AMOUNT = re.compile(r"(\d{1,3})(?:[.,](\d{1,2}))?")
PHONE = re.compile(r"(\+?\d[\d\s\-()]{7,19}\d)")
POSTCODE = re.compile(r"\b\d{4}\s?[a-zA-Z]{2}\b")
MONEY = re.compile(r"€|\beuros?\b|\beur\b|\bbruto\b|\bnetto\b")
SCALE = re.compile(r"\d|\b(schaal|scale|trede|step|loongroep|functiegroep|groep|grade|band)\b")
TOWN = re.compile(r"^(?:['’]s[ -])?[^\W\d_][\w'’.\- ]{1,39}$")  # 's-Hertogenbosch too


def plain(text: str) -> str:
    """Lower case, no accents, single spaces; punctuation stays ('24-32', '7:00', 't/m')."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


def parse_start(text: str, today: date) -> date | None:
    """'12-3-2027', '4 januari', 'morgen', 'volgende maandag' (the shared date parser);
    today or later, within a year."""
    day = parse_date(text, today)
    if day is None or day < today or day > today + timedelta(days=366):
        return None
    return day


def parse_hours(text: str) -> tuple[int, int] | None:
    """(from, to) hours per week: '24' is (24, 24), '24 tot 32' and '24-32' are (24, 32).
    A sum of money ('12 euro', '€ 14,50') is no number of hours (tester: stored as 12)."""
    if MONEY.search(plain(text)):
        return None
    value = parse_number(text)
    if isinstance(value, NumberRange):
        if not (value.low.is_integer() and value.high.is_integer()):
            return None
        return int(value.low), int(value.high)
    if isinstance(value, int):
        return value, value
    return None


def parse_pay(text: str) -> tuple[int | None, str] | None:
    """An hourly wage in cents ('€ 15,50 per uur' is (1550, '')), or a collective agreement's
    scale ('cao-loon schaal 3' is (None, 'cao-loon schaal 3')). None when neither."""
    value = " ".join(text.split())
    cleaned = plain(value)
    if cleaned.startswith(("cao", "c.a.o", "collective")):
        rest = re.sub(r"^(cao|c\.a\.o\.?)[\s\-]*(loon)?", "", cleaned).strip(" ,:-")
        # The scale is what a seeker needs: 'cao bakkers' alone names no pay (tester).
        return (None, value) if len(rest) >= 2 and SCALE.search(rest) else None
    if not number_stands_alone(value.replace("€", " euro ")):
        return None  # 'maandag om half 8' is a time, not a wage of 8 euros
    match = AMOUNT.search(value.replace("€", " "))
    if match is None:
        spelled = parse_number(value)  # 'twaalf euro per uur'
        return (int(spelled) * 100, "") if isinstance(spelled, int) else None
    if re.search(r"\d", value[match.end() :]):
        return None
    cents = int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0"))
    return cents, ""


def parse_time(text: str) -> str | None:
    """'7', '7:00', 'om 7 uur', 'half acht' -> '07:00' style."""
    moment = parse_clock(text)
    return moment.strftime("%H:%M") if moment is not None else None


def town_from_address(address: str) -> str | None:
    """The town at the end of an address ('Dorpsstraat 12, Tiel', 'Dorpsstraat 12, 4001 AB
    Tiel', 'Dorpsstraat 12 Tiel'); None when the address does not end in one."""
    without_postcode = POSTCODE.sub(" ", address)
    if "," in without_postcode:
        head, _, tail = without_postcode.rpartition(",")
    else:
        match = re.fullmatch(r"(.*\d+\s*[a-zA-Z]?)\s+([^\d]+)", without_postcode.strip())
        if match is None:
            return None
        head, tail = match.groups()
    town = " ".join(tail.split())
    if not re.search(r"\d", head) or re.search(r"\d", town) or not TOWN.fullmatch(town):
        return None
    return town_name(town)


# Small words inside Dutch place names that stay lower case ('Alphen aan den Rijn').
TOWN_PARTICLES = frozenset({"aan", "den", "de", "der", "op", "bij", "in", "van", "ter", "ten"})


def town_name(typed: str) -> str:
    """A town typed all in lower case gets its capitals ('tiel' -> 'Tiel', 'bergen op zoom'
    -> 'Bergen op Zoom', 'ijsselstein' -> 'IJsselstein'): vacancy cards and lists showed
    'tiel' (tester). A name typed with any capital is kept as typed."""
    name = " ".join(typed.split())
    if name != name.lower():
        return name
    words = []
    for index, word in enumerate(name.split(" ")):
        if index and word in TOWN_PARTICLES:
            words.append(word)
        elif word.startswith("ij"):
            words.append("IJ" + word[2:])
        else:
            words.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(words)


def parse_contact(text: str) -> tuple[str, str] | None:
    """(name, phone) from 'Petra de Vries, 06 1234 5678' in either order."""
    match = PHONE.search(text)
    if match is None:
        return None
    phone = " ".join(match.group(1).split())
    name = " ".join((text[: match.start()] + " " + text[match.end() :]).split()).strip(" ,-:()")
    if len(name) < 2 or len(re.sub(r"\D", "", phone)) < 8:
        return None
    return name[:80], phone[:30]
