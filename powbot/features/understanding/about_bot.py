"""Questions about the bot itself: 'hoe lang duurt de vragenlijst', 'wie ziet mijn
antwoorden', 'wat is een check-in'.

The FAQ holds answers about work, benefits and hiring; to these it said "I don't know, ask
your klantmanager", who cannot know how the bot works. A question naming one of the bot's
own parts (the catalog lists the words per part, both languages) gets what that part is and
who sees what, with its button where it is on the menu.
"""

from __future__ import annotations

from powbot.conversation.context import Ctx
from powbot.features.menu import menu_items
from powbot.features.understanding.intents import looks_like_question
from powbot.knowledge.catalog import Catalog
from powbot.knowledge.text import normalise

# Part -> the menu item whose button follows the explanation (None: no button).
PARTS: dict[str, str | None] = {
    "questionnaire": "questionnaire",
    "checkin": "my_job",
    "privacy": None,
}
# The roles each part is explained to (coaches and admins have /help and /privacy).
PART_ROLES: dict[str, frozenset[str | None]] = {
    "questionnaire": frozenset({"seeker"}),
    "checkin": frozenset({"seeker"}),
    "privacy": frozenset({"seeker", "employer"}),
}
_words: dict[int, dict[str, tuple[str, ...]]] = {}


def _part_words(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    cached = _words.get(id(catalog))
    if cached is None:
        cached = {
            part: tuple(
                {
                    normalise(word): None
                    for lang in ("nl", "en")
                    for word in catalog.t(lang, f"understanding.about_words_{part}").split(",")
                    if normalise(word)
                }
            )
            for part in PARTS
        }
        _words[id(catalog)] = cached
    return cached


def part_asked_about(catalog: Catalog, text: str, role: str | None) -> str | None:
    """The one part of the bot this question is about, or None."""
    if not looks_like_question(text):
        return None
    padded = f" {normalise(text)} "
    named = {
        part
        for part, words in _part_words(catalog).items()
        if role in PART_ROLES[part] and any(f" {word} " in padded for word in words)
    }
    return named.pop() if len(named) == 1 else None


def answer_about_bot(ctx: Ctx, text: str, *, with_button: bool = True) -> bool:
    """Say what the part asked about is; False when the text is not such a question."""
    part = part_asked_about(ctx.content.catalog, text, ctx.user.role)
    if part is None:
        return False
    key = f"understanding.about_{part}"
    own = f"{key}_{ctx.user.role}"  # "u" for employers where the catalog has it
    item = next((i for i in menu_items(ctx) if i.id == PARTS[part]), None)
    buttons = (
        [[ctx.button(ctx.t(item.label_key), "menu", "go", item.id, bound=False)]]
        if item is not None and with_button
        else None
    )
    ctx.say(ctx.t(own if ctx.content.catalog.has(own) else key), buttons)
    return True
