"""The profile at the end of the questionnaire, and 'my profile' from the menu."""

from __future__ import annotations

import asyncio

from powbot.conversation.context import Ctx
from powbot.features.menu import show_menu
from powbot.features.questionnaire.chart import domain_chart
from powbot.features.questionnaire.runs import latest_results
from powbot.knowledge.questionnaire import Questionnaire
from powbot.storage.models import QuestionnaireResult

DOTS = {"green": "🟢", "orange": "🟠", "red": "🔴", "unknown": "⚪"}


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


def _changes(
    ctx: Ctx,
    questionnaire: Questionnaire,
    result: QuestionnaireResult,
    previous: QuestionnaireResult,
) -> list[str]:
    changes = [
        f"{questionnaire.domain(d.id).label.get(ctx.lang)}: "
        f"{DOTS[previous.domains.get(d.id, 'unknown')]} → {DOTS[result.domains.get(d.id, 'unknown')]}"
        for d in questionnaire.domains
        if previous.domains.get(d.id, "unknown") != result.domains.get(d.id, "unknown")
    ]
    date = ctx.local(previous.created_at).strftime("%d-%m-%Y")
    return [
        "",
        ctx.t("questionnaire.changes_since", date=date),
        *(changes or [ctx.t("questionnaire.no_changes")]),
    ]


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
        lines += _changes(ctx, questionnaire, result, previous)
    return "\n".join(lines)


async def show_latest(ctx: Ctx) -> None:
    """Menu entry 'my profile': the latest result, or an invitation to start."""
    results = await latest_results(ctx, 2)
    if not results:
        ctx.say(
            ctx.t("questionnaire.no_result"),
            [[ctx.button(ctx.t("menu.questionnaire"), "menu", "go", "questionnaire", bound=False)]],
        )
        return
    await show_result(ctx, results[0], results[1] if len(results) > 1 else None)
