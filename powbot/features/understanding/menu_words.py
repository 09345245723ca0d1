"""A main-menu item asked for in words: 'vacatures', 'profiel', 'clienten', 'client toevoegen'.

The menu is a step with buttons, and people type what a button says (or part of it, or
without its accents) instead of pressing it; at the menu that used to get "Dat weet ik
helaas niet". A short message is matched against the labels of the role's menu items and
the words the catalog lists for each (understanding.menu_words_<item id>, both languages),
much as a step matches its buttons; a longer one that is not a question only by a listed phrase
of two or more words ('ik wil een nieuwe client toevoegen').
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from powbot.conversation.context import Ctx
from powbot.conversation.registry import MenuItem
from powbot.features.menu import menu_items
from powbot.features.understanding.intents import looks_like_question
from powbot.knowledge.catalog import Catalog
from powbot.knowledge.text import normalise

LANGUAGES = ("nl", "en")
LABEL_WORDS = 3  # up to this many words: matched like a typed button label
PHRASE_WORDS = 8  # up to this many: a listed phrase inside the message
TYPO_SCORE = 90  # 'vacaturess', 'vragnelijst'


def typed_menu_item(ctx: Ctx, text: str) -> MenuItem | None:
    return item_named(ctx.content.catalog, menu_items(ctx), text)


def item_named(catalog: Catalog, menu: Sequence[MenuItem], text: str) -> MenuItem | None:
    """The one item of `menu` this text asks for, or None."""
    words = normalise(text).split()
    if text.lstrip().startswith("/") or not words or len(words) > PHRASE_WORDS:
        return None
    items = {item.id: item for item in menu}
    if len(words) <= LABEL_WORDS:
        said = {item_id: _phrases(catalog, item, labels=True) for item_id, item in items.items()}
        key = _strict_choice(" ".join(words), said)
        return items[key] if key is not None else None
    if looks_like_question(text):
        return None  # 'wat is open hiring', 'what is the point of the questionnaire': the FAQ
    padded = f" {' '.join(words)} "
    found = {
        item_id
        for item_id, item in items.items()
        for phrase in _phrases(catalog, item, labels=False)
        if " " in phrase and f" {phrase} " in padded
    }
    return items[found.pop()] if len(found) == 1 else None


def _phrases(catalog: Catalog, item: MenuItem, labels: bool) -> list[str]:
    """The item's listed words (and its labels), in both languages, normalised."""
    key = f"understanding.menu_words_{item.id}"
    phrases: list[str] = []
    for lang in LANGUAGES:
        if labels:
            phrases.append(normalise(catalog.t(lang, item.label_key)))
        if catalog.has(key):
            phrases += [normalise(word) for word in catalog.t(lang, key).split(",")]
    return [phrase for phrase in dict.fromkeys(phrases) if phrase]


def _strict_choice(said: str, phrases: dict[str, list[str]]) -> str | None:
    """Like a step's buttons, but stricter, since the text may be an answer that went wrong
    ('banaan' at a 1-5 question is no typo of 'banen'): a whole phrase, every typed word a
    word of one item's phrase, a start of a phrase (4+ letters), or a typo of 8+ letters."""
    tests = (
        lambda p: p == said,
        lambda p: all(word in p.split() for word in said.split()),
        lambda p: len(said) >= 4 and p.startswith(said),
        lambda p: len(said) >= 8 and fuzz.ratio(said, p) >= TYPO_SCORE,
    )
    for fits in tests:
        hits = {key for key, options in phrases.items() if any(fits(p) for p in options)}
        if hits:
            return hits.pop() if len(hits) == 1 else None
    return None
