"""Showing answers: the vetted answer under its heading, in parts that fit a phone, with its
source and date; choices when unsure or when the question is too general; an honest "I don't
know" with a person to ask."""

from __future__ import annotations

from sqlmodel import select

from powbot.conversation.context import Ctx
from powbot.domain.messages import Button
from powbot.features.faq.common import (
    CONTACT_INSTRUMENT,
    HANDOFF_OFFERED,
    HANDOFF_ROLES,
    MAX_BUTTONS,
    MAX_QUESTION,
    NAME,
    RELATED_MAX,
    audience,
    entry_title,
    format_date,
    instrument_name,
    language_of,
    qref,
    rk,
    visible_entry,
    wsp_block,
)
from powbot.features.menu import show_menu
from powbot.knowledge.faq import (
    FaqEntry,
    OutOfScopeTopic,
    SearchResult,
    answer_parts,
    split_answer,
)
from powbot.knowledge.text import normalise
from powbot.storage.models_faq import FaqFeedback, FaqUnanswered


def show_entry(
    ctx: Ctx,
    entry: FaqEntry,
    runner_up: FaqEntry | None = None,
    lang: str | None = None,
    part: int = 0,
) -> None:
    """Part ``part`` of the vetted answer in ``lang`` (default: the user's), headed by what it
    answers, with its source and date, and at most four buttons: "meer" (not on the last
    part), one related entry, the source, and 👍/👎 (on the last part). ``runner_up`` (the search's second choice within the instrument)
    is the related entry offered first: when the right instrument gets the wrong entry, the
    right one is one tap away."""
    lang = lang or ctx.lang
    parts = answer_parts(entry, lang, audience(ctx), lambda q: language_of(ctx, q))
    heading = ctx.text(lang, "faq.heading", title=parts.title)
    if parts.for_employers:
        show_for_employers(ctx, entry, heading, lang)
        return
    chunks = split_answer(parts.text)
    part = min(max(part, 0), len(chunks) - 1)
    body = [heading if part == 0 else ctx.text(lang, "faq.heading_more", title=parts.title)]
    body.append(chunks[part])
    if entry.instrument == CONTACT_INSTRUMENT and part == len(chunks) - 1:
        body.append(wsp_block(ctx, lang))  # "where do I go" deserves the actual address
    last = part + 1 >= len(chunks)
    source = ctx.text(
        lang, "faq.source", title=parts.source_title, date=format_date(ctx, parts.reviewed, lang)
    )
    body.append(source)
    rows: list[list[Button]] = []
    if not last:
        arg = f"{entry.id}.{lang}{part + 1}"
        rows.append([ctx.button(ctx.text(lang, "faq.more"), NAME, "m", arg, bound=False)])
    rows += [
        # In the answer's language, and opening in it (an English answer in a Dutch chat).
        [
            ctx.button(
                _related_label(ctx, other, lang),
                NAME,
                "e",
                _entry_arg(ctx, other, lang),
                bound=False,
            )
        ]
        for other in related_entries(ctx, entry, runner_up)[:1]
    ]
    source_button = Button(ctx.text(lang, "faq.source_button"), url=parts.source_url)
    if last:  # the opinion is asked once the whole answer has been read
        body.append(ctx.text(lang, "faq.helpful"))
        rows.append(
            [
                source_button,
                ctx.button(
                    ctx.text(lang, "faq.thumbs_up"), NAME, "fb", f"{entry.id}.1", bound=False
                ),
                ctx.button(
                    ctx.text(lang, "faq.thumbs_down"), NAME, "fb", f"{entry.id}.0", bound=False
                ),
            ]
        )
    else:
        rows.append([source_button])
    ctx.say("\n\n".join(body), _at_most(rows, MAX_BUTTONS))


def _at_most(rows: list[list[Button]], limit: int) -> list[list[Button]]:
    """Drop rows from the top (related entries) until at most ``limit`` buttons remain."""
    while len(rows) > 1 and sum(len(r) for r in rows) > limit:
        rows = rows[1:]
    return rows


