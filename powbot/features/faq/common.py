"""Shared helpers of the FAQ conversation: who asks, in which language, labels, the WSP block."""

from __future__ import annotations

import re
import zlib
from datetime import date

from powbot.conversation.context import Ctx
from powbot.conversation.registry import FLOWS
from powbot.knowledge.faq import FaqEntry, entry_heading
from powbot.knowledge.text import normalise

NAME = "faq"
ROLES: frozenset[str | None] = frozenset({"employer", "seeker", "coach"})
HANDOFF_ROLES = frozenset({"employer"})
HANDOFF_STEPS = ("name", "organisation", "contact", "question", "confirm")
MAX_QUESTION = 500  # stored and shown; longer questions are cut
RELATED_MAX = 3
MAX_BUTTONS = 4  # a phone shows about four buttons without scrolling
CONTACT_INSTRUMENT = "wsp-contact"  # its answers also show the region's WSP details
TITLE_MAX = 60
LIMITS = {"name": (2, 80), "organisation": (2, 120), "question": (5, 1000)}
WSP_SHOWN = "wsp"  # flow_data flag: the WSP block was shown in this conversation
# flow_data: a call-back was just offered (its question ref); a typed yes takes the offer.
HANDOFF_OFFERED = "handoff_offered"

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
PHONE_RE = re.compile(r"^\+?[\d\s().-]+$")


def audience(ctx: Ctx) -> str | None:
    role = ctx.user.role
    return role if role in ("employer", "seeker") else None  # coaches see every entry


def rk(ctx: Ctx, key: str) -> str:
    """Catalog key with a job seeker variant ("je" instead of "u") when there is one."""
    if ctx.user.role == "seeker" and ctx.content.catalog.has(f"faq.{key}_seeker"):
        return f"faq.{key}_seeker"
    return f"faq.{key}"


def qref(question: str) -> str:
    """Short fingerprint of a question, carried in unbound buttons (data stays < 64 bytes)."""
    return format(zlib.crc32(question.encode()) & 0xFFFFFFFF, "08x")


def visible_entry(ctx: Ctx, entry_id: str) -> FaqEntry | None:
    """An entry this user may see, or None (unknown id, or not meant for this audience)."""
    entry = ctx.content.faq.get(entry_id)
    who = audience(ctx)
    if entry is None or (who is not None and who not in entry.audience):
        return None
    return entry


def language_of(ctx: Ctx, text: str) -> str:
    return ctx.content.faq_index.norm.language(normalise(text).split())


def question_language(ctx: Ctx, question: str) -> str:
    """English when the question is clearly written in English, otherwise the user's
    language: an English question gets an English answer, while a Dutch question with an
    English-speaking user stays in the language that user chose."""
    norm = ctx.content.faq_index.norm
    words = normalise(question).split()
    nl = sum(w in norm.stopwords["nl"] for w in words)
    en = sum(w in norm.stopwords["en"] for w in words)
    return "en" if en > nl else ctx.lang


def instrument_name(
    ctx: Ctx, instrument: str, *, in_sentence: bool = False, lang: str | None = None
) -> str:
    """The instrument's display name (in ``lang``, default the user's); `in_sentence`
    lowercases a plain common noun ("Meer over loondispensatie") but keeps names such as
    "BBL" or "Open Hiring"."""
    name = ctx.text(lang or ctx.lang, f"faq.instrument.{instrument}")
    words = name.split()
    if (
        in_sentence
        and len(name) > 1
        and name[1].islower()
        and not any(w[:1].isupper() for w in words[1:])
    ):
        return name[0].lower() + name[1:]
    return name


