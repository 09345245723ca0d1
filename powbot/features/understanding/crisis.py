"""The safety layer: crisis help at once, in the language the person wrote in, before
anything else looks at the message; a linked coach is told when the client shares with them."""

from __future__ import annotations

from collections.abc import Callable

from powbot.conversation.context import Ctx
from powbot.domain.urgent import alert_coach_urgently
from powbot.knowledge.faq import Contact
from powbot.knowledge.safety import SafetyHit

BOT_LANGUAGES = ("nl", "en")


def _contact_line(contact: Contact | None, fallback: str) -> str:
    if contact is None:
        return fallback
    parts = [contact.phone, contact.website]
    details = ", ".join(part for part in parts if part)
    return f"{contact.name} ({details})" if details else contact.name


def places(ctx: Ctx, lang: str) -> dict[str, str]:
    """{shelter}, {food} and {gemeente} for the help texts, from region.yaml."""
    region = ctx.content.region
    text_lang = lang if lang in BOT_LANGUAGES else "nl"
    gemeente = _contact_line(region.gemeente, ctx.text(text_lang, "understanding.gemeente_any"))
    return {
        "gemeente": gemeente,
        "shelter": _contact_line(region.shelter, gemeente),
        "food": _contact_line(region.food, ctx.text(text_lang, "understanding.food_any")),
    }


def _formal(ctx: Ctx) -> bool:
    """Employers, coaches and admins are addressed with "u" (job seekers with "je")."""
    return ctx.user.role in ("employer", "coach", "admin")


def help_message(ctx: Ctx, hit: SafetyHit) -> str:
    """The help in the language of the message; for a language the bot does not speak also
    in the user's own bot language, and the note on which languages the bot speaks."""
    safety = ctx.content.safety
    formal = _formal(ctx)
    if hit.language in BOT_LANGUAGES:
        return safety.help_text(hit.language, hit, places(ctx, hit.language), formal)
    parts = [
        safety.help_text(hit.language, hit, places(ctx, hit.language)),
        safety.help_text(ctx.lang, hit, places(ctx, ctx.lang), formal),
        ctx.t("understanding.speaks"),
    ]
    return "\n\n— — —\n\n".join(parts)


def possible_message(ctx: Ctx, hit: SafetyHit) -> str:
    """The one 'just in case' line for a possible crisis, in the message's language and,
    when the bot does not speak it, also in the user's bot language."""
    safety = ctx.content.safety
    formal = _formal(ctx)
    in_theirs = hit.language in BOT_LANGUAGES
    text = safety.possible_text(hit.language, hit, places(ctx, hit.language), in_theirs and formal)
    if in_theirs:
        return text
    return f"{text}\n\n{safety.possible_text(ctx.lang, hit, places(ctx, ctx.lang), formal)}"


async def crisis_help(
    ctx: Ctx, text: str, own_answer: Callable[[], bool] | None = None
) -> SafetyHit | None:
    """Reply with crisis help when the message points to a crisis. Returns the hit or None.
    `own_answer` says the text only picks the current step's own options: the weak signal's
    'just in case' line is not said to it (a full alarm always is)."""
    hit = ctx.content.safety.check(text)
    if hit is None:
        return None
    if hit.possible:  # a weaker signal: one line with the help, then the normal reply
        if own_answer is None or not own_answer():
            ctx.say(possible_message(ctx, hit))
        return None
    ctx.say(help_message(ctx, hit))
    if ctx.user.role == "seeker" and not hit.about_other:
        told = [await alert_coach_urgently(ctx, ctx.user, kind) for kind in hit.kinds]
        if any(told):
            ctx.say(ctx.t("safety.coach_told"))
    return hit
