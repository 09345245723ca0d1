"""Typed text at a question: control words ('waarom?', 'liever niet', 'terug'), answers
through the shared parse module, and the "klopt dat?" for an answer understood in part."""

from __future__ import annotations

from powbot.conversation.context import Ctx
from powbot.conversation.parse import parse_yes_no
from powbot.features.questionnaire import screens
from powbot.features.questionnaire.answers import (
    CONTINUE_WORDS,
    RESTART_WORDS,
    is_done_word,
    normalise_multi,
    parse_answer,
    typed_control,
)
from powbot.features.questionnaire.moves import (
    ask,
    ask_restart,
    back,
    continue_or_restart,
    current_question,
    pause_to_menu,
    start,
    store,
)
from powbot.knowledge.questionnaire import Question
from powbot.knowledge.text import normalise


async def typed_control_word(ctx: Ctx, question: Question, text: str) -> bool:
    """A control word typed instead of pressed (see answers.typed_control)."""
    control = typed_control(question, text)
    if control in ("why", "unclear"):
        screens.explain(ctx, question, why=control == "why")
        await ask(ctx)
    elif control == "required":  # 'liever niet' where the profile needs an answer
        await ask(ctx, prefix=ctx.t("questionnaire.required"))
    elif control == "decline":
        await store(
            ctx, question, {"prefer_not": True} if question.may_decline else {"skipped": True}
        )
    elif control == "skip":
        await store(ctx, question, {"skipped": True})
    elif control in ("back", "pause"):
        await (back if control == "back" else pause_to_menu)(ctx)
    return control is not None


async def typed_answer(ctx: Ctx, question: Question, text: str) -> None:
    sel = ctx.user.flow_data.get("sel")
    if question.type == "multi" and sel and is_done_word(text, ctx.t("questionnaire.done")):
        await store(ctx, question, {"value": sel})
        return
    parsed = parse_answer(question, text)
    if question.type == "multi" and isinstance(parsed.value, list):
        ticked = _ticks(question, sel, parsed.value)
        if ticked is not None:
            ctx.update_state(sel=ticked, misses=0)
            await ask(ctx)
            return
    if parsed.partial or parsed.unsure:
        found, unknown = parsed.partial or ([], [])
        pending = {"value": parsed.value} if parsed.unsure else {"found": found, "unknown": unknown}
        ctx.update_state(pending=pending)
        screens.ask_pending(ctx, current_question(ctx), pending)
    elif parsed.which:
        ctx.say(
            ctx.t(parsed.error or "", **parsed.error_values),
            screens.which_buttons(ctx, *parsed.which),
        )
    elif parsed.error:
        misses = int(ctx.user.flow_data.get("misses") or 0) + 1
        ctx.update_state(misses=misses)
        if misses == 2 and question.explain:  # not understood twice: say it in other words
            ctx.say(ctx.t(parsed.error, **parsed.error_values))
            screens.explain(ctx, question, why=False, asked=False)
            await ask(ctx)
            return
        await ask(ctx, prefix=ctx.t(parsed.error, **parsed.error_values))
    else:
        await store(ctx, question, {"value": parsed.value})


def _ticks(question: Question, sel: list[str] | None, typed: list[str]) -> list[str] | None:
    """Typed at a multiple-choice question, answers tick like the buttons do, so nothing
    ticked before is lost and one typed answer does not end the question; a whole list
    typed at once (or one answer that excludes the rest, 'niets') is the complete answer."""
    one_exclusive = len(typed) == 1 and (option := question.option(typed[0])) and option.exclusive
    if not sel and (len(typed) > 1 or one_exclusive):
        return None
    return normalise_multi(question, [*(sel or []), *(v for v in typed if v not in (sel or []))])


async def confirm_pending(ctx: Ctx, question: Question, yes: bool | None) -> None:
    pending = ctx.user.flow_data.get("pending") or {}
    if yes is None:
        screens.ask_pending(ctx, current_question(ctx), pending)
    elif yes and "value" in pending:
        await store(ctx, question, {"value": pending["value"]})
    elif yes and pending.get("found"):  # added to what was ticked before, none lost
        ticked = _ticks(question, ctx.user.flow_data.get("sel") or [], pending["found"])
        await store(ctx, question, {"value": ticked or pending["found"]})
    else:
        ctx.update_state(pending=None)
        # A clear 'nee' to "klopt dat?" is not a misunderstanding: try again, kindly.
        await ask(ctx, prefix=ctx.t("questionnaire.hint_multi" if yes else "form.try_again"))


async def resume_answer(ctx: Ctx, text: str) -> None:
    """At "verder waar je was?": 'ja', 'verder' -> continue; 'opnieuw' -> are you sure?
    At "weet je het zeker?": 'ja' -> start over, 'nee' -> continue. Else: the offer again."""
    said = normalise(text)
    sure = parse_yes_no(text)
    if ctx.user.step == "restart?":
        if sure is None and said not in CONTINUE_WORDS:
            await ask_restart(ctx)
        else:
            await continue_or_restart(ctx, restart=bool(sure))
    elif said in RESTART_WORDS:
        await ask_restart(ctx)
    elif sure or said in CONTINUE_WORDS:
        await continue_or_restart(ctx, restart=False)
    else:
        await start(ctx)
