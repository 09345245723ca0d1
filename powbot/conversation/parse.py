"""One generous parser for what people type and what callbacks carry.

Pure functions, no database, no transport: each takes the raw text (and, where meaning
depends on it, the choices or `today`) and returns a value or None. A parse that is only
partly sure says so — a range (`NumberRange`) or a list with unknown parts (`ListParse`) — so
the caller asks instead of silently keeping half. Language words live in
`powbot/conversation/words/<lang>.yaml`; dates, clock times and durations in `parse_when`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process

from powbot.conversation.words import words

# One id parser for the whole app (callback data, flow state, typed ids).
from powbot.domain.ids import MAX_ID as MAX_ID
from powbot.domain.ids import parse_id as parse_id
from powbot.knowledge.text import normalise

T = TypeVar("T")
YES_EMOJI = ("👍", "✅", "👌", "✔", "☑", "🙂", "😊", "😀", "🆗", "💯")
NO_EMOJI = ("👎", "❌", "✖", "🙅", "⛔", "🚫")
_REPEATS = re.compile(r"(\w)\1+")
_DIGIT_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")


# --- words ------------------------------------------------------------------------------


def _squeeze(text: str) -> str:
    """'jaaa' -> 'ja', 'neee' -> 'ne': letters typed more than once count once."""
    return _REPEATS.sub(r"\1", text)


@cache
def _squeezed(name: str) -> frozenset[str]:
    return frozenset(_squeeze(phrase) for phrase in words().of(name))


def _phrase_in(text: str, name: str) -> bool:
    """The whole (normalised) text is one of the list's phrases, also with letters held down."""
    return text in words().of(name) or _squeeze(text) in _squeezed(name)


def parse_yes_no(text: str) -> bool | None:
    """'ja', 'jaa', 'ja hoor', 'yes', 'ok', '👍' -> True; 'nee', 'no', 'nope', '👎' -> False."""
    # Without spaces, variation selectors and skin tones: '👍🏻' is '👍'.
    emoji = re.sub(r"[\s\ufe0f\U0001f3fb-\U0001f3ff]", "", text)
    if emoji and all(ch in YES_EMOJI for ch in emoji):
        return True
    if emoji and all(ch in NO_EMOJI for ch in emoji):
        return False
    said = normalise(text)
    if not said:
        return None
    for answer, name in ((False, "no"), (True, "yes")):
        if _phrase_in(said, name):
            return answer
    first, *rest = said.split()
    if _phrase_in(first, "no"):
        return False
    if _phrase_in(first, "yes"):
        # 'okay, little tired because children' is a story, not a yes: a word that only
        # acknowledges ('ok', 'prima', 'fine') counts as yes alone or with a word or two.
        return True if len(rest) <= 3 or not _phrase_in(first, "acknowledgements") else None
    return None


def is_decline(text: str) -> bool:
    """'liever niet', 'zeg ik liever niet', 'rather not say', 'prefer not to say'."""
    said = normalise(text)
    return bool(said) and any(
        said == phrase or said.startswith(phrase + " ") for phrase in words().of("decline")
    )


def is_unclear(text: str) -> bool:
    """'ik snap de vraag niet', 'weet ik niet', 'what do you mean?': not an answer gone wrong
    but a question that needs explaining (or an answer the person is unsure of)."""
    said = normalise(text)
    if not said or len(said.split()) > 8:
        return False
    lexicon = words().of("unclear")
    fillers = words().of("unclear_fillers")  # 'ik weet het nog niet', "I don't know yet"
    return said in lexicon or " ".join(w for w in said.split() if w not in fillers) in lexicon


def is_why(text: str) -> bool:
    """'waarom?', 'hoezo', 'why do you ask' — a short question about the question."""
    said = normalise(text)
    if not said or len(said.split()) > 6:
        return False
    lexicon = words().of("why")
    return said in lexicon or said.split()[0] in {"waarom", "why", "hoezo"}


# --- numbers ----------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberRange:
    """'24 tot 32': two numbers where one is wanted. Never pick one silently: ask."""

    low: float
    high: float


