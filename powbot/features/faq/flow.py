"""The FAQ conversation: questions in the user's own words, vetted answers with their source,
"did you mean …?" when unsure, and an honest "I don't know" with a person to call back.

Employers and job seekers just type (registered as their free-text handler); the menu item
and /vraag explain that and let coaches ask too. Job seekers only get entries marked for
them, and no WSP hand-off: they are sent to their coach. Buttons on answers (related entries,
clarify choices, feedback, hand-off offer) stay valid later (`unbound_actions`); the steps of
the callback request are step-bound.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from powbot.conversation.context import Ctx
from powbot.conversation.registry import FLOWS
from powbot.domain.messages import Button, Callback, Reply
from powbot.features.menu import show_menu
from powbot.knowledge.faq import FaqEntry, OutOfScopeTopic, SearchResult, answer_parts
from powbot.knowledge.text import normalise, parse_yes_no
from powbot.storage.models import AuditEntry, User
from powbot.storage.models_faq import CallbackRequest, FaqFeedback, FaqUnanswered

NAME = "faq"
ROLES: frozenset[str | None] = frozenset({"employer", "seeker", "coach"})
HANDOFF_ROLES = frozenset({"employer"})
HANDOFF_STEPS = ("name", "organisation", "contact", "question", "confirm")
MAX_QUESTION = 500  # stored and shown; longer questions are cut
RELATED_MAX = 3
CONTACT_INSTRUMENT = "wsp-contact"  # its answers also show the region's WSP details
TITLE_MAX = 60
LIMITS = {"name": (2, 80), "organisation": (2, 120), "question": (5, 1000)}

# Small talk is not a question for the knowledge base (and not worth storing as unanswered).
GREETINGS = frozenset(
    {"hoi", "hallo", "hai", "hey", "hi", "hello", "goedemorgen", "goedemiddag", "goedenavond",
     "dag", "good morning", "good afternoon", "good evening"}
)  # fmt: skip
THANKS = frozenset(
    {"dank", "bedankt", "dank je", "dank u", "dankjewel", "dank je wel", "dank u wel",
     "thanks", "thank you", "thx", "top", "super", "ok", "oke", "okay", "prima", "fijn"}
)  # fmt: skip

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
PHONE_RE = re.compile(r"^\+?[\d\s().-]+$")


# --------------------------------------------------------------------------- helpers


def _audience(ctx: Ctx) -> str | None:
    role = ctx.user.role
    return role if role in ("employer", "seeker") else None  # coaches see every entry


def _rk(ctx: Ctx, key: str) -> str:
    """Catalog key with a job seeker variant ("je" instead of "u") when there is one."""
    if ctx.user.role == "seeker" and ctx.content.catalog.has(f"faq.{key}_seeker"):
        return f"faq.{key}_seeker"
    return f"faq.{key}"


def _qref(question: str) -> str:
    """Short fingerprint of a question, carried in unbound buttons (data stays < 64 bytes)."""
    return format(zlib.crc32(question.encode()) & 0xFFFFFFFF, "08x")


def _entry(ctx: Ctx, entry_id: str) -> FaqEntry | None:
    """An entry this user may see, or None (unknown id, or not meant for this audience)."""
    entry = ctx.content.faq.get(entry_id)
    audience = _audience(ctx)
    if entry is None or (audience is not None and audience not in entry.audience):
        return None
    return entry


def instrument_name(ctx: Ctx, instrument: str, *, in_sentence: bool = False) -> str:
    """The instrument's display name; `in_sentence` lowercases a plain common noun
    ("Meer over loondispensatie") but keeps names such as "BBL" or "Open Hiring"."""
    name = ctx.t(f"faq.instrument.{instrument}")
    words = name.split()
    if (
        in_sentence
        and len(name) > 1
        and name[1].islower()
        and not any(w[:1].isupper() for w in words[1:])
    ):
        return name[0].lower() + name[1:]
    return name


def entry_title(ctx: Ctx, entry: FaqEntry) -> str:
    """A short readable label: the entry's first example question in the user's language."""
    norm = ctx.content.faq_index.norm
    mine = [q for q in entry.questions if norm.language(normalise(q).split()) == ctx.lang]
    title = (mine or list(entry.questions))[0].strip()
    if len(title) <= TITLE_MAX:
        return title
    cut = title[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(" ,.;:-–")
    return cut + "…"


def format_date(ctx: Ctx, day: date) -> str:
    months = ctx.t("faq.months").split(",")
    return ctx.t("faq.date", day=day.day, month=months[day.month - 1].strip(), year=day.year)


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


def _clean(text: str) -> str:
    return " ".join(text.split())


def valid_contact(text: str) -> bool:
    """Loosely: an e-mail address, or a phone number of 9 to 15 digits."""
    value = text.strip()
    if EMAIL_RE.match(value):
        return True
    digits = re.sub(r"\D", "", value)
    return bool(PHONE_RE.match(value)) and 9 <= len(digits) <= 15


async def _leave_other_flow(ctx: Ctx) -> None:
    """Starting something here leaves another conversation (kept if it can be paused)."""
    if ctx.user.flow and ctx.user.flow != NAME:
        on_stop = getattr(FLOWS.get(ctx.user.flow), "on_stop", None)
        if on_stop is not None:
            await on_stop(ctx)
        ctx.set_state(None)


def _remember(ctx: Ctx, question: str, answered: str | None) -> None:
    """Keep the last question (to prefill a callback request) and the entry that answered it
    (to file a 👎 under that question), without touching other flows."""
    if ctx.user.flow is None:
        ctx.set_state(None, None, q=question, qa=answered)
    elif ctx.user.flow == NAME and ctx.user.step == "ask":
        ctx.update_state(q=question, qa=answered)


def _remembered(ctx: Ctx, ref: str) -> str | None:
    question = ctx.user.flow_data.get("q")
    if isinstance(question, str) and _qref(question) == ref:
        return question
    return None


# --------------------------------------------------------------------------- asking


async def explain(ctx: Ctx) -> None:
    """Menu item and /vraag: how to ask. The next text is taken as a question."""
    await _leave_other_flow(ctx)
    ctx.set_state(NAME, "ask")
    ctx.say(ctx.t(f"faq.explain_{ctx.user.role}"))


async def free_text(ctx: Ctx, text: str) -> None:
    """Text from an employer or job seeker outside any other conversation."""
    await answer_question(ctx, text)


async def answer_question(ctx: Ctx, text: str) -> None:
    question = _clean(text)[:MAX_QUESTION]
    plain = normalise(question)
    if plain in GREETINGS:
        ctx.say(ctx.t(_rk(ctx, "greeting")))
        return
    if plain in THANKS:
        ctx.say(ctx.t("faq.thanks"))
        return
    result = ctx.content.faq_index.search(question, audience=_audience(ctx))
    answered = result.best.id if result.decision == "answer" and result.best else None
    _remember(ctx, question, answered)
    if result.decision == "answer" and result.best is not None:
        show_entry(ctx, result.best, result.runner_up)
    elif result.decision == "clarify" and result.best is not None:
        show_clarify(ctx, result, question)
    else:
        await record_unanswered(ctx, question)
        await show_unknown(ctx, question, result.topic)


def show_entry(ctx: Ctx, entry: FaqEntry, runner_up: FaqEntry | None = None) -> None:
    """The vetted answer in the user's language, its source and date, and buttons.
    ``runner_up`` (the search's second choice within the instrument) gets the first related
    button: when the right instrument gets the wrong entry, the right one is one tap away."""
    parts = answer_parts(entry, ctx.lang)
    body = parts.text
    if entry.instrument == CONTACT_INSTRUMENT:  # "where do I go" deserves the actual address
        body += "\n\n" + wsp_details(ctx)
    text = "\n\n".join(
        [
            body,
            ctx.t("faq.source", title=parts.source_title, url=parts.source_url)
            + "\n"
            + ctx.t("faq.reviewed", date=format_date(ctx, parts.reviewed)),
            ctx.t("faq.helpful"),
        ]
    )
    rows: list[list[Button]] = [
        [ctx.button(_related_label(ctx, other), NAME, "e", other.id, bound=False)]
        for other in related_entries(ctx, entry, runner_up)
    ]
    rows.append([Button(ctx.t("faq.source_button"), url=parts.source_url)])
    rows.append(
        [
            ctx.button(ctx.t("faq.thumbs_up"), NAME, "fb", f"{entry.id}.1", bound=False),
            ctx.button(ctx.t("faq.thumbs_down"), NAME, "fb", f"{entry.id}.0", bound=False),
        ]
    )
    ctx.say(text, rows)


def related_entries(ctx: Ctx, entry: FaqEntry, runner_up: FaqEntry | None = None) -> list[FaqEntry]:
    """``runner_up`` first, then the entry's `related` list, else other entries of the same
    instrument."""
    ids = [runner_up.id] if runner_up is not None else []
    ids += list(entry.related) or [
        e.id for e in ctx.content.faq.entries if e.instrument == entry.instrument
    ]
    out: list[FaqEntry] = []
    for entry_id in ids:
        other = _entry(ctx, entry_id)
        if other is not None and other.id != entry.id and other not in out:
            out.append(other)
    return out[:RELATED_MAX]


def _related_label(ctx: Ctx, entry: FaqEntry) -> str:
    first = next(e for e in ctx.content.faq.entries if e.instrument == entry.instrument)
    if first.id == entry.id:  # the "what is it" entry of its instrument
        name = instrument_name(ctx, entry.instrument, in_sentence=True)
        return ctx.t("faq.more_about", instrument=name)
    return ctx.t("faq.related", title=entry_title(ctx, entry))


def show_clarify(ctx: Ctx, result: SearchResult, question: str) -> None:
    assert result.best is not None
    options = [result.best, *(entry for entry, _ in result.alternatives)][:3]
    rows = [
        [
            ctx.button(
                ctx.t(
                    "faq.option",
                    instrument=instrument_name(ctx, entry.instrument),
                    title=entry_title(ctx, entry),
                ),
                NAME,
                "e",
                entry.id,
                bound=False,
            )
        ]
        for entry in options
    ]
    rows.append([ctx.button(ctx.t("faq.none_of_these"), NAME, "x", _qref(question), bound=False)])
    ctx.say(ctx.t(_rk(ctx, "clarify")), rows)


async def show_unknown(
    ctx: Ctx, question: str | None, topic: OutOfScopeTopic | None = None
) -> None:
    """Honest: no vetted answer. Employers get the WSP and a callback offer, and for a known
    subject outside the FAQ (dismissal, payroll tax, ...) where to go instead; job seekers
    their coach and the menu."""
    if ctx.user.role == "seeker":
        await show_menu(ctx, "faq.unknown_seeker")
        return
    if topic is not None:
        text = ctx.t("faq.out_of_scope")
        pointer = ctx.content.faq.pointer(topic)
        if pointer is not None:
            text += "\n\n" + ctx.t(
                "faq.out_of_scope_pointer", text=pointer.text.get(ctx.lang), url=pointer.url
            )
        text += "\n\n" + ctx.t("faq.out_of_scope_wsp") + "\n\n" + wsp_details(ctx)
    else:
        text = ctx.t("faq.unknown") + "\n\n" + wsp_details(ctx)
    rows: list[list[Button]] = []
    if ctx.user.role in HANDOFF_ROLES:
        text += "\n\n" + ctx.t("faq.handoff_offer")
        ref = _qref(question) if question else "-"
        rows.append([ctx.button(ctx.t("faq.handoff_button"), NAME, "h", ref, bound=False)])
    ctx.say(text, rows)


async def record_unanswered(ctx: Ctx, question: str) -> None:
    """Count a question the bot could not answer (per user, so the ranking shows reach)."""
    plain = normalise(question)[:MAX_QUESTION]
    if not plain:
        return
    row = (
        await ctx.session.exec(
            select(FaqUnanswered).where(
                FaqUnanswered.user_id == ctx.user.id, FaqUnanswered.question == plain
            )
        )
    ).first()
    if row is not None:
        row.count += 1
        row.last_at = ctx.now
        return
    ctx.session.add(
        FaqUnanswered(
            user_id=ctx.user.id,
            role=ctx.user.role,
            question=plain,
            language=ctx.content.faq_index.norm.language(plain.split()),
            first_at=ctx.now,
            last_at=ctx.now,
        )
    )


async def store_feedback(ctx: Ctx, entry: FaqEntry, helpful: bool) -> None:
    """One opinion per user and entry: pressing again replaces it. An employer's rating of a
    direct answer keeps the question it answered; a job seeker's question is not kept (it may
    be about their own health or money)."""
    data = ctx.user.flow_data
    asked = data.get("q") if data.get("qa") == entry.id else None
    question = None
    if isinstance(asked, str) and ctx.user.role in HANDOFF_ROLES:
        question = normalise(asked)[:MAX_QUESTION] or None
    row = (
        await ctx.session.exec(
            select(FaqFeedback).where(
                FaqFeedback.user_id == ctx.user.id, FaqFeedback.entry_id == entry.id
            )
        )
    ).first()
    if row is None:
        ctx.session.add(
            FaqFeedback(
                user_id=ctx.user.id,
                entry_id=entry.id,
                helpful=helpful,
                at=ctx.now,
                question=question,
            )
        )
    else:
        row.helpful = helpful
        row.at = ctx.now
        row.question = question or row.question


# --------------------------------------------------------------------------- hand-off


async def start_handoff(ctx: Ctx, question: str | None) -> None:
    await _leave_other_flow(ctx)
    ctx.set_state(
        NAME,
        "name",
        name=ctx.user.first_name or "",
        organisation="",
        contact="",
        question=question or "",
    )
    ctx.say(ctx.t("faq.handoff_intro") + "\n\n" + wsp_details(ctx))
    ask_step(ctx)


def ask_step(ctx: Ctx, prefix: str | None = None) -> None:
    """Show the current step of the callback request."""
    step = ctx.user.step or "name"
    data = ctx.user.flow_data
    cancel = [ctx.button(ctx.t("faq.cancel"), NAME, "cancel")]
    if step == "confirm":
        text = ctx.t(
            "faq.confirm",
            name=data.get("name", ""),
            organisation=data.get("organisation", ""),
            contact=data.get("contact", ""),
            question=data.get("question", ""),
        )
        rows = [
            [ctx.button(ctx.t("faq.send"), NAME, "send")],
            [ctx.button(ctx.t("faq.edit"), NAME, "edit"), *cancel],
        ]
    else:
        current = str(data.get(step) or "")
        if step == "question" and current:
            text = ctx.t("faq.ask_question_prefilled", question=current)
            keep = ctx.t("faq.keep_question")
        else:
            text = ctx.t(f"faq.ask_{step}")
            short = current if len(current) <= 30 else current[:29] + "…"
            keep = ctx.t("faq.keep", value=short)
        rows = [[ctx.button(keep, NAME, "keep")]] if current else []
        rows.append(cancel)
    if prefix:
        text = prefix + "\n\n" + text
    ctx.say(text, rows)


def _next_step(ctx: Ctx) -> None:
    step = ctx.user.step or "name"
    index = HANDOFF_STEPS.index(step) if step in HANDOFF_STEPS else 0
    ctx.update_state(step=HANDOFF_STEPS[min(index + 1, len(HANDOFF_STEPS) - 1)])
    ask_step(ctx)


async def handoff_text(ctx: Ctx, text: str) -> None:
    step = ctx.user.step or "name"
    if step == "confirm":
        yes = parse_yes_no(text)
        if yes is True:
            await send_request(ctx)
        elif yes is False:
            ctx.update_state(step="name")
            ask_step(ctx)
        else:
            ask_step(ctx, ctx.t("common.choose_a_button"))
        return
    value = _clean(text)
    if step == "contact":
        if not valid_contact(value):
            ask_step(ctx, ctx.t("faq.bad_contact"))
            return
    else:
        low, high = LIMITS[step]
        if len(value) < low:
            ask_step(ctx, ctx.t("faq.too_short"))
            return
        if len(value) > high:
            ask_step(ctx, ctx.t("faq.too_long", max=high))
            return
    ctx.update_state(**{step: value})
    _next_step(ctx)


async def send_request(ctx: Ctx) -> None:
    data = ctx.user.flow_data
    request = CallbackRequest(
        user_id=ctx.user.id,
        name=str(data.get("name", ""))[:80],
        organisation=str(data.get("organisation", ""))[:120],
        contact=str(data.get("contact", ""))[:120],
        question=str(data.get("question", "")),
        language=ctx.lang,
        created_at=ctx.now,
    )
    ctx.session.add(request)
    await ctx.session.flush()
    contacts = list(dict.fromkeys(ctx.settings.wsp_contact_ids))
    for contact_id in contacts:
        known = await ctx.session.get(User, contact_id)
        lang = known.language if known is not None and known.language else None
        lang = lang or ctx.settings.default_language
        text = ctx.text(
            lang,
            "faq.wsp_request",
            id=request.id,
            name=request.name,
            organisation=request.organisation,
            contact=request.contact,
            language=ctx.text(lang, f"faq.language_{request.language}"),
            question=request.question,
        )
        await ctx.notify(contact_id, Reply(text=text), urgent=False)
    request.notified = len(contacts)
    ctx.set_state(None)
    key = "faq.sent" if contacts else "faq.sent_stored"
    ctx.say(ctx.t(key) + "\n\n" + wsp_details(ctx))


# --------------------------------------------------------------------------- admin


@dataclass(frozen=True)
class UnansweredRow:
    question: str
    language: str
    times: int
    users: int
    last_at: datetime


async def top_unanswered(session: AsyncSession, limit: int = 20) -> list[UnansweredRow]:
    """The questions asked most often without an answer (all users together)."""
    times = func.sum(FaqUnanswered.count)
    last = func.max(FaqUnanswered.last_at)
    statement = (
        select(
            FaqUnanswered.question,
            FaqUnanswered.language,
            times,
            func.count(col(FaqUnanswered.user_id).distinct()),
            last,
        )
        .group_by(col(FaqUnanswered.question), col(FaqUnanswered.language))
        .order_by(times.desc(), last.desc(), col(FaqUnanswered.question))
        .limit(max(1, limit))
    )
    rows = await session.exec(statement)  # type: ignore[call-overload]
    return [UnansweredRow(q, lang, int(n), int(u), at) for q, lang, n, u, at in rows.all()]


def _show_report(ctx: Ctx, report: str, count: int, lines: list[str]) -> None:
    """An admin report of free-text questions: looking is logged, whether or not there is
    anything to see."""
    ctx.session.add(AuditEntry(at=ctx.now, actor_id=ctx.user.id, action=f"faq_{report}_viewed"))
    if not count:
        ctx.say(ctx.t(f"faq.{report}_none"))
        return
    ctx.say("\n".join([ctx.t(f"faq.{report}_title", count=count), *lines]))


async def show_unanswered(ctx: Ctx, limit: int = 20) -> None:
    """/onbeantwoord for admins."""
    rows = await top_unanswered(ctx.session, limit)
    lines = [
        ctx.t(
            "faq.unanswered_line",
            times=row.times,
            users=row.users,
            language=row.language,
            question=row.question,
        )
        for row in rows
    ]
    _show_report(ctx, "unanswered", len(rows), lines)


@dataclass(frozen=True)
class FeedbackRow:
    entry_id: str
    helpful: int
    unhelpful: int
    questions: tuple[str, ...]  # the latest questions it was a 👎 answer to


async def feedback_summary(
    session: AsyncSession, limit: int = 20, questions: int = 3
) -> list[FeedbackRow]:
    """Answers by 👎 count (then fewest 👍), with the questions that got them."""
    down = func.sum(case((col(FaqFeedback.helpful).is_(False), 1), else_=0))
    up = func.sum(case((col(FaqFeedback.helpful).is_(True), 1), else_=0))
    statement = (
        select(FaqFeedback.entry_id, up, down)
        .group_by(col(FaqFeedback.entry_id))
        .order_by(down.desc(), up.asc(), col(FaqFeedback.entry_id))
        .limit(max(1, limit))
    )
    counts = (await session.exec(statement)).all()  # type: ignore[call-overload]
    asked = await session.exec(
        select(FaqFeedback.entry_id, FaqFeedback.question)
        .where(
            col(FaqFeedback.entry_id).in_([entry_id for entry_id, _, _ in counts]),
            col(FaqFeedback.helpful).is_(False),
            col(FaqFeedback.question).is_not(None),
        )
        .order_by(col(FaqFeedback.at).desc(), col(FaqFeedback.id).desc())
    )
    by_entry: dict[str, list[str]] = {}
    for entry_id, question in asked.all():
        seen = by_entry.setdefault(entry_id, [])
        if question not in seen and len(seen) < questions:
            seen.append(question)
    return [
        FeedbackRow(entry_id, int(n_up), int(n_down), tuple(by_entry.get(entry_id, ())))
        for entry_id, n_up, n_down in counts
    ]


async def show_feedback(ctx: Ctx, limit: int = 20) -> None:
    """/beoordelingen for admins."""
    rows = await feedback_summary(ctx.session, limit)
    lines: list[str] = []
    for row in rows:
        lines.append(
            ctx.t("faq.feedback_line", down=row.unhelpful, up=row.helpful, entry=row.entry_id)
        )
        lines += [ctx.t("faq.feedback_question", question=q) for q in row.questions]
    _show_report(ctx, "feedback", len(rows), lines)


# --------------------------------------------------------------------------- the flow


class FaqFlow:
    name = NAME
    roles: frozenset[str | None] = ROLES
    # Buttons on answers keep working after the user moved on; the flow checks their args.
    unbound_actions: frozenset[str] = frozenset({"e", "fb", "h", "x"})

    async def on_text(self, ctx: Ctx, text: str) -> None:
        if ctx.user.step in HANDOFF_STEPS:
            await handoff_text(ctx, text)
        else:
            await answer_question(ctx, text)

    async def on_button(self, ctx: Ctx, callback: Callback) -> None:
        action, arg = callback.action, callback.arg
        if callback.screen is None:
            await self._unbound(ctx, action, arg)
            return
        if ctx.user.step not in HANDOFF_STEPS:
            ctx.toast = ctx.t("common.button_unknown")
            return
        if action == "cancel":
            ctx.set_state(None)
            await show_menu(ctx, "faq.cancelled")
        elif action == "keep" and ctx.user.step != "confirm":
            if not ctx.user.flow_data.get(ctx.user.step or ""):
                ask_step(ctx)
                return
            _next_step(ctx)
        elif action == "send" and ctx.user.step == "confirm":
            await send_request(ctx)
        elif action == "edit" and ctx.user.step == "confirm":
            ctx.update_state(step="name")
            ask_step(ctx)
        else:
            ctx.toast = ctx.t("common.button_unknown")

    async def _unbound(self, ctx: Ctx, action: str, arg: str) -> None:
        if action == "e":
            entry = _entry(ctx, arg)
            if entry is None:
                ctx.toast = ctx.t("common.button_unknown")
                return
            show_entry(ctx, entry)
        elif action == "fb":
            entry_id, _, value = arg.rpartition(".")
            entry = _entry(ctx, entry_id)
            if entry is None or value not in ("0", "1"):
                ctx.toast = ctx.t("common.button_unknown")
                return
            await store_feedback(ctx, entry, value == "1")
            ctx.toast = ctx.t(_rk(ctx, "feedback_thanks"))
            if value == "0":
                if ctx.user.role in HANDOFF_ROLES:
                    last = ctx.user.flow_data.get("q")
                    ref = _qref(last) if isinstance(last, str) else "-"
                    ctx.say(
                        ctx.t("faq.feedback_sorry") + "\n\n" + wsp_details(ctx),
                        [[ctx.button(ctx.t("faq.handoff_button"), NAME, "h", ref, bound=False)]],
                    )
                else:
                    ctx.say(ctx.t(_rk(ctx, "feedback_sorry")))
        elif action == "h" and ctx.user.role in HANDOFF_ROLES:
            await start_handoff(ctx, _remembered(ctx, arg))
        elif action == "x":
            question = _remembered(ctx, arg)
            if question is not None:
                await record_unanswered(ctx, question)
            await show_unknown(ctx, question)
        else:
            ctx.toast = ctx.t("common.button_unknown")

    async def resume(self, ctx: Ctx) -> None:
        if ctx.user.step in HANDOFF_STEPS:
            ask_step(ctx)
        else:
            ctx.set_state(NAME, "ask")
            ctx.say(ctx.t(f"faq.explain_{ctx.user.role}"))
