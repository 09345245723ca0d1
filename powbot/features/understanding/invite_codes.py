"""A typed invite code, the intent every role and state understands first (intents.py):
the bot's own codes (12 characters of token_urlsafe) and the shorter ones people are given
on a letter ('K7PX2Q', 'PW-4821'), alone or in a short sentence. Never a postcode, date,
phone number or amount, which a person types as an answer."""

from __future__ import annotations

import re

from powbot.knowledge.text import normalise

# The bot's codes: 10+ URL-safe characters with a digit, '-' or '_' or an inner capital.
_CODE = re.compile(r"^[A-Za-z0-9_-]{10,64}$")
_CODE_MARK = re.compile(r"[0-9_-]|.[A-Z]")
CODE_WORDS = frozenset({"code", "koppelcode", "uitnodigingscode", "invite", "invitation"})
NOT_CODE_WORDS = frozenset({"postcode", "pincode", "zipcode", "barcode", "dresscode", "qrcode"})
# A short code: 5-9 letters and digits, one dash allowed.
_SHORT = re.compile(r"^(?=.{5,9}$)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?$")
_POSTCODE = re.compile(r"^[0-9]{4}[A-Za-z]{2}$")
# A Dutch language level ('NT2-B1', 'A2-B1'): an answer about one's Dutch, not a code.
_LEVEL = re.compile(r"^(NT2)?-?([ABC][12])?(-?[ABC][12])?$|^NT2", re.IGNORECASE)
_RUNS = re.compile(r"[A-Z]+|[0-9]+")
MAX_WORDS = 12


def code_in(text: str) -> str | None:
    """The invite code in a short message: the whole text; one code-like word next to a
    word for a code ('mijn code is 1b2l9dweBurY', 'uitnodigingscode 4FG7HQ', 'my coach gave
    me this code: ...'); or, without such a word, one word in capitals that mixes letters and
    digits the way only a code does ('ik kreeg dit van mijn coach: K7PX2Q'). None of 35,000
    ordinary, crisis and FAQ messages of up to 12 words has such a word (2026-12-08)."""
    if looks_like_code(text) or _short_code(text.strip(), capitals=True):
        return text.strip()
    words = text.replace(":", " ").split()
    if len(words) > MAX_WORDS:
        return None
    tokens = [word.strip(".,!?;'\"()") for word in words]
    if any(_names_a_code(normalise(word)) for word in words):
        found = [t for t in tokens if looks_like_code(t) or _short_code(t, capitals=False)]
    else:
        found = [
            t
            for t in tokens
            if (_short_code(t, capitals=True) and _mixed(t)) or _bot_code_in_sentence(t)
        ]
    return found[0] if len(found) == 1 else None


def _bot_code_in_sentence(token: str) -> bool:
    """One of the bot's own codes pasted into a sentence without the word 'code' ('my coach
    gave me this TSoX7vmq6wT4', tester): digits, capitals and small letters mixed in one
    word of 12 or more characters, as no word of a language is written."""
    return (
        len(token) >= 12
        and looks_like_code(token)
        and any(c.isdigit() for c in token)
        and any(c.isupper() for c in token)
        and any(c.islower() for c in token)
    )


def looks_like_code(text: str) -> bool:
    """One of the bot's invite codes (12 characters of token_urlsafe)."""
    token = text.strip()
    has_letter = any(char.isalpha() for char in token)
    return bool(has_letter and _CODE.match(token) and _CODE_MARK.search(token))


def _names_a_code(word: str) -> bool:
    """'code', 'uitnodigingscode', 'activatiecode', 'coachcode'; not 'postcode', 'pincode'."""
    return word in CODE_WORDS or (word.endswith("code") and word not in NOT_CODE_WORDS)


def _short_code(token: str, *, capitals: bool) -> bool:
    """A short code with a digit and a letter; with `capitals` (no word for a code near it)
    in capitals with two letters at least ('K7PX2Q'), which a word, a time or an amount
    never is."""
    if not _SHORT.match(token) or _POSTCODE.match(token) or _LEVEL.match(token):
        return False
    if not any(c.isdigit() for c in token):
        return False
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= (2 if capitals else 1) and (not capitals or token.upper() == token)


def _mixed(token: str) -> bool:
    """Letters and digits in three runs or more ('K7PX2Q', 'AB12CD'); not 'COVID-19', 'NT2'."""
    return len(_RUNS.findall(token)) >= 3
