"""The posting conversation's steps: a typed field (new or edited), the yes/no questions
to choose, the employer's own questions (with an optional English version), the draft, and
what the employer types at the preview."""

from __future__ import annotations

import re
from typing import Any

from powbot.conversation.context import Ctx
from powbot.conversation.parse import parse_yes_no
from powbot.domain.open_hiring_employer import approved_profile
from powbot.features.open_hiring.manage import own_vacancy, publish, require_approval, show
from powbot.features.open_hiring.posting import (
    CUSTOM_LIMITS,
    FIELDS,
    NAME,
    TEXT_LIMITS,
    apply_field,
    ask_field,
    draft_vacancy,
    next_step,
    parse_field,
    preview,
    start_posting,
)
from powbot.knowledge.text import normalise
from powbot.storage.models_open_hiring import Vacancy


async def org_typed(ctx: Ctx, text: str) -> None:
    value, error = parse_field(ctx, "org", text)
    if error is not None:
        ctx.say(error)
        return
    editing = ctx.user.flow_data.get("edit")
    profile = await approved_profile(ctx, ctx.user)
    if profile is None:
        await require_approval(ctx)
        return
    profile.organisation = value
    if editing:
        await _save_edit(ctx, "org", value)
        return
    await start_posting(ctx)


async def field_typed(ctx: Ctx, text: str) -> None:
    step = ctx.user.step or ""
    value, error = parse_field(ctx, step, text)
    if error is not None:
        ctx.say(error)
        await ask_field(ctx)
        return
    await field_value(ctx, step, value)


async def field_value(ctx: Ctx, step: str, value: Any) -> None:
    """A valid value for the current step: saved on the edited vacancy, or the next step."""
    if ctx.user.flow_data.get("edit"):
        await _save_edit(ctx, step, value)
        return
    draft = {**ctx.user.flow_data.get("d", {}), step: value}
    following, note = next_step(ctx, step, value, draft)
    if following is not None:
        ctx.set_state(NAME, following, d=draft)
        await ask_field(ctx, note or None)
        return
    ctx.set_state(NAME, "questions", d=draft, sel=[])
    await ask_questions(ctx)


async def _save_edit(ctx: Ctx, step: str, value: Any) -> None:
    vacancy = await own_vacancy(ctx, ctx.user.flow_data.get("edit"))
    if vacancy is None or vacancy.status == "closed":
        ctx.set_state(None)
        ctx.say(ctx.t("open_hiring.vacancy_gone_employer"))
        return
    apply_field(vacancy, step, value)
    ctx.say(ctx.t("open_hiring.saved"))
    await show(ctx, vacancy)


async def ask_questions(ctx: Ctx) -> None:
    """The standard questions as buttons, numbered so they can be typed too (listed once)."""
    chosen: list[str] = ctx.user.flow_data.get("sel", [])
    rows = [
        [
            ctx.button(
                ("✅ " if q.id in chosen else "") + f"{index + 1}. {q.label.get(ctx.lang)}",
                NAME,
                "q",
                str(index),
            )
        ]
        for index, q in enumerate(ctx.content.open_hiring.questions)
    ]
    rows.append([ctx.button(ctx.t("open_hiring.questions_done"), NAME, "qdone")])
    ctx.say(ctx.t("open_hiring.ask_questions"), rows)


def toggle(ctx: Ctx, index: int) -> None:
    questions = ctx.content.open_hiring.questions
    if not 0 <= index < len(questions):
        return
    chosen = list(ctx.user.flow_data.get("sel", []))
    question_id = questions[index].id
    if question_id in chosen:
        chosen.remove(question_id)
    else:
        chosen.append(question_id)
    ctx.update_state(sel=chosen)


async def questions_typed(ctx: Ctx, text: str) -> None:
    if normalise(text) in ("klaar", "done", "verder", "next", "ok"):
        await questions_done(ctx)
        return
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    if not numbers:
        ctx.say(ctx.t("open_hiring.questions_hint"))
    for number in numbers:
        toggle(ctx, number - 1)
    await ask_questions(ctx)


async def questions_done(ctx: Ctx) -> None:
    if ctx.user.flow_data.get("edit"):
        vacancy = await _edited_draft(ctx)
        if vacancy is None:
            return
        vacancy.questions = [
            q.id for q in ctx.content.open_hiring.ordered(ctx.user.flow_data.get("sel", []))
        ]
        # The employer's own questions are asked again after the standard set.
        vacancy.custom_questions = []
        vacancy.custom_questions_en = []
        ctx.update_state(custom=[], custom_en=[])
    await ask_custom(ctx)


async def ask_custom(ctx: Ctx) -> None:
    custom: list[str] = ctx.user.flow_data.get("custom", [])
    limit = ctx.content.open_hiring.max_custom_questions
    if len(custom) >= limit:
        await custom_finish(ctx)
        return
    ctx.update_state(step="custom?")
    ctx.say(
        ctx.t("open_hiring.ask_custom", left=limit - len(custom)),
        [
            [ctx.button(ctx.t("open_hiring.custom_add"), NAME, "cadd")],
            [ctx.button(ctx.t("open_hiring.custom_skip"), NAME, "cskip")],
        ],
    )


