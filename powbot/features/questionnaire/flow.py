"""The werkfit questionnaire as a flow: one question per message, back/skip/pause, profile
at the end. Moving through a run is in moves.py, typed text in typed.py (through the shared
parse module, answers.py), rendering in screens.py, runs and results in runs.py and
result.py, the reminders to come back in reminders.py; this module dispatches buttons and
text to them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from powbot.conversation.context import Ctx
from powbot.conversation.parse import parse_id, parse_yes_no
from powbot.domain.messages import Callback
from powbot.features.questionnaire.answers import (
    button_value,
    is_own_option,
    normalise_multi,
    parse_answer,
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
from powbot.features.questionnaire.reminders import mute
from powbot.features.questionnaire.result import more_tips, show_latest
from powbot.features.questionnaire.runs import NAME, pause
from powbot.features.questionnaire.typed import (
    confirm_pending,
    resume_answer,
    typed_answer,
    typed_control_word,
)
from powbot.knowledge.questionnaire import Question

__all__ = ["QuestionnaireFlow", "show_latest", "start"]


# --- buttons ------------------------------------------------------------------------------


async def _on_answer(ctx: Ctx, question: Question, arg: str) -> None:
    value = button_value(question, arg)
    if value is None:
        ctx.toast = ctx.t("common.button_unknown")
        await ask(ctx)
        return
    await store(ctx, question, {"value": value})


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
    await store(ctx, question, {"value": chosen})


async def _on_keep(ctx: Ctx, question: Question, arg: str) -> None:
    """'Zo laten' after Back: the answer given before, stored again as it was."""
    earlier = ctx.user.flow_data.get("earlier")
    if not isinstance(earlier, dict):
        await ask(ctx)
        return
    await store(ctx, question, {key: value for key, value in earlier.items() if key != "at"})


async def _on_number(ctx: Ctx, question: Question, arg: str) -> None:
    """One of the two numbers offered after a range ('24 tot 32')."""
    await typed_answer(ctx, question, arg)


async def _on_control(ctx: Ctx, question: Question, action: str) -> None:
    if action == "s" and question.allow_skip:
        await store(ctx, question, {"skipped": True})
    elif action == "p" and question.may_decline:
        await store(ctx, question, {"prefer_not": True})
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
    "e": _on_keep,
    "k": lambda ctx, question, arg: confirm_pending(
        ctx, question, {"yes": True, "no": False}.get(arg)
    ),
}


class QuestionnaireFlow:
    name = NAME
    roles: frozenset[str | None] = frozenset({"seeker"})
    # Under a reminder or a result (pushed or kept, not bound to a screen).
    unbound_actions: frozenset[str] = frozenset({"continue", "mute", "tips"})
    start = staticmethod(start)

    async def on_text(self, ctx: Ctx, text: str) -> None:
        if ctx.user.step in ("resume?", "restart?"):
            await resume_answer(ctx, text)
            return
        question = current_question(ctx)
        if question is None or "answers" not in ctx.user.flow_data:
            await ask(ctx)
        elif ctx.user.flow_data.get("pending"):
            await confirm_pending(ctx, question, parse_yes_no(text))
        elif not await typed_control_word(ctx, question, text):
            await typed_answer(ctx, question, text)

    def own_answer(self, ctx: Ctx, text: str) -> bool:
        question = current_question(ctx)
        return question is not None and is_own_option(question, text)

    async def on_button(self, ctx: Ctx, callback: Callback) -> None:
        action = callback.action
        if action in ("mute", "tips"):
            await (mute if action == "mute" else more_tips)(ctx, callback.arg)
            return
        if action == "restart":
            await ask_restart(ctx)
            return
        if ctx.user.step in ("resume?", "restart?") or action in ("continue", "restartyes"):
            await continue_or_restart(ctx, restart=action == "restartyes")
            return
        question = current_question(ctx)
        if "answers" not in ctx.user.flow_data or question is None:
            await ask(ctx)
        elif action in ON_QUESTION:
            await ON_QUESTION[action](ctx, question, callback.arg)
        elif action == "b":
            await back(ctx)
        elif action == "z":
            await pause_to_menu(ctx)
        else:
            await _on_control(ctx, question, action)

    async def resume(self, ctx: Ctx) -> None:
        if ctx.user.step == "resume?":
            await start(ctx)
        elif ctx.user.step == "restart?":
            await ask_restart(ctx)
        else:
            await ask(ctx)

    async def on_stop(self, ctx: Ctx) -> None:
        await pause(ctx)

    async def on_safety(self, ctx: Ctx, text: str, hit: object) -> None:
        """The crisis help was given. When the text also answers the question ('Ik heb geen
        plek om te slapen' at 'Waar woon je nu?'), keep it; otherwise show the question again."""
        question = current_question(ctx)
        parsed = (
            parse_answer(question, text) if question and "answers" in ctx.user.flow_data else None
        )
        if question is None or parsed is None or parsed.error or parsed.partial:
            await ask(ctx, prefix=ctx.t("questionnaire.after_urgent"))
            return
        await store(ctx, question, {"value": parsed.value}, helped=True)

    def takes_number(self, content: Any, step: str | None) -> bool:
        """A bare number typed at a number question is the answer, not a button position."""
        question = content.questionnaire.question(step or "")
        return question is not None and question.type == "number"
