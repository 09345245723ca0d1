"""Moving through a questionnaire run: begin or resume it, ask the current question, store
an answer (urgent help first where an answer calls for it), go back, pause, finish."""

from __future__ import annotations

from typing import Any

from powbot.conversation.context import Ctx
from powbot.domain.questionnaire_runs import RunRow
from powbot.domain.urgent import alert_coach_urgently
from powbot.features.menu import show_menu
from powbot.features.onboarding.flow import ask_consent
from powbot.features.questionnaire import screens
from powbot.features.questionnaire.answers import URGENT_KINDS
from powbot.features.questionnaire.reminders import stop_reminders
from powbot.features.questionnaire.result import show_result
from powbot.features.questionnaire.runs import (
    NAME,
    answers_of,
    begin_run,
    current_run,
    finish_run,
    latest_results,
    open_run,
    path_of,
    pause,
    run_to_begin,
)
from powbot.knowledge.questionnaire import Question
from powbot.storage.models import QuestionnaireRun


async def start(ctx: Ctx) -> None:
    """Menu entry and /vragenlijst: consent first, then resume or begin."""
    if ctx.user.consent_at is None:
        await ask_consent(ctx, then=NAME)
        return
    if ctx.user.flow == NAME:
        await pause(ctx)  # write the working copy back before looking at the run
    run = await run_to_begin(ctx)
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


async def _begin(ctx: Ctx, run: QuestionnaireRun | RunRow | None, intro: bool = True) -> None:
    run = await begin_run(ctx, run)
    ctx.set_state(NAME, None, run=run.id, answers=dict(run.answers), path=list(run.path))
    if intro:
        _, total = ctx.content.questionnaire.progress({})
        ctx.say(ctx.t("questionnaire.intro", total=total))
    await ask(ctx)


async def ask_restart(ctx: Ctx) -> None:
    """'Opnieuw beginnen' threw away every answer at once (tester): say so and ask first."""
    run = await open_run(ctx)
    if run is None or not run.path:
        await continue_or_restart(ctx, restart=True)
        return
    number, total = ctx.content.questionnaire.progress(run.answers)
    ctx.set_state(NAME, "restart?", run=run.id)
    ctx.say(
        ctx.t("questionnaire.restart_confirm", number=number, total=total),
        [
            [ctx.button(ctx.t("questionnaire.restart_yes"), NAME, "restartyes")],
            [ctx.button(ctx.t("questionnaire.continue"), NAME, "continue")],
        ],
    )


async def continue_or_restart(ctx: Ctx, restart: bool) -> None:
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
        screens.ask_pending(ctx, current_question(ctx), pending)
        return
    earlier = ctx.user.flow_data.get("earlier")
    if earlier and prefix is None:
        prefix = ctx.t(
            "questionnaire.earlier_answer", answer=screens.answer_text(ctx, question, earlier)
        )
    screens.show_question(ctx, question, prefix)


def current_question(ctx: Ctx) -> Question | None:
    return ctx.content.questionnaire.question(ctx.user.step or "")


async def store(
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
        ctx.say(screens.urgent_help(ctx, urgent))
        await alert_coach_urgently(ctx, ctx.user, URGENT_KINDS.get(urgent, urgent))
        prefix = ctx.t("questionnaire.after_urgent")
    await ask(ctx, prefix)


async def back(ctx: Ctx, _arg: str = "") -> None:
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


async def pause_to_menu(ctx: Ctx, _arg: str = "") -> None:
    await pause(ctx)
    ctx.set_state(None)
    await show_menu(ctx, "questionnaire.paused")


async def _finish(ctx: Ctx) -> None:
    run = await current_run(ctx)
    if run is None:  # erased or finished elsewhere meanwhile
        ctx.set_state(None)
        await show_menu(ctx)
        return
    # The reads first, without flushing: the person's row, the run and the result are then
    # written in one flush (at stop_reminders), not the person's row once per query.
    with ctx.session.no_autoflush:
        previous = next(iter(await latest_results(ctx, 1)), None)
    scored = ctx.content.questionnaire.score(answers_of(ctx))
    result = finish_run(ctx, run, scored)
    ctx.update_state(run=None)  # finished: leaving the flow has no run to save (settle)
    ctx.set_state(None)
    await stop_reminders(ctx, run.id)  # flushes the above first: the result gets its id
    ctx.say(ctx.t("questionnaire.finished"))
    await show_result(ctx, result, previous, scored.urgent)