@cache
def _number_words() -> dict[str, int]:
    lexicon = words()
    table = dict(lexicon.map("numbers"))
    table.update(lexicon.map("tens"))
    for tens_word, tens in lexicon.map("tens").items():
        for unit_word, unit in lexicon.map("numbers").items():
            if 1 <= unit <= 9:
                for joiner in lexicon.of("compound_joiners"):
                    table.setdefault(unit_word + joiner + tens_word, tens + unit)
                    table.setdefault(unit_word + "e" + joiner + tens_word, tens + unit)
    return table


def word_number(token: str) -> float | None:
    """One token as a number: '40', '7,5', 'veertig', 'vijfentwintig', '4e', 'forty'."""
    token = token.replace(",", ".")
    if _DIGIT_NUMBER.match(token):
        return float(token)
    for suffix in sorted(words().of("ordinal_suffixes"), key=len, reverse=True):
        stem = token.removesuffix(suffix)
        if stem != token and stem.isdigit():
            return float(stem)
    value = _number_words().get(token)
    return float(value) if value is not None else None


def tokens(text: str) -> list[str]:
    """Normalised words, keeping decimal numbers whole ('1,5 uur' -> ['1.5', 'uur'])."""
    kept = re.sub(r"(\d)[.,](\d)", r"\1DECIMAL\2", text.casefold())
    return [token.replace("decimal", ".") for token in normalise(kept).split()]


def numbers_in(parts: Sequence[str]) -> list[tuple[int, float]]:
    """(position, value) of every number in the tokens; 'twenty five' counts as one."""
    found: list[tuple[int, float]] = []
    tens = set(words().map("tens"))
    index = 0
    while index < len(parts):
        value = word_number(parts[index])
        if value is None or parts[index] in ("a", "an", "een", "geen", "none"):
            index += 1
            continue
        if parts[index] in tens and index + 1 < len(parts):
            unit = word_number(parts[index + 1])
            if unit is not None and 1 <= unit <= 9 and not parts[index + 1][0].isdigit():
                value += unit
                index += 1
        found.append((index, value))
        index += 1
    return found


def _number_or_range(
    parts: list[str], found: list[tuple[int, float]]
) -> float | NumberRange | None:
    if not found:
        return None
    if len(found) == 1:
        return found[0][1]
    (first_at, low), (second_at, high) = found[0], found[1]
    between = " ".join(parts[first_at + 1 : second_at])
    range_words = words().of("range_words") | words().of("list_words")
    if not between or between in range_words or parts[0] in words().of("between"):
        return NumberRange(min(low, high), max(low, high))
    return None  # two numbers in a sentence: too unsure to pick either


def parse_number(text: str) -> int | float | NumberRange | None:
    """'40', 'veertig', 'ongeveer 40 uur', 'forty' -> 40; '24 tot 32', '24-32', 'tussen 24 en
    32' -> NumberRange(24, 32). Whole numbers come back as int."""
    spaced = re.sub(r"(\d)\s*[-–—/]\s*(\d)", r"\1 tot \2", text)
    parts = tokens(spaced)
    found = [(at, value) for at, value in numbers_in(parts)]
    if not found and parts and parts[0] in ("een", "a", "an", "one"):
        return None
    result = _number_or_range(parts, found)
    if isinstance(result, float) and result.is_integer():
        return int(result)
    return result


def number_stands_alone(text: str) -> bool:
    """Only a number (or range) and words about it ('ongeveer 24 uur per week', 'we need 3
    people'); not one picked out of other words ('Stationsstraat 1, Utrecht'), which a
    caller confirms before keeping it."""
    parts = tokens(re.sub(r"(\d)\s*[-–—/]\s*(\d)", r"\1 tot \2", text))
    at_numbers = {at for at, _ in numbers_in(parts)}
    context = words().of("number_context") | words().of("range_words") | words().of("between")
    return bool(at_numbers) and all(
        at in at_numbers or part in context for at, part in enumerate(parts)
    )


# --- choices ----------------------------------------------------------------------------