async def custom_answer(ctx: Ctx, text: str) -> None:
    """At "another question?": yes, no, or the question typed straight away."""
    answer = parse_yes_no(text)
    if answer is True:
        ask_custom_text(ctx)
    elif answer is False:
        await custom_finish(ctx)
    elif len(text.strip()) >= CUSTOM_LIMITS[0]:
        await custom_typed(ctx, text)
    else:
        await ask_custom(ctx)


def ask_custom_text(ctx: Ctx) -> None:
    ctx.update_state(step="custom")
    ctx.say(ctx.t("open_hiring.ask_custom_text"))


async def custom_typed(ctx: Ctx, text: str) -> None:
    value = " ".join(text.split())
    low, high = CUSTOM_LIMITS
    if not low <= len(value) <= high:
        ctx.say(ctx.t("open_hiring.bad_length", min=low, max=high))
        ctx.say(ctx.t("open_hiring.ask_custom_text"))
        return
    custom = [*ctx.user.flow_data.get("custom", []), value]
    ctx.update_state(step="custom_en", custom=custom)
    ask_custom_english(ctx)


def ask_custom_english(ctx: Ctx) -> None:
    ctx.say(
        ctx.t("open_hiring.ask_custom_en"),
        [[ctx.button(ctx.t("open_hiring.custom_en_skip"), NAME, "enskip")]],
    )


async def custom_english(ctx: Ctx, text: str | None) -> None:
    """The English version of the last question ("" when skipped: then it is marked as the
    employer's Dutch words for English readers)."""
    value = " ".join((text or "").split())
    low, high = CUSTOM_LIMITS
    if value and not low <= len(value) <= high:
        ctx.say(ctx.t("open_hiring.bad_length", min=low, max=high))
        ask_custom_english(ctx)
        return
    custom = ctx.user.flow_data.get("custom", [])
    english = list(ctx.user.flow_data.get("custom_en", []))
    english += [""] * (len(custom) - 1 - len(english))
    english.append(value)
    ctx.update_state(custom_en=english[: len(custom)])
    await ask_custom(ctx)


async def _edited_draft(ctx: Ctx) -> Vacancy | None:
    """The draft being edited, or None (and the user told) when it was published or removed."""
    vacancy = await own_vacancy(ctx, ctx.user.flow_data["edit"])
    if vacancy is None or vacancy.status != "draft":
        ctx.set_state(None)
        ctx.say(ctx.t("open_hiring.vacancy_gone_employer"))
        return None
    return vacancy


async def custom_finish(ctx: Ctx) -> None:
    """After the custom questions: a new draft, or back to the edited draft's preview."""
    data = ctx.user.flow_data
    if data.get("edit"):
        vacancy = await _edited_draft(ctx)
        if vacancy is None:
            return
        vacancy.custom_questions = list(data.get("custom", []))
        vacancy.custom_questions_en = list(data.get("custom_en", []))
        await preview(ctx, vacancy)
        return
    profile = await approved_profile(ctx, ctx.user)
    vacancy = draft_vacancy(ctx, (profile.organisation if profile else None) or "")
    if profile is None or vacancy is None:
        await start_posting(ctx)
        return
    ctx.session.add(vacancy)
    await ctx.session.flush()
    await preview(ctx, vacancy)


def _labelled_field(ctx: Ctx, text: str) -> tuple[str, str] | None:
    """'Loon: 15 euro' -> ('pay', '15 euro'): a field named by its label, then a value."""
    label, colon, value = text.partition(":")
    if not colon or not value.strip():
        return None
    wanted = normalise(label)
    for field in ("org", *FIELDS):
        names = {normalise(ctx.text(lang, f"open_hiring.field_{field}")) for lang in ("nl", "en")}
        if wanted in names:
            return field, value.strip()
    return None


async def preview_typed(ctx: Ctx, text: str) -> None:
    """At the preview: yes publishes; 'Loon: …' changes that field; a longer text is taken
    as the description of the work (and said so)."""
    vacancy = await own_vacancy(ctx, ctx.user.flow_data.get("vid"))
    if vacancy is None:
        ctx.set_state(None)
        ctx.say(ctx.t("open_hiring.vacancy_gone_employer"))
        return
    if parse_yes_no(text) is True:
        await publish(ctx, vacancy)
        return
    labelled = _labelled_field(ctx, text)
    if labelled is not None:
        field, value_text = labelled
        value, error = parse_field(ctx, field, value_text)
        if error is None:
            apply_field(vacancy, field, value)
            ctx.say(ctx.t("open_hiring.saved"))
        else:
            ctx.say(error)
        await preview(ctx, vacancy)
        return
    value = " ".join(text.split())
    low, high = TEXT_LIMITS["description"]
    if low <= len(value) <= high:
        vacancy.description = value
        ctx.say(ctx.t("open_hiring.description_from_preview"))
        await preview(ctx, vacancy)
        return
    ctx.say(ctx.t("open_hiring.preview_hint"))
    await preview(ctx, vacancy)