def entry_title(ctx: Ctx, entry: FaqEntry, lang: str | None = None) -> str:
    """A short readable label: the entry's heading in ``lang`` (default the user's), cut to
    fit."""
    title = entry_heading(entry, lang or ctx.lang, lambda q: language_of(ctx, q))
    if len(title) <= TITLE_MAX:
        return title
    cut = title[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(" ,.;:-–")
    return cut + "…"


def format_date(ctx: Ctx, day: date, lang: str | None = None) -> str:
    lang = lang or ctx.lang
    months = ctx.text(lang, "faq.months").split(",")
    return ctx.text(
        lang, "faq.date", day=day.day, month=months[day.month - 1].strip(), year=day.year
    )


def wsp_details(ctx: Ctx, lang: str | None = None) -> str:
    """The region's WSP contact details, one line per known way to reach them."""
    lang = lang or ctx.lang
    wsp = ctx.content.region.wsp
    lines = [ctx.text(lang, "faq.contact_heading", name=wsp.name)]
    if wsp.phone:
        lines.append(ctx.text(lang, "faq.contact_phone", phone=wsp.phone))
    if wsp.email:
        lines.append(ctx.text(lang, "faq.contact_email", email=wsp.email))
    if wsp.website:
        lines.append(ctx.text(lang, "faq.contact_website", website=wsp.website))
    if wsp.hours:
        lines.append(ctx.text(lang, "faq.contact_hours", hours=wsp.hours.get(lang)))
    return "\n".join(lines)


def wsp_block(ctx: Ctx, lang: str | None = None) -> str:
    """The WSP details the first time in this conversation, a one-line reminder after
    that: a call-back flow used to show the same block three times."""
    lang = lang or ctx.lang
    if ctx.user.flow in (None, NAME):
        if ctx.user.flow_data.get(WSP_SHOWN):
            return ctx.text(lang, "faq.contact_again", name=ctx.content.region.wsp.name)
        ctx.update_state(wsp=1)
    return wsp_details(ctx, lang)


def clean(text: str) -> str:
    return " ".join(text.split())


def valid_contact(text: str) -> bool:
    """Loosely: an e-mail address, or a phone number of 9 to 15 digits."""
    value = text.strip()
    if EMAIL_RE.match(value):
        return True
    digits = re.sub(r"\D", "", value)
    return bool(PHONE_RE.match(value)) and 9 <= len(digits) <= 15


async def leave_other_flow(ctx: Ctx) -> None:
    """Starting something here leaves another conversation (kept if it can be paused)."""
    if ctx.user.flow and ctx.user.flow != NAME:
        on_stop = getattr(FLOWS.get(ctx.user.flow), "on_stop", None)
        if on_stop is not None:
            await on_stop(ctx)
        ctx.set_state(None)


def remember(ctx: Ctx, question: str, answered: str | None) -> None:
    """Keep the last question (to prefill a callback request) and the entry that answered it
    (to file a 👎 under that question), without touching other flows."""
    if ctx.user.flow is None:
        ctx.set_state(None, None, q=question, qa=answered)
    elif ctx.user.flow == NAME and ctx.user.step == "ask":
        ctx.update_state(q=question, qa=answered, wsp=0)  # a new question


def remembered(ctx: Ctx, ref: str) -> str | None:
    question = ctx.user.flow_data.get("q")
    if isinstance(question, str) and qref(question) == ref:
        return question
    return None


# Small talk is not a question for the knowledge base (and not worth storing as unanswered);
# its words are content (faq.words_<kind>, both languages).
SMALL_TALK = ("greeting", "thanks", "goodbye")
_small_talk: dict[int, dict[str, frozenset[str]]] = {}


def small_talk(ctx: Ctx, text: str) -> str | None:
    """'hoi', 'bedankt', 'doei', '👍': which kind of small talk, or None. An emoji is compared
    as typed: normalised it is empty, and '👎' was thanked for with "Graag gedaan!" (tester)."""
    catalog = ctx.content.catalog
    lists = _small_talk.get(id(catalog))
    if lists is None:
        lists = _small_talk[id(catalog)] = {
            kind: frozenset(
                _talk_key(word)
                for lang in ("nl", "en")
                for word in catalog.t(lang, f"faq.words_{kind}").split(",")
            )
            for kind in SMALL_TALK
        }
    said = _talk_key(text)
    return next((kind for kind in SMALL_TALK if said and said in lists[kind]), None)


def _talk_key(text: str) -> str:
    return normalise(text) or text.strip()


def asks_for_a_call_back(ctx: Ctx, text: str) -> bool:
    """'bel mij terug', 'call me back' (the catalog's call-back words, both languages)."""
    catalog = ctx.content.catalog
    phrases = _callback_phrases.get(id(catalog))
    if phrases is None:  # made once per catalog, like the small-talk words
        phrases = _callback_phrases[id(catalog)] = tuple(
            f" {normalise(phrase)} "
            for lang in ("nl", "en")
            for phrase in catalog.t(lang, "faq.words_callback").split(",")
            if phrase.strip()
        )
    padded = f" {normalise(text)} "
    return any(phrase in padded for phrase in phrases)


_callback_phrases: dict[int, tuple[str, ...]] = {}


HOW_OR_WHEN = frozenset(
    {"hoe", "wanneer", "wat", "waarom", "hoelang", "how", "when", "what", "why"}
)


def wants_a_call_back(ctx: Ctx, text: str) -> bool:
    """A request to be called ('ik wil gebeld worden', 'bel mij terug'), not a question
    about call-backs ('hoe snel belt het wsp terug?'), which the FAQ answers."""
    words = normalise(text).split()
    return bool(words) and words[0] not in HOW_OR_WHEN and asks_for_a_call_back(ctx, text)
