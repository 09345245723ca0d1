"""A main-menu item asked for in words: 'vacatures', 'profiel', 'clienten', 'client toevoegen'.

The menu is a step with buttons, and people type what a button says (or part of it, or
without its accents) instead of pressing it; at the menu that used to get "Dat weet ik
helaas niet". A short message is matched against the labels of the role's menu items and
the words the catalog lists for each (understanding.menu_words_<item id>, both languages),
much as a step matches its buttons; a longer one only by a listed phrase of two or more words
('ik wil een nieuwe client toevoegen'), and a question only by a listed question ('wie zijn
mijn clienten').
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process

from powbot.conversation.context import Ctx
from powbot.conversation.registry import MenuItem
from powbot.features.menu import menu_items
from powbot.features.understanding.intents import QUESTION_WORDS, looks_like_question
from powbot.knowledge.catalog import Catalog
from powbot.knowledge.text import normalise

LANGUAGES = ("nl", "en")
LABEL_WORDS = 3  # up to this many words: matched like a typed button label
PHRASE_WORDS = 8  # up to this many: a listed phrase inside the message
TYPO_SCORE = 90  # 'vacaturess', 'vragnelijst'


def typed_menu_item(ctx: Ctx, text: str, *, numbers: bool = False) -> MenuItem | None:
    """`numbers`: a bare number is the menu's button of that place ('1' typed under the
    menu, as Telegram sends it); only outside a conversation, where no step wants a number."""
    menu = menu_items(ctx)
    said = text.strip()
    if numbers and said.isdigit() and 1 <= int(said) <= len(menu):
        return menu[int(said) - 1]
    return item_named(ctx.content.catalog, menu, text)


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
    # A question asks for an item only by a listed question ('wie zijn mijn clienten');
    # 'wat is open hiring', 'what is the point of the questionnaire' are for the FAQ.
    question = looks_like_question(text)
    padded = f" {' '.join(words)} "
    found = {
        item_id
        for item_id, item in items.items()
        for phrase in _phrases(catalog, item, labels=False)
        if " " in phrase
        and f" {phrase} " in padded
        and (not question or phrase.split()[0] in QUESTION_WORDS)
    }
    return items[found.pop()] if len(found) == 1 else None


def _phrases(catalog: Catalog, item: MenuItem, labels: bool) -> list[str]:
    """The item's listed words (and its labels), in both languages, normalised; made once per
    catalog (it does not change once loaded): a step that did not understand its answer asks
    this at every such message."""
    cache_key = (id(catalog), item.id, labels)
    cached = _PHRASES.get(cache_key)
    if cached is None:
        cached = _PHRASES[cache_key] = _phrases_of(catalog, item, labels)
    return cached


_PHRASES: dict[tuple[int, str, bool], list[str]] = {}


def _phrases_of(catalog: Catalog, item: MenuItem, labels: bool) -> list[str]:
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
    typed = set(said.split())
    for test in ("whole", "words", "start", "typo"):
        if (test == "start" and len(said) < 4) or (test == "typo" and len(said) < 8):
            continue
        hits = {key for key, options in phrases.items() if _fits(test, said, typed, options)}
        if hits:
            return hits.pop() if len(hits) == 1 else None
    return None


def _fits(test: str, said: str, typed: set[str], options: list[str]) -> bool:
    if test == "whole":
        return said in options
    if test == "words":
        return any(typed <= set(option.split()) for option in options)
    if test == "start":
        return any(option.startswith(said) for option in options)
    return process.extractOne(said, options, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE) is not None
