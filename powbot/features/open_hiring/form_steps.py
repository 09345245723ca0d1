"""The posting form after the fields: the yes/no questions to choose (buttons from the
content, toggled), the employer's own questions in a loop (with an optional English
version), what the finished form does (a draft, or the edited vacancy saved), and what the
employer types at the preview."""

from __future__ import annotations

from typing import Any

from powbot.conversation.context import Ctx
from powbot.conversation.form import SKIPPED, Choice, Parsed, Step
from powbot.conversation.parse import parse_yes_no
from powbot.features.open_hiring.manage import own_vacancy, publish, show
from powbot.features.open_hiring.posting import (
    CUSTOM_LIMITS,
    FIELDS,
    PARSERS,
    apply_field,
    preview,
    text,
)
from powbot.knowledge.text import normalise
from powbot.storage.models_open_hiring import Vacancy

_custom_length = text(*CUSTOM_LIMITS)


def _custom_text(ctx: Ctx, typed: str) -> Parsed:
    """An own question candidates answer with yes or no: a question mark or at least two
    words, so a stray word ("plaatsen", "vca") is not posted as a question."""
    parsed = _custom_length(ctx, typed)
    if parsed.error is None and "?" not in typed and len(typed.split()) < 2:
        return Parsed(error="open_hiring.custom_not_a_question")
    return parsed


def _question_choices(ctx: Ctx) -> tuple[Choice, ...]:
    return tuple(
        Choice(q.id, "", text=q.label.get(ctx.lang)) for q in ctx.content.open_hiring.questions
    )


def _custom(ctx: Ctx) -> list[str]:
    return list(ctx.user.flow_data.get("answers", {}).get("own", []))


def _left(ctx: Ctx) -> int:
    return ctx.content.open_hiring.max_custom_questions - len(_custom(ctx))


async def _questions_chosen(ctx: Ctx, value: Any, answers: dict[str, Any]) -> str | None:
    # The employer's own questions are asked (again) after the standard set.
    answers["own"], answers["own_en"] = [], []
    answers["more"] = ctx.content.open_hiring.max_custom_questions > 0
    return None


def _add_or_typed(ctx: Ctx, typed: str) -> Parsed:
    """At "another question?": yes, no, or the question typed straight away."""
    answer = parse_yes_no(typed)
    if answer is not None:
        return Parsed(value="add" if answer else "skip")
    if len(typed.strip()) < CUSTOM_LIMITS[0]:
        return Parsed(error="common.choose_a_button")
    parsed = _custom_text(ctx, typed)
    return Parsed(value={"q": parsed.value}) if parsed.error is None else parsed


async def _custom_added(ctx: Ctx, value: Any, answers: dict[str, Any]) -> str | None:
    answers["own"] = [*answers.get("own", []), value]
    return None


async def _custom_typed_at_once(ctx: Ctx, value: Any, answers: dict[str, Any]) -> str | None:
    if isinstance(value, dict):
        await _custom_added(ctx, value["q"], answers)
    return None


async def _english_added(ctx: Ctx, value: Any, answers: dict[str, Any]) -> str | None:
    """The English version of the last question ("" when skipped: then it is marked as the
    employer's Dutch words for English readers)."""
    custom = answers.get("own", [])
    english = list(answers.get("own_en", []))
    english += [""] * (len(custom) - 1 - len(english))
    english.append("" if value == SKIPPED else value)
    answers["own_en"] = english[: len(custom)]
    answers["more"] = len(custom) < ctx.content.open_hiring.max_custom_questions
    return None


def _after_add(answers: Any) -> str | None:
    value = answers["custom?"]
    if isinstance(value, dict):
        return "custom_en"  # the question was typed straight away
    return "custom" if value == "add" else None


