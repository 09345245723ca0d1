"""Questionnaire runs: the row that keeps a person's answers between sessions.

While a run is active its answers live in the conversation state (one row per update); the
run row gets them back on pause, stop and finish.
"""

from __future__ import annotations

from typing import Any

from powbot.conversation.context import Ctx
from powbot.domain import questionnaire_runs as queries
from powbot.features.questionnaire.reminders import plan_reminders
from powbot.knowledge.questionnaire import Scored
from powbot.storage.models import QuestionnaireResult, QuestionnaireRun

NAME = "questionnaire"
OPEN = queries.OPEN


def answers_of(ctx: Ctx) -> dict[str, dict[str, Any]]:
    return ctx.user.flow_data.get("answers", {})


def path_of(ctx: Ctx) -> list[str]:
    return ctx.user.flow_data.get("path", [])


async def new_run(ctx: Ctx) -> QuestionnaireRun:
    questionnaire = ctx.content.questionnaire
    run = QuestionnaireRun(
        user_id=ctx.user.id,
        questionnaire=questionnaire.id,
        version=questionnaire.version,
        started_at=ctx.now,
    )
    ctx.session.add(run)
    await ctx.session.flush()
    return run


async def open_run(ctx: Ctx) -> QuestionnaireRun | None:
    """The person's latest unfinished run, if any."""
    return await queries.open_run(ctx, ctx.user.id)


async def run_to_begin(ctx: Ctx) -> QuestionnaireRun | queries.RunRow | None:
    """`open_run` for starting: as a plain statement when the update has no session open
    (SQLite), so that `begin_run` can go on without one."""
    unit = queries.plain_unit(ctx)
    if unit is not None:
        return queries.open_run_now(unit, ctx.user.id)
    # Open or paused, the run is found either way: no flush of the person's row just for
    # this query (it is written with the new run, or at the end).
    with ctx.session.no_autoflush:
        return await open_run(ctx)


async def begin_run(
    ctx: Ctx, run: QuestionnaireRun | queries.RunRow | None
) -> QuestionnaireRun | queries.RunRow:
    """`run` (or a new one when None) made active, its reminders planned: through the
    session, or with plain statements while the update has none open (the same rows)."""
    unit = queries.plain_unit(ctx)
    if unit is None:
        assert not isinstance(run, queries.RunRow), "a plain row, and now a session"
        if run is None:
            run = await new_run(ctx)
        await plan_reminders(ctx, run)  # once per run (runs from before reminders too)
        run.status = "active"
        return run
    if run is None:
        questionnaire = ctx.content.questionnaire
        run = queries.new_run_now(
            unit, ctx.user.id, questionnaire.id, questionnaire.version, ctx.now
        )
    else:
        assert isinstance(run, queries.RunRow), "an ORM object, and no session"
        if run.status != "active":
            queries.set_status_now(unit, run.id, "active")
    await plan_reminders(ctx, run)
    return run


async def current_run(ctx: Ctx) -> QuestionnaireRun | None:
    """The run the conversation state points at, if it is still this person's and open."""
    run_id = ctx.user.flow_data.get("run")
    if not isinstance(run_id, int):
        return None
    # No flush first: a row read by its key does not depend on what else changed, and
    # leaving a flow (Ctx.settle) calls this with the state it left in the person's row.
    with ctx.session.no_autoflush:
        run = await ctx.session.get(QuestionnaireRun, run_id)
    if run is None or run.user_id != ctx.user.id or run.status not in OPEN:
        return None
    return run


async def pause(ctx: Ctx) -> QuestionnaireRun | None:
    """Write the working copy back to the run and mark it paused."""
    run = await current_run(ctx)
    if run is not None and "answers" in ctx.user.flow_data:
        run.answers = dict(answers_of(ctx))
        run.path = list(path_of(ctx))
        run.status = "paused"
    return run


async def latest_results(ctx: Ctx, limit: int) -> list[QuestionnaireResult]:
    return await queries.latest_results(ctx, ctx.user.id, limit)


def finish_run(ctx: Ctx, run: QuestionnaireRun, scored: Scored) -> QuestionnaireResult:
    """Close the run and keep the result (`scored`: the answers in the state, scored)."""
    run.answers = dict(answers_of(ctx))
    run.path = list(path_of(ctx))
    questionnaire = ctx.content.questionnaire
    run.status = "finished"
    run.finished_at = ctx.now
    result = QuestionnaireResult(
        user_id=ctx.user.id,
        run_id=run.id,  # type: ignore[arg-type]
        questionnaire=questionnaire.id,
        created_at=ctx.now,
        stage=scored.stage,
        domains=dict(scored.colors),
        advice=[str(index) for index in scored.advice],
    )
    ctx.session.add(result)
    return result
