"""A job offer answered in words: 'ja graag!!' or 'nee dank je' typed instead of pressing a
button. The offer is pushed outside a conversation, so such a reply went to the FAQ and the
place stayed blocked until the deadline (tester). Now it does what the button does: yes asks
for the contact, no asks to confirm."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from powbot.conversation.context import Ctx
from powbot.conversation.parse import match_choice, parse_yes_no
from powbot.domain.open_hiring_seekers import open_offers_of
from powbot.features.open_hiring import answers


async def typed_offer_answer(
    ctx: Ctx, text: str, since: datetime | None
) -> Callable[[], Awaitable[None]] | None:
    """What the text does to the person's one open offer (made after `since`), or None."""
    if ctx.user.role != "seeker":
        return None
    offers = await open_offers_of(ctx, ctx.user.id)
    if len(offers) != 1 or (since is not None and offers[0].created_at <= since):
        return None  # none, two at once (the buttons say which), or older than the chat
    labels = {
        action: [ctx.text(lang, f"open_hiring.{key}") for lang in ("nl", "en")]
        for action, key in (("acc", "accept"), ("dec", "decline"))
    }
    choice = match_choice(text, labels)
    if choice is None:
        answer = parse_yes_no(text)
        choice = None if answer is None else ("acc" if answer else "dec")
    offer_id = str(offers[0].id)
    if choice is None and text.rstrip().endswith("?"):
        return lambda: _question_about_the_offer(ctx, offer_id)
    if choice is None:
        return None
    ask = answers.ask_contact if choice == "acc" else answers.ask_decline
    return lambda: ask(ctx, offer_id)


async def _question_about_the_offer(ctx: Ctx, offer_id: str) -> None:
    """'hoe laat moet ik beginnen?' under an offer got "Dat weet ik helaas niet" (tester):
    the offer again, with everything known about the job, and who answers the rest."""
    ctx.say(ctx.t("open_hiring.offer_question"))
    await answers.show_offer_again(ctx, offer_id)
