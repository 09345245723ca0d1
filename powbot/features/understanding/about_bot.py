"""Questions about the bot itself: 'hoe lang duurt de vragenlijst', 'wie ziet mijn
antwoorden', 'wat is een check-in', and a coach's 'hoe koppel ik een client'.

The FAQ holds answers about work, benefits and hiring; to these it said "I don't know, ask
your klantmanager", who cannot know how the bot works. A question naming one of the bot's
own parts (the catalog lists the words per part, both languages) gets what that part is and
who sees what, with its button where it is on the menu. A coach's own parts (linking a
client, registering work) are named in statements too: 'ik heb een nieuwe client, hij
begint maandag' asks how to do it as much as a question does.
"""

from __future__ import annotations

from powbot.conversation.context import Ctx
from powbot.features.menu import menu_items
from powbot.features.understanding.intents import looks_like_question
from powbot.knowledge.catalog import Catalog
from powbot.knowledge.text import normalise

# Part -> the menu items whose button follows the explanation: the first one on the
# person's menu (none: no button).
PARTS: dict[str, tuple[str, ...]] = {
    "questionnaire": ("questionnaire",),
    "checkin": ("my_job", "coach_today"),
    "privacy": (),
    "coach_link": ("coach_link",),
    "coach_placement": ("coach_clients",),
}
# The roles each part is explained to (admins have /help and /privacy).
PART_ROLES: dict[str, frozenset[str | None]] = {
    "questionnaire": frozenset({"seeker"}),
    "checkin": frozenset({"seeker", "coach"}),
    "privacy": frozenset({"seeker", "employer"}),
    "coach_link": frozenset({"coach"}),
    "coach_placement": frozenset({"coach"}),
}
# Parts a statement may name, not only a question.
IN_STATEMENTS = frozenset({"coach_link", "coach_placement"})
# A part whose explanation includes another's: registering work says to link first.
OUTRANKS: dict[str, frozenset[str]] = {"coach_placement": frozenset({"coach_link"})}
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
    question = looks_like_question(text)
    padded = f" {normalise(text)} "
    named = {
        part
        for part, words in _part_words(catalog).items()
        if role in PART_ROLES[part]
        and (question or part in IN_STATEMENTS)
        and any(f" {word} " in padded for word in words)
    }
    named -= {lower for part in named for lower in OUTRANKS.get(part, ())}
    return named.pop() if len(named) == 1 else None


def answer_about_bot(ctx: Ctx, text: str, *, with_button: bool = True) -> bool:
    """Say what the part asked about is; False when the text is not such a question."""
    part = part_asked_about(ctx.content.catalog, text, ctx.user.role)
    if part is None:
        return False
    key = f"understanding.about_{part}"
    own = f"{key}_{ctx.user.role}"  # "u" for employers where the catalog has it
    item = next((i for i in menu_items(ctx) if i.id in PARTS[part]), None)
    buttons = (
        [[ctx.button(ctx.t(item.label_key), "menu", "go", item.id, bound=False)]]
        if item is not None and with_button
        else None
    )
    ctx.say(ctx.t(own if ctx.content.catalog.has(own) else key), buttons)
    return True