def match_choice(text: str, choices: Mapping[str, Sequence[str]]) -> str | None:
    """The key whose labels (or synonyms) the text means: an exact label, a unique start of a
    label ('ok' for 'Okay', 'fie' for 'Fiets'), or a label with a small typo."""
    said = normalise(text)
    if not said:
        return None
    labels = [(key, normalise(label)) for key, options in choices.items() for label in options]
    exact = {key for key, label in labels if label == said or _squeeze(label) == _squeeze(said)}
    if len(exact) == 1:
        return exact.pop()
    if len(said) >= 2:
        starts = {key for key, label in labels if label.startswith(said)}
        if len(starts) == 1:
            return starts.pop()
    fuzzy = process.extractOne(
        said, [label for _, label in labels], scorer=fuzz.ratio, score_cutoff=80
    )
    if fuzzy is not None:
        return labels[fuzzy[2]][0]
    return _all_words_in_label(said, labels) or _label_inside(said, labels)


def _all_words_in_label(said: str, labels: list[tuple[str, str]]) -> str | None:
    """'bus' for 'Bus, tram of trein': every typed word (typos allowed) is a word of the label.
    Only when one key is the clear winner, so a vague word never picks an option at random."""
    if len(said) < 3:
        return None
    typed = said.split()
    hits = {
        key
        for key, label in labels
        if all(
            process.extractOne(word, label.split(), scorer=fuzz.ratio, score_cutoff=85)
            for word in typed
        )
    }
    return hits.pop() if len(hits) == 1 else None


def _label_inside(said: str, labels: list[tuple[str, str]]) -> str | None:
    """'heel graag hoor, ik zit al 6 jaar thuis' for 'Heel graag', 'net aan, de bijstand is
    krap' for 'Net aan': one label said inside a longer answer. Not after a negation ('niet
    zo graag' is not 'Graag'), and a label inside a longer one said ('graag' in 'heel graag')
    does not count beside it; two different labels said is no answer."""
    padded = f" {said} "
    inside = {
        (key, label)
        for key, label in labels
        if len(label) >= 4
        and f" {label} " in padded
        and not _negated(padded.split(f" {label} ", 1)[0].split()[-2:])
    }
    longest = {
        key
        for key, label in inside
        if not any(label != other and f" {label} " in f" {other} " for _, other in inside)
    }
    return longest.pop() if len(longest) == 1 else None


def _negated(before: list[str]) -> bool:
    return bool(set(before) & words().of("negations"))


@dataclass
class ListParse(Generic[T]):
    """What a list answer ('fiets, bus') gave: the parts understood and those not."""

    found: list[T] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        return bool(self.found) and bool(self.unknown)


def split_list(text: str) -> list[str]:
    """'fiets, bus en trein' -> ['fiets', 'bus', 'trein']; '1 3' -> ['1', '3']."""
    joiners = "|".join(sorted(map(re.escape, words().of("list_words")), key=len, reverse=True))
    pieces = re.split(rf"[,;/+&\n]|\s(?:{joiners})\s", text.casefold())
    parts = [piece.strip(" .!?") for piece in pieces if piece.strip(" .!?")]
    if len(parts) == 1 and all(word.isdigit() for word in parts[0].split()):
        return parts[0].split()
    return parts


def parse_list(text: str, match: Callable[[str], T | None]) -> ListParse[T]:
    """Match each part of a list ('bus, tram of trein' gives one option three times: kept once)."""
    result: ListParse[T] = ListParse()
    for part in split_list(text):
        value = match(part)
        if value is None:
            result.unknown.append(part)
        elif value not in result.found:
            result.found.append(value)
    return result


# Dates, clock times and durations live in their own module (they need `tokens` and
# `numbers_in` above); imported here so callers have one parse module.
from powbot.conversation.parse_when import parse_clock, parse_date, parse_duration  # noqa: E402

__all__ = [
    "ListParse",
    "NumberRange",
    "is_decline",
    "is_why",
    "match_choice",
    "parse_clock",
    "parse_date",
    "parse_duration",
    "parse_id",
    "parse_list",
    "parse_number",
    "parse_yes_no",
    "split_list",
]
