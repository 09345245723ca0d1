"""The werkfit questionnaire: one question per message, back/skip/pause, profile at the end.

Typed answers go through the shared parse module (answers.py); rendering is in screens.py,
runs and results in runs.py and result.py, the reminders to come back in reminders.py.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from powbot.conversation.context import Ctx
from powbot.conversation.parse import parse_id, parse_yes_no
from powbot.domain.messages import Callback
from powbot.domain.urgent import alert_coach_urgently
from powbot.features.menu import show_menu
from powbot.features.onboarding.flow import ask_consent
from powbot.features.questionnaire import screens
from powbot.features.questionnaire.answers import (
    CONTINUE_WORDS,
    RESTART_WORDS,
    URGENT_KINDS,
    button_value,
    is_done_word,
    is_own_option,
    normalise_multi,
    parse_answer,
    typed_control,
)
from powbot.features.questionnaire.reminders import mute, plan_reminders, stop_reminders
from powbot.features.questionnaire.result import more_tips, show_latest, show_result
from powbot.features.questionnaire.runs import (
    NAME,
    answers_of,
    current_run,
    finish_run,
    latest_results,
    new_run,
    open_run,
    path_of,
    pause,
)
from powbot.knowledge.questionnaire import Question
from powbot.knowledge.text import normalise
from powbot.storage.models import QuestionnaireRun

__all__ = ["QuestionnaireFlow", "show_latest", "start"]


async def start(ctx: Ctx) -> None:
    """Menu entry and /vragenlijst: consent first, then resume or begin."""
    if ctx.user.consent_at is None:
        await ask_consent(ctx, then=NAME)
        return
    if ctx.user.flow == NAME:
        await pause(ctx)  # write the working copy back before looking at the run
    run = await open_run(ctx)
    if run is not None and run.path:
        ctx.set_state(NAME, "resume?", run=run.id)
        number, total = ctx.content.questionnaire.progress(run.answers)
        ctx.say(
            ctx.t("questionnaire.resume_offer", number=number, total=total),
            [
                [ctx.button(ctx.t("questionnaire.continue"), NAME, "continue")],
                [ctx.button(ctx.t("questionnaire.start_over"), NAME, "restart")],
            ],
        )
        return
    await _begin(ctx, run)


async def _begin(ctx: Ctx, run: QuestionnaireRun | None, intro: bool = True) -> None:
    if run is None:
        run = await new_run(ctx)
    await plan_reminders(ctx, run)  # once per run (runs from before reminders get them too)
    run.status = "active"
    ctx.set_state(NAME, None, run=run.id, answers=dict(run.answers), path=list(run.path))
    if intro:
        _, total = ctx.content.questionnaire.progress({})
        ctx.say(ctx.t("questionnaire.intro", total=total))
    await ask(ctx)


async def _continue_or_restart(ctx: Ctx, restart: bool) -> None:
    if ctx.user.consent_at is None:
        await ask_consent(ctx, then=NAME)
        return
    if ctx.user.flow == NAME:
        await pause(ctx)
    run = await open_run(ctx)
    if restart and run is not None:
        run.status = "abandoned"
        await stop_reminders(ctx, run.id)
        run = None
    await _begin(ctx, run, intro=run is None)


async def ask(ctx: Ctx, prefix: str | None = None) -> None:
    """Show the current question (the first unanswered one that applies)."""
    if "run" not in ctx.user.flow_data or "answers" not in ctx.user.flow_data:
        ctx.set_state(None)
        await start(ctx)
        return
    question = ctx.content.questionnaire.next_question(answers_of(ctx))
    if question is None:
        await _finish(ctx)
        return
    if ctx.user.step != question.id:
        ctx.update_state(step=question.id, sel=[], pending=None, earlier=None)
    pending = ctx.user.flow_data.get("pending")
    if pending:
        screens.ask_partial(ctx, _question(ctx), pending["found"], pending["unknown"])
        return
    earlier = ctx.user.flow_data.get("earlier")
    if earlier and prefix is None:
        prefix = ctx.t(
            "questionnaire.earlier_answer", answer=screens.answer_text(ctx, question, earlier)
        )
    screens.show_question(ctx, question, prefix)


def _question(ctx: Ctx) -> Question | None:
    return ctx.content.questionnaire.question(ctx.user.step or "")


async def _store(
    ctx: Ctx, question: Question, value: dict[str, Any], *, helped: bool = False
) -> None:
    # Reassigned, not mutated: the JSON column notices a new value, not an edit in place.
    ctx.update_state(
        answers={**answers_of(ctx), question.id: {**value, "at": ctx.now.isoformat()}},
        path=[*[q for q in path_of(ctx) if q != question.id], question.id],
        sel=[],
        pending=None,
        earlier=None,
        misses=0,
    )
    prefix = None
    urgent = (
        ctx.content.questionnaire.urgent_for(question, value["value"]) if "value" in value else None
    )
    if urgent and helped:
        prefix = ctx.t("questionnaire.after_urgent")
    elif urgent:
        # Shown at once, in its own message, before anything else; a linked coach who may
        # know gets an urgent alert (kind only, never the answer).
        ctx.say(ctx.content.questionnaire.urgent_help[urgent].get(ctx.lang))
        await alert_coach_urgently(ctx, ctx.user, URGENT_KINDS.get(urgent, urgent))
        prefix = ctx.t("questionnaire.after_urgent")
    await ask(ctx, prefix)


async def _back(ctx: Ctx, _arg: str = "") -> None:
    """One question back, showing the earlier answer (and keeping a multi question's ticks)."""
    path = path_of(ctx)
    if not path:
        ctx.toast = ctx.t("questionnaire.nothing_to_go_back")
        await ask(ctx)
        return
    last = path[-1]
    previous = answers_of(ctx).get(last)
    answers = {key: value for key, value in answers_of(ctx).items() if key != last}
    value = (previous or {}).get("value")
    ticks = list(value) if isinstance(value, list) else []
    ctx.update_state(
        step=last, sel=ticks, path=path[:-1], answers=answers, earlier=previous, misses=0
    )
    await ask(ctx)


async def _pause(ctx: Ctx, _arg: str = "") -> None:
    await pause(ctx)
    ctx.set_state(None)
    await show_menu(ctx, "questionnaire.paused")


async def _finish(ctx: Ctx) -> None:
    run = await current_run(ctx)
    if run is None:  # erased or finished elsewhere meanwhile
        ctx.set_state(None)
        await show_menu(ctx)
        return
    previous = next(iter(await latest_results(ctx, 1)), None)
    urgent = ctx.content.questionnaire.score(answers_of(ctx)).urgent
    result = await finish_run(ctx, run)
    await stop_reminders(ctx, run.id)
    ctx.set_state(None)
    ctx.say(ctx.t("questionnaire.finished"))
    await show_result(ctx, result, previous, urgent)


# --- typed text ---------------------------------------------------------------------------


async def _typed_control(ctx: Ctx, question: Question, text: str) -> bool:
    """A control word typed instead of pressed (see answers.typed_control)."""
    control = typed_control(question, text)
    if control in ("why", "unclear"):
        screens.explain(ctx, question, why=control == "why")
        await ask(ctx)
    elif control == "required":  # 'liever niet' where the profile needs an answer
        await ask(ctx, prefix=ctx.t("questionnaire.required"))
    elif control == "decline":
        await _store(
            ctx, question, {"prefer_not": True} if question.may_decline else {"skipped": True}
        )
    elif control == "skip":
        await _store(ctx, question, {"skipped": True})
    elif control in ("back", "pause"):
        await (_back if control == "back" else _pause)(ctx)
    return control is not None


async def _typed_answer(ctx: Ctx, question: Question, text: str) -> None:
    sel = ctx.user.flow_data.get("sel")
    if question.type == "multi" and sel and is_done_word(text, ctx.t("questionnaire.done")):
        await _store(ctx, question, {"value": sel})
        return
    parsed = parse_answer(question, text)
    if parsed.partial:
        found, unknown = parsed.partial
        ctx.update_state(pending={"found": found, "unknown": unknown})
        screens.ask_partial(ctx, _question(ctx), found, unknown)
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
            screens.explain(ctx, question, why=False)
            await ask(ctx)
            return
        await ask(ctx, prefix=ctx.t(parsed.error, **parsed.error_values))
    else:
        await _store(ctx, question, {"value": parsed.value})


async def _confirm_partial(ctx: Ctx, question: Question, yes: bool | None) -> None:
    pending = ctx.user.flow_data.get("pending") or {}
    if yes is None:
        screens.ask_partial(
            ctx, _question(ctx), pending.get("found", []), pending.get("unknown", [])
        )
    elif yes and pending.get("found"):
        await _store(ctx, question, {"value": pending["found"]})
    else:
        ctx.update_state(pending=None)
        await ask(ctx, prefix=ctx.t("questionnaire.hint_multi"))


# --- buttons ------------------------------------------------------------------------------


async def _on_answer(ctx: Ctx, question: Question, arg: str) -> None:
    value = button_value(question, arg)
    if value is None:
        ctx.toast = ctx.t("common.button_unknown")
        await ask(ctx)
        return
    await _store(ctx, question, {"value": value})


async def _on_toggle(ctx: Ctx, question: Question, arg: str) -> None:
    index = parse_id(arg) if arg != "0" else 0
    if question.type != "multi" or index is None or index >= len(question.options):
        await ask(ctx)
        return
    option_id = question.options[index].id
    chosen = list(ctx.user.flow_data.get("sel", []))
    if option_id in chosen:
        chosen.remove(option_id)
    else:
        chosen = normalise_multi(question, [*chosen, option_id])
    ctx.update_state(sel=chosen)
    await ask(ctx)


async def _on_done(ctx: Ctx, question: Question, arg: str) -> None:
    chosen = ctx.user.flow_data.get("sel", [])
    if question.type != "multi" or not chosen:
        ctx.toast = ctx.t("questionnaire.choose_first")
        await ask(ctx)
        return
    await _store(ctx, question, {"value": chosen})


async def _on_number(ctx: Ctx, question: Question, arg: str) -> None:
    """One of the two numbers offered after a range ('24 tot 32')."""
    await _typed_answer(ctx, question, arg)


async def _on_control(ctx: Ctx, question: Question, action: str) -> None:
    if action == "s" and question.allow_skip:
        await _store(ctx, question, {"skipped": True})
    elif action == "p" and question.may_decline:
        await _store(ctx, question, {"prefer_not": True})
    elif action == "w" and question.why:
        ctx.say(question.why.get(ctx.lang))
        await ask(ctx)
    else:
        ctx.toast = ctx.t("common.button_unknown")
        await ask(ctx)


QuestionAction = Callable[[Ctx, Question, str], Awaitable[None]]
ON_QUESTION: dict[str, QuestionAction] = {
    "a": _on_answer,
    "t": _on_toggle,
    "d": _on_done,
    "n": _on_number,
    "k": lambda ctx, question, arg: _confirm_partial(
        ctx, question, {"yes": True, "no": False}.get(arg)
    ),
}


async def _resume_answer(ctx: Ctx, text: str) -> None:
    """'ja', 'verder' -> continue; 'opnieuw' -> start over; anything else: the offer again."""
    said = normalise(text)
    if said in RESTART_WORDS:
        await _continue_or_restart(ctx, restart=True)
    elif parse_yes_no(text) or said in CONTINUE_WORDS:
        await _continue_or_restart(ctx, restart=False)
    else:
        await start(ctx)


class QuestionnaireFlow:
    name = NAME
    roles: frozenset[str | None] = frozenset({"seeker"})
    # Under a reminder or a result (pushed or kept, not bound to a screen).
    unbound_actions: frozenset[str] = frozenset({"continue", "mute", "tips"})
    start = staticmethod(start)

    async def on_text(self, ctx: Ctx, text: str) -> None:
        if ctx.user.step == "resume?":
            await _resume_answer(ctx, text)
            return
        question = _question(ctx)
        if question is None or "answers" not in ctx.user.flow_data:
            await ask(ctx)
        elif ctx.user.flow_data.get("pending"):
            await _confirm_partial(ctx, question, parse_yes_no(text))
        elif not await _typed_control(ctx, question, text):
            await _typed_answer(ctx, question, text)

    def own_answer(self, ctx: Ctx, text: str) -> bool:
        question = _question(ctx)
        return question is not None and is_own_option(question, text)

    async def on_button(self, ctx: Ctx, callback: Callback) -> None:
        action = callback.action
        if action in ("mute", "tips"):
            await (mute if action == "mute" else more_tips)(ctx, callback.arg)
            return
        if ctx.user.step == "resume?" or action in ("continue", "restart"):
            await _continue_or_restart(ctx, restart=action == "restart")
            return
        question = _question(ctx)
        if "answers" not in ctx.user.flow_data or question is None:
            await ask(ctx)
        elif action in ON_QUESTION:
            await ON_QUESTION[action](ctx, question, callback.arg)
        elif action == "b":
            await _back(ctx)
        elif action == "z":
            await _pause(ctx)
        else:
            await _on_control(ctx, question, action)

    async def resume(self, ctx: Ctx) -> None:
        if ctx.user.step == "resume?":
            await start(ctx)
        else:
            await ask(ctx)

    async def on_stop(self, ctx: Ctx) -> None:
        await pause(ctx)

    async def on_safety(self, ctx: Ctx, text: str, hit: object) -> None:
        """The crisis help was given. When the text also answers the question ('Ik heb geen
        plek om te slapen' at 'Waar woon je nu?'), keep it; otherwise show the question again."""
        question = _question(ctx)
        parsed = (
            parse_answer(question, text) if question and "answers" in ctx.user.flow_data else None
        )
        if question is None or parsed is None or parsed.error or parsed.partial:
            await ask(ctx, prefix=ctx.t("questionnaire.after_urgent"))
            return
        await _store(ctx, question, {"value": parsed.value}, helped=True)

    def takes_number(self, content: Any, step: str | None) -> bool:
        """A bare number typed at a number question is the answer, not a button position."""
        question = content.questionnaire.question(step or "")
        return question is not None and question.type == "number"
