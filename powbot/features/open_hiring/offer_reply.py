"""A job offer answered in words: 'ja graag!!' or 'nee dank je' typed instead of pressing a
button. The offer is pushed outside a conversation, so such a reply went to the FAQ and the
place stayed blocked until the deadline (tester). Now it does what the button does: yes asks
for the contact, no asks to confirm."""

from __future__ import annotations

from powbot.conversation.context import Ctx
from powbot.conversation.parse import match_choice, parse_yes_no
from powbot.domain.open_hiring_seekers import open_offers_of
from powbot.features.open_hiring import answers


async def typed_offer_answer(ctx: Ctx, text: str) -> bool:
    """True when the text answered the person's one open offer."""
    if ctx.user.role != "seeker":
        return False
    offers = await open_offers_of(ctx, ctx.user.id)
    if len(offers) != 1:
        return False  # none, or two at once: the buttons say which
    labels = {
        action: [ctx.text(lang, f"open_hiring.{key}") for lang in ("nl", "en")]
        for action, key in (("acc", "accept"), ("dec", "decline"))
    }
    choice = match_choice(text, labels)
    if choice is None:
        answer = parse_yes_no(text)
        choice = None if answer is None else ("acc" if answer else "dec")
    if choice is None:
        return False
    ask = answers.ask_contact if choice == "acc" else answers.ask_decline
    await ask(ctx, str(offers[0].id))
    return True