def show_for_employers(ctx: Ctx, entry: FaqEntry, heading: str, lang: str) -> None:
    """A job seeker landed on an entry written for employers: say so, and point to their
    own klantmanager, instead of an employer's answer in the employer's voice."""
    name = instrument_name(ctx, entry.instrument)
    text = heading + "\n\n" + ctx.text(lang, "faq.for_employers_seeker", instrument=name)
    contact = visible_entry(ctx, "ws-contact")
    rows = []
    if contact is not None:
        rows.append([ctx.button(_related_label(ctx, contact), NAME, "e", contact.id, bound=False)])
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
        other = visible_entry(ctx, entry_id)
        if other is not None and other.id != entry.id and other not in out:
            out.append(other)
    return out[:RELATED_MAX]


def _related_label(ctx: Ctx, entry: FaqEntry, lang: str | None = None) -> str:
    lang = lang or ctx.lang
    first = next(e for e in ctx.content.faq.entries if e.instrument == entry.instrument)
    if first.id == entry.id and entry.title is None:  # the "what is it" entry
        name = instrument_name(ctx, entry.instrument, in_sentence=True, lang=lang)
        return ctx.text(lang, "faq.more_about", instrument=name)
    return ctx.text(lang, "faq.related", title=entry_title(ctx, entry, lang))


def _entry_arg(ctx: Ctx, entry: FaqEntry, lang: str) -> str:
    """The button's argument: the entry id, with ``.en``/``.nl`` when not the chat's."""
    return entry.id if lang == ctx.lang else f"{entry.id}.{lang}"


def _option_rows(ctx: Ctx, options: list[FaqEntry], question: str) -> list[list[Button]]:
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
        for entry in options[: MAX_BUTTONS - 1]
    ]
    rows.append([ctx.button(ctx.t("faq.none_of_these"), NAME, "x", qref(question), bound=False)])
    return rows


def show_clarify(ctx: Ctx, result: SearchResult, question: str) -> None:
    assert result.best is not None
    options = [result.best, *(entry for entry, _ in result.alternatives)]
    ctx.say(ctx.t(rk(ctx, "clarify")), _option_rows(ctx, options, question))


def show_vague(ctx: Ctx, result: SearchResult, question: str) -> None:
    """Too general to answer ("subsidie", "ik heb een vraag"): a choice of subjects."""
    options = [entry for entry, _ in result.alternatives]
    ctx.say(ctx.t(rk(ctx, "vague")), _option_rows(ctx, options, question))


async def show_unknown(
    ctx: Ctx, question: str | None, topic: OutOfScopeTopic | None = None
) -> None:
    """Honest: no vetted answer. Employers get the WSP and a callback offer, and for a known
    subject outside the FAQ (dismissal, payroll tax, ...) where to go instead, plus the
    entry it is easily confused with; job seekers their coach and the menu."""
    if ctx.user.role == "seeker":
        await show_menu(ctx, "faq.unknown_seeker")
        return
    rows: list[list[Button]] = []
    if topic is not None:
        text = ctx.t("faq.out_of_scope")
        near = [e for e in (visible_entry(ctx, i) for i in topic.near) if e is not None]
        if near:
            text += "\n\n" + ctx.t(
                "faq.near", instrument=instrument_name(ctx, near[0].instrument, in_sentence=True)
            )
            rows += [
                [
                    ctx.button(
                        ctx.t("faq.related", title=entry_title(ctx, e)),
                        NAME,
                        "e",
                        e.id,
                        bound=False,
                    )
                ]
                for e in near[:2]
            ]
        pointer = ctx.content.faq.pointer(topic)
        if pointer is not None:
            text += "\n\n" + ctx.t(
                "faq.out_of_scope_pointer", text=pointer.text.get(ctx.lang), url=pointer.url
            )
        text += "\n\n" + ctx.t("faq.out_of_scope_wsp") + "\n\n" + wsp_block(ctx)
    else:
        text = ctx.t("faq.unknown") + "\n\n" + wsp_block(ctx)
    if ctx.user.role in HANDOFF_ROLES:
        text += "\n\n" + ctx.t("faq.handoff_offer")
        ref = qref(question) if question else "-"
        rows.append([ctx.button(ctx.t("faq.handoff_button"), NAME, "h", ref, bound=False)])
        ctx.update_state(**{HANDOFF_OFFERED: ref})  # 'ja graag' next takes it (tester)
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
