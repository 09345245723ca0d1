"""Which language is a free-text message in, when it is not Dutch or English?

Non-Latin scripts are told apart by their characters alone (cheap, no model). Latin-script
text goes to lingua (it ships its own models; low-accuracy mode over a small set of the
languages people in the Netherlands write in), loaded lazily on the first long enough
message, so start-up stays fast. Short or unclear text is never called foreign.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache
from typing import Any

from powbot.knowledge.text import normalise

BOT_LANGUAGES = frozenset({"nl", "en"})
MIN_LETTERS = 12  # shorter text ("ok", "jaa", "hoi") is too little to judge
MIN_WORDS = 3
CONFIDENT = 0.75
MAX_CHARS = 300  # enough to judge; keeps the model's time per message small
# Two or more of these short Dutch/English words: Dutch or English (no model needed). They
# also keep short questions like "Wat is Open Hiring?" from being taken for another language.
_OURS = frozenset(
    "ik je jij u wat wie hoe waar waarom wanneer is een het en van voor met niet geen wil "
    "kan mag moet mijn mij me we wij zijn ben heb heeft hebben ook maar als dat dit er op te "
    "om naar bij hoeveel welke kun kunt i you he she they the an are am was what who how "
    "where why when my to and of for with can do does want have has it this that at be will "
    "would should could your our there here".split()
)

# Script -> language we answer in (Arabic script: Persian when it has Persian-only letters).
_PERSIAN_LETTERS = frozenset("پچژگکی")
_SCRIPT_LANGUAGE = {"CYRILLIC": "uk", "ETHIOPIC": "ti", "ARABIC": "ar"}
# Latin-script languages lingua may answer with; the codes of the others are still reported.
_LATIN = ("nl", "en", "pl", "tr", "so", "de", "fr", "es", "pt", "ro", "it", "hr", "lt", "hu", "id")

_lock = threading.Lock()
_detector: Any = None


def script_language(text: str) -> str | None:
    """The language of a text in a non-Latin script we know, by its letters alone."""
    counts: dict[str, int] = {}
    letters = 0
    for char in text:
        if not char.isalpha():
            continue
        letters += 1
        if ord(char) < 0x250:
            continue  # Latin
        name = unicodedata.name(char, "")
        script = name.split(" ", 1)[0]
        if script in _SCRIPT_LANGUAGE:
            counts[script] = counts.get(script, 0) + 1
    if not counts or sum(counts.values()) * 2 < letters:
        return None
    script = max(counts, key=lambda key: counts[key])
    if script == "ARABIC" and any(char in _PERSIAN_LETTERS for char in text):
        return "fa"
    return _SCRIPT_LANGUAGE[script]


def _build() -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in _LATIN]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()


def detector() -> Any:
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:
                _detector = _build()
    return _detector


def warm_up() -> None:
    """Load the models now (the first detection otherwise takes about a second)."""
    detector().detect_language_of("warm up the language models")


_DUTCH_ONLY = frozenset(
    "ik je jij wat wie hoe waar waarom wanneer een het en van voor met niet geen wil kan "
    "mag moet mijn mij wij zijn ben heb heeft hebben ook maar als dat dit er op te om naar "
    "bij hoeveel welke kun kunt zoek graag".split()
)
_ENGLISH_ONLY = frozenset(
    "i you she they the are am what who how where why when my to and for with can do does "
    "have has it this that at be will would should could your our there here looking need "
    "please".split()
)


def bot_language_of(text: str) -> str | None:
    """'nl' or 'en' when the words are clearly one of the two ('ik zoek werk', 'I need a
    job'): their short everyday words are of that language only (words both languages write,
    such as 'me', 'was', 'want' and 'of', are left out). None when unclear."""
    words = normalise(text).split()
    if len(words) < 2:
        return None
    dutch = sum(word in _DUTCH_ONLY for word in words)
    english = sum(word in _ENGLISH_ONLY for word in words)
    if dutch and not english:
        return "nl"
    if english and not dutch:
        return "en"
    return None


@lru_cache(maxsize=4096)
def foreign_language(text: str) -> str | None:
    """An ISO 639-1 code when the text is clearly in a language other than Dutch or English;
    None for Dutch, English, short or unclear text."""
    by_script = script_language(text)
    if by_script is not None:
        return by_script
    letters = sum(1 for char in text if char.isalpha())
    words = normalise(text).split()
    if letters < MIN_LETTERS or len(words) < MIN_WORDS:
        return None
    if sum(word in _OURS for word in words) >= 2:
        return None
    values = detector().compute_language_confidence_values(text[:MAX_CHARS])
    if not values:
        return None
    best = values[0]
    code = best.language.iso_code_639_1.name.lower()
    if code in BOT_LANGUAGES or best.value < CONFIDENT:
        return None
    ours = sum(v.value for v in values if v.language.iso_code_639_1.name.lower() in BOT_LANGUAGES)
    return code if ours < 0.15 else None
