"""The werkfit questionnaire: one question per message, back/skip/pause, profile at the end."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlmodel import col, select

from powbot.conversation.context import Ctx
from powbot.domain.messages import Button, Callback
from powbot.features.menu import show_menu
from powbot.features.onboarding.flow import ask_consent
from powbot.features.questionnaire.chart import domain_chart
from powbot.knowledge.questionnaire import Question, Questionnaire, normalise_multi, parse_typed
from powbot.storage.models import QuestionnaireResult, QuestionnaireRun

NAME = "questionnaire"
DOTS = {"green": "🟢", "orange": "🟠", "red": "🔴", "unknown": "⚪"}
BAR_CELLS = 10


async def start(ctx: Ctx) -> None:
    """Menu entry and /vragenlijst: consent first, then resume or begin."""
    if ctx.user.consent_at is None:
        await ask_consent(ctx, then=NAME)
        return
    if ctx.user.flow == NAME:
        await pause(ctx)  # write the working copy back before looking at the run
    run = await _open_run(ctx)
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
        run = await _new_run(ctx)
    run.status = "active"
    # While a run is active its answers live in the conversation state (one row per
    # update); the run row gets them back on pause, stop and finish.
    ctx.set_state(NAME, None, run=run.id, answers=dict(run.answers), path=list(run.path))
    if intro:
        _, total = ctx.content.questionnaire.progress({})
        ctx.say(ctx.t("questionnaire.intro", total=total))
    await ask(ctx)


async def _new_run(ctx: Ctx) -> QuestionnaireRun:
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


async def _open_run(ctx: Ctx) -> QuestionnaireRun | None:
    result = await ctx.session.exec(
        select(QuestionnaireRun)
        .where(
            QuestionnaireRun.user_id == ctx.user.id,
            col(QuestionnaireRun.status).in_(("active", "paused")),
        )
        .order_by(col(QuestionnaireRun.id).desc())
    )
    return result.first()


async def _run(ctx: Ctx) -> QuestionnaireRun | None:
    run_id = ctx.user.flow_data.get("run")
    if run_id is None:
        return None
    run = await ctx.session.get(QuestionnaireRun, run_id)
    if run is None or run.user_id != ctx.user.id or run.status not in ("active", "paused"):
        return None
    return run


def _answers(ctx: Ctx) -> dict[str, dict[str, Any]]:
    return ctx.user.flow_data.get("answers", {})


def _path(ctx: Ctx) -> list[str]:
    return ctx.user.flow_data.get("path", [])


def _bar(number: int, total: int) -> str:
    done = round(BAR_CELLS * (number - 1) / max(total, 1))
    return "▰" * done + "▱" * (BAR_CELLS - done)


async def ask(ctx: Ctx, prefix: str | None = None) -> None:
    """Show the current question (the first unanswered one that applies)."""
    if "run" not in ctx.user.flow_data or "answers" not in ctx.user.flow_data:
        ctx.set_state(None)
        await start(ctx)
        return
    answers = _answers(ctx)
    questionnaire = ctx.content.questionnaire
    question = questionnaire.next_question(answers)
    if question is None:
        await _finish(ctx, answers)
        return
    if ctx.user.step != question.id:
        ctx.update_state(step=question.id, sel=[])
    number, total = questionnaire.progress(answers)
    lines = [
        ctx.t("questionnaire.progress", number=number, total=total) + "  " + _bar(number, total),
        "",
        question.text.get(ctx.lang),
    ]
    if prefix:
        lines.insert(0, prefix + "\n")
    hint = _type_hint(ctx, question)
    if hint:
        lines.append(hint)
    ctx.say("\n".join(lines), _buttons(ctx, question, bool(_path(ctx))))


def _type_hint(ctx: Ctx, question: Question) -> str | None:
    if question.type == "multi":
        chosen = ctx.user.flow_data.get("sel", [])
        labels = [o.label.get(ctx.lang) for o in question.options if o.id in chosen]
        return (
            "\n"
            + ctx.t("questionnaire.multi_hint")
            + ("\n" + ctx.t("questionnaire.chosen", items=", ".join(labels)) if labels else "")
        )
    if question.type == "number":
        return "\n" + ctx.t("questionnaire.number_hint", min=question.min, max=question.max)
    if question.type == "text":
        return "\n" + ctx.t("questionnaire.text_hint", max=question.max_length)
    return None


def _buttons(ctx: Ctx, question: Question, can_go_back: bool) -> list[list[Button]]:
    rows: list[list[Button]] = []
    if question.type == "single":
        rows += [
            [ctx.button(option.label.get(ctx.lang), NAME, "a", str(index))]
            for index, option in enumerate(question.options)
        ]
    elif question.type == "multi":
        chosen = ctx.user.flow_data.get("sel", [])
        rows += [
            [
                ctx.button(
                    ("✅ " if option.id in chosen else "") + option.label.get(ctx.lang),
                    NAME,
                    "t",
                    str(index),
                )
            ]
            for index, option in enumerate(question.options)
        ]
        rows.append([ctx.button(ctx.t("questionnaire.done"), NAME, "d")])
    elif question.type == "scale":
        labels = question.scale_labels.get(ctx.lang) if question.scale_labels else []
        rows += [
            [ctx.button(f"{index + 1} · {label}", NAME, "a", str(index + 1))]
            for index, label in enumerate(labels)
        ]
    elif question.type == "yesno":
        rows.append(
            [
                ctx.button(ctx.t("common.yes"), NAME, "a", "1"),
                ctx.button(ctx.t("common.no"), NAME, "a", "0"),
            ]
        )
    extra: list[Button] = []
    if question.why:
        extra.append(ctx.button(ctx.t("questionnaire.why"), NAME, "w"))
    if question.may_decline:
        extra.append(ctx.button(ctx.t("questionnaire.prefer_not"), NAME, "p"))
    if question.allow_skip:
        extra.append(ctx.button(ctx.t("questionnaire.skip"), NAME, "s"))
    if extra:
        rows.append(extra)
    controls = [ctx.button(ctx.t("questionnaire.pause"), NAME, "z")]
    if can_go_back:
        controls.insert(0, ctx.button(ctx.t("questionnaire.back"), NAME, "b"))
    rows.append(controls)
    return rows


async def _store(ctx: Ctx, question: Question, value: dict[str, Any]) -> None:
    # Reassigned, not mutated: the JSON column notices a new value, not an edit in place.
    ctx.update_state(
        answers={**_answers(ctx), question.id: {**value, "at": ctx.now.isoformat()}},
        path=[*[q for q in _path(ctx) if q != question.id], question.id],
        sel=[],
    )
    prefix = None
    if "value" in value:
        urgent = ctx.content.questionnaire.urgent_for(question, value["value"])
        if urgent:
            # Shown at once, in its own message, before anything else.
            ctx.say(ctx.content.questionnaire.urgent_help[urgent].get(ctx.lang))
            prefix = ctx.t("questionnaire.after_urgent")
    await ask(ctx, prefix)


async def _back(ctx: Ctx) -> None:
    path = _path(ctx)
    if not path:
        ctx.toast = ctx.t("questionnaire.nothing_to_go_back")
        await ask(ctx)
        return
    last = path[-1]
    answers = {key: value for key, value in _answers(ctx).items() if key != last}
    ctx.update_state(step=last, sel=[], path=path[:-1], answers=answers)
    await ask(ctx)


async def _pause(ctx: Ctx) -> None:
    await pause(ctx)
    ctx.set_state(None)
    await show_menu(ctx, "questionnaire.paused")


async def pause(ctx: Ctx) -> None:
    """Write the working copy back to the run and mark it paused."""
    run = await _run(ctx)
    if run is not None and "answers" in ctx.user.flow_data:
        run.answers = dict(_answers(ctx))
        run.path = list(_path(ctx))
        run.status = "paused"


async def _finish(ctx: Ctx, answers: dict[str, dict[str, Any]]) -> None:
    run = await _run(ctx)
    if run is None:  # erased or finished elsewhere meanwhile
        ctx.set_state(None)
        await show_menu(ctx)
        return
    run.answers = dict(answers)
    run.path = list(_path(ctx))
    questionnaire = ctx.content.questionnaire
    scored = questionnaire.score(answers)
    previous = (
        await ctx.session.exec(
            select(QuestionnaireResult)
            .where(QuestionnaireResult.user_id == ctx.user.id)
            .order_by(col(QuestionnaireResult.created_at).desc())
        )
    ).first()
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
    ctx.set_state(None)
    ctx.say(ctx.t("questionnaire.finished"))
    await show_result(ctx, result, previous)


async def show_result(
    ctx: Ctx, result: QuestionnaireResult, previous: QuestionnaireResult | None = None
) -> None:
    questionnaire = ctx.content.questionnaire
    ctx.say(render_result(ctx, questionnaire, result, previous))
    rows = [
        (
            questionnaire.domain(domain.id).label.get(ctx.lang),
            result.domains.get(domain.id, "unknown"),
        )
        for domain in questionnaire.domains
    ]
    legend = [ctx.t(f"questionnaire.color_{color}") for color in ("green", "orange", "red")]
    image = await asyncio.to_thread(domain_chart, ctx.t("questionnaire.chart_title"), rows, legend)
    ctx.say(ctx.t("questionnaire.chart_caption"), image=image)
    await show_menu(ctx, "menu.what_next")


def render_result(
    ctx: Ctx,
    questionnaire: Questionnaire,
    result: QuestionnaireResult,
    previous: QuestionnaireResult | None,
) -> str:
    stage = questionnaire.stage(result.stage)
    assert stage.label and stage.description
    lines = [
        ctx.t(
            "questionnaire.profile_title", date=ctx.local(result.created_at).strftime("%d-%m-%Y")
        ),
        "",
    ]
    for domain in questionnaire.domains:
        color = result.domains.get(domain.id, "unknown")
        lines.append(f"{DOTS[color]} {domain.label.get(ctx.lang)}")
    lines += [
        "",
        ctx.t("questionnaire.stage", stage=stage.label.get(ctx.lang)),
        stage.description.get(ctx.lang),
    ]
    advice = [
        questionnaire.advice[int(index)]
        for index in result.advice
        if int(index) < len(questionnaire.advice)
    ]
    if advice:
        lines += ["", ctx.t("questionnaire.next_steps")]
        lines += [f"• {item.text.get(ctx.lang)}" for item in advice]
    if previous is not None:
        changes = [
            f"{questionnaire.domain(d.id).label.get(ctx.lang)}: "
            f"{DOTS[previous.domains.get(d.id, 'unknown')]} → {DOTS[result.domains.get(d.id, 'unknown')]}"
            for d in questionnaire.domains
            if previous.domains.get(d.id, "unknown") != result.domains.get(d.id, "unknown")
        ]
        date = ctx.local(previous.created_at).strftime("%d-%m-%Y")
        lines += ["", ctx.t("questionnaire.changes_since", date=date)]
        lines += changes or [ctx.t("questionnaire.no_changes")]
    return "\n".join(lines)


async def show_latest(ctx: Ctx) -> None:
    """Menu entry 'my profile': the latest result, or an invitation to start."""
    results = (
        await ctx.session.exec(
            select(QuestionnaireResult)
            .where(QuestionnaireResult.user_id == ctx.user.id)
            .order_by(col(QuestionnaireResult.created_at).desc())
            .limit(2)
        )
    ).all()
    if not results:
        ctx.say(
            ctx.t("questionnaire.no_result"),
            [[ctx.button(ctx.t("menu.questionnaire"), "menu", "go", "questionnaire", bound=False)]],
        )
        return
    await show_result(ctx, results[0], results[1] if len(results) > 1 else None)


class QuestionnaireFlow:
    name = NAME
    roles: frozenset[str | None] = frozenset({"seeker"})
    unbound_actions: frozenset[str] = frozenset()
    start = staticmethod(start)

    async def on_text(self, ctx: Ctx, text: str) -> None:
        if ctx.user.step == "resume?":
            await start(ctx)
            return
        question = ctx.content.questionnaire.question(ctx.user.step or "")
        if question is None:
            await ask(ctx)
            return
        if question.type == "multi" and ctx.user.flow_data.get("sel") and _is_done_word(ctx, text):
            await _store(ctx, question, {"value": ctx.user.flow_data["sel"]})
            return
        parsed = parse_typed(question, text)
        if parsed.error:
            await ask(ctx, prefix=ctx.t(parsed.error, **parsed.error_values))
            return
        await _store(ctx, question, {"value": parsed.value})

    async def on_button(self, ctx: Ctx, callback: Callback) -> None:
        action = callback.action
        if ctx.user.step == "resume?" or action in ("continue", "restart"):
            run = await _open_run(ctx)
            if action == "restart" and run is not None:
                run.status = "abandoned"
                run = None
            await _begin(ctx, run, intro=not (action == "continue" and run is not None))
            return
        question = ctx.content.questionnaire.question(ctx.user.step or "")
        if "answers" not in ctx.user.flow_data or question is None:
            await ask(ctx)
            return
        if action == "a":
            value = _button_value(question, callback.arg)
            if value is None:
                ctx.toast = ctx.t("common.button_unknown")
                await ask(ctx)
                return
            await _store(ctx, question, {"value": value})
        elif action == "t" and question.type == "multi" and callback.arg.isdigit():
            index = int(callback.arg)
            if index >= len(question.options):
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
        elif action == "d" and question.type == "multi":
            chosen = ctx.user.flow_data.get("sel", [])
            if not chosen:
                ctx.toast = ctx.t("questionnaire.choose_first")
                await ask(ctx)
                return
            await _store(ctx, question, {"value": chosen})
        elif action == "s" and question.allow_skip:
            await _store(ctx, question, {"skipped": True})
        elif action == "p" and question.may_decline:
            await _store(ctx, question, {"prefer_not": True})
        elif action == "w" and question.why:
            ctx.say(question.why.get(ctx.lang))
            await ask(ctx)
        elif action == "b":
            await _back(ctx)
        elif action == "z":
            await _pause(ctx)
        else:
            ctx.toast = ctx.t("common.button_unknown")
            await ask(ctx)

    async def resume(self, ctx: Ctx) -> None:
        if ctx.user.step == "resume?":
            await start(ctx)
        else:
            await ask(ctx)

    async def on_stop(self, ctx: Ctx) -> None:
        await pause(ctx)


def _is_done_word(ctx: Ctx, text: str) -> bool:
    from powbot.knowledge.text import normalise

    return normalise(text) in {
        "klaar",
        "done",
        "ok",
        "verder",
        "next",
        normalise(ctx.t("questionnaire.done")),
    }


def _button_value(question: Question, arg: str) -> Any:
    if not arg.isdigit():
        return None
    number = int(arg)
    if question.type == "single":
        return question.options[number].id if number < len(question.options) else None
    if question.type == "scale":
        return number if 1 <= number <= 5 else None
    if question.type == "yesno":
        return number == 1 if number in (0, 1) else None
    return None
