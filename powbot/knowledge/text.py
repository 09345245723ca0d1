"""Text normalisation and matching of typed answers against fixed options."""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz, process

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")

YES_WORDS = frozenset(
    {"ja", "j", "jawel", "jazeker", "zeker", "klopt", "yes", "y", "yep", "yeah", "sure", "ok"}
)
NO_WORDS = frozenset({"nee", "n", "neen", "nope", "no", "nah", "niet"})


def normalise(text: str) -> str:
    """Lower case, no accents, no punctuation, single spaces: 'JA!' -> 'ja'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", _PUNCT.sub(" ", stripped)).strip()


def parse_yes_no(text: str) -> bool | None:
    words = normalise(text).split()
    if not words:
        return None
    if words[0] in YES_WORDS:
        return True
    if words[0] in NO_WORDS:
        return False
    return None


def best_choice(
    text: str, choices: dict[str, list[str]], cutoff: float = 80, *, words_in_label: bool = True
) -> str | None:
    """The key whose labels best match the typed text, allowing small typos. With
    `words_in_label` also a label that holds every typed word, or all of whose words were
    typed (a choice hard to undo turns that off: 'mijn werkgever ...' is not 'werkgever')."""
    wanted = normalise(text)
    if not wanted:
        return None
    flat: list[tuple[str, str]] = [
        (key, normalise(label)) for key, labels in choices.items() for label in labels
    ]
    for key, label in flat:
        if wanted == label:
            return key
    labels = [label for _, label in flat]
    match = process.extractOne(wanted, labels, scorer=fuzz.ratio, score_cutoff=cutoff)
    if match is not None:
        return flat[match[2]][0]
    if len(wanted) < 3 or not words_in_label:
        return None
    # "bus" for "Bus, tram of trein": every typed word is in the label. Only when one
    # key is the clear winner, so a vague word never picks an option at random.
    hits = {key for key, label in flat if fuzz.token_set_ratio(wanted, label) >= 90}
    return hits.pop() if len(hits) == 1 else None


def parse_int(text: str) -> int | None:
    found = re.search(r"-?\d+", text)
    return int(found.group()) if found else None