QUESTION_STEPS = (
    Step(
        "questions",
        "open_hiring.ask_questions",
        options=_question_choices,
        multi=True,
        done="open_hiring.questions_done",
        hint="open_hiring.questions_hint",
        takes_number=True,
        after=_questions_chosen,
        next=lambda answers: "custom?" if answers.get("more") else None,
        goes_to=("custom?",),
    ),
    Step(
        "custom?",
        "open_hiring.ask_custom",
        parse=_add_or_typed,
        choices=(
            Choice("add", "open_hiring.custom_add"),
            Choice("skip", "open_hiring.custom_skip"),
        ),
        values=lambda ctx: {"left": _left(ctx)},
        back=False,
        after=_custom_typed_at_once,
        next=_after_add,
        goes_to=("custom", "custom_en"),
    ),
    Step(
        "custom",
        "open_hiring.ask_custom_text",
        parse=_custom_text,
        back=False,
        after=_custom_added,
        next="custom_en",
    ),
    Step(
        "custom_en",
        "open_hiring.ask_custom_en",
        parse=_custom_text,
        skip=True,
        skip_label="open_hiring.custom_en_skip",
        back=False,
        after=_english_added,
        next=lambda answers: "custom?" if answers.get("more") else None,
        goes_to=("custom?",),
    ),
)


# --- an edited vacancy --------------------------------------------------------------------


async def _gone(ctx: Ctx) -> None:
    ctx.set_state(None)
    ctx.say(ctx.t("open_hiring.vacancy_gone_employer"))


async def save_edit(ctx: Ctx, answers: dict[str, Any]) -> None:
    """One field changed, or the questions chosen again (drafts only): saved on the vacancy."""
    data = ctx.user.flow_data
    vacancy = await own_vacancy(ctx, data.get("edit"))
    field = str(data.get("field", ""))
    if field == "questions":
        if vacancy is None or vacancy.status != "draft":
            await _gone(ctx)
            return
        chosen = ctx.content.open_hiring.ordered(answers.get("questions", []))
        vacancy.questions = [q.id for q in chosen]
        vacancy.custom_questions = list(answers.get("own", []))
        vacancy.custom_questions_en = list(answers.get("own_en", []))
        await preview(ctx, vacancy)
        return
    if vacancy is None or vacancy.status == "closed" or field not in answers:
        await _gone(ctx)
        return
    apply_field(vacancy, field, answers[field])
    ctx.say(ctx.t("open_hiring.saved"))
    await show(ctx, vacancy)


# --- typed at the preview -------------------------------------------------------------------


def _labelled_field(ctx: Ctx, typed: str) -> tuple[str, str] | None:
    """'Loon: 15 euro' -> ('pay', '15 euro'): a field named by its label, then a value."""
    label, colon, value = typed.partition(":")
    if not colon or not value.strip():
        return None
    wanted = normalise(label)
    for field in ("org", *FIELDS):
        names = {normalise(ctx.text(lang, f"open_hiring.field_{field}")) for lang in ("nl", "en")}
        if wanted in names:
            return field, value.strip()
    return None


def _change_field(ctx: Ctx, vacancy: Vacancy, field: str, typed: str) -> None:
    """The field's own step reads the value, as if it had been asked."""
    parsed = PARSERS[field](ctx, typed)
    if parsed.error is None:
        apply_field(vacancy, field, parsed.value)
        ctx.say(ctx.t("open_hiring.saved"))
    else:
        ctx.say(ctx.t(parsed.error, **parsed.values))


async def preview_typed(ctx: Ctx, typed: str) -> None:
    """At the preview: yes publishes; 'Loon: …' changes that field; a longer text is taken
    as the description of the work (and said so)."""
    vacancy = await own_vacancy(ctx, ctx.user.flow_data.get("vid"))
    if vacancy is None:
        await _gone(ctx)
        return
    if parse_yes_no(typed) is True:
        await publish(ctx, vacancy)
        return
    labelled = _labelled_field(ctx, typed)
    if labelled is not None:
        _change_field(ctx, vacancy, *labelled)
    elif PARSERS["description"](ctx, typed).error is None:
        vacancy.description = " ".join(typed.split())
        ctx.say(ctx.t("open_hiring.description_from_preview"))
    else:
        ctx.not_understood = True  # a button's words ('plaatsen') are read after this
        ctx.say(ctx.t("open_hiring.preview_hint"))
    await preview(ctx, vacancy)
