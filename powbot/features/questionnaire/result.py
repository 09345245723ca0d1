"""The profile at the end of the questionnaire, and 'my profile' from the menu."""

from __future__ import annotations

from powbot.conversation.context import Ctx
from powbot.conversation.parse import parse_id
from powbot.domain.messages import Chart
from powbot.features.menu import show_menu
from powbot.features.questionnaire.runs import NAME, latest_results
from powbot.features.questionnaire.screens import places, urgent_help
from powbot.knowledge.questionnaire import Advice, Option, Questionnaire
from powbot.storage.models import QuestionnaireResult, QuestionnaireRun

DOTS = {"green": "🟢", "orange": "🟠", "red": "🔴", "unknown": "⚪"}
TOP_STEPS = 3


def _advice(questionnaire: Questionnaire, result: QuestionnaireResult) -> list[Advice]:
    """The result's next steps, most important first (as scored)."""
    return [
        questionnaire.advice[int(index)]
        for index in result.advice
        if int(index) < len(questionnaire.advice)
    ]


def _areas(ctx: Ctx, questionnaire: Questionnaire, result: QuestionnaireResult) -> list[str]:
    """Red and orange areas one per line; the green ones and the unanswered ones together."""
    by_color: dict[str, list[str]] = {}
    for domain in questionnaire.domains:
        color = result.domains.get(domain.id, "unknown")
        by_color.setdefault(color, []).append(domain.label.get(ctx.lang))
    lines = [
        f"{DOTS[color]} {label}" for color in ("red", "orange") for label in by_color.get(color, [])
    ]
    for color, key in (
        ("green", "questionnaire.areas_fine"),
        ("unknown", "questionnaire.areas_unknown"),
    ):
        if by_color.get(color):
            lines.append(f"{DOTS[color]} " + ctx.t(key, areas=", ".join(by_color[color])))
    return lines


def advice_text(ctx: Ctx, advice: Advice) -> str:
    """A next step, with the region's gemeente, shelter or food help where it names them
    ('bel of loop binnen bij je gemeente' gave no number, tester)."""
    return advice.text.get(ctx.lang).format_map(places(ctx, ctx.lang))


async def more_tips(ctx: Ctx, arg: str) -> None:
    """'Meer tips' under a result: every next step of the person's own result."""
    result_id = parse_id(arg)
    result = await ctx.session.get(QuestionnaireResult, result_id) if result_id else None
    if result is None or result.user_id != ctx.user.id:
        ctx.toast = ctx.t("common.button_unknown")
        return
    advice = _advice(ctx.content.questionnaire, result)
    ctx.say(
        "\n".join([ctx.t("questionnaire.all_tips"), *(f"• {advice_text(ctx, a)}" for a in advice)])
    )


async def show_result(
    ctx: Ctx,
    result: QuestionnaireResult,
    previous: QuestionnaireResult | None = None,
    urgent: list[str] | None = None,
) -> None:
    """The short summary (areas, stage, the three most important steps) with "meer tips",
    the crisis help again when a crisis answer was given, then the chart."""
    questionnaire = ctx.content.questionnaire
    more = (
        [[ctx.button(ctx.t("questionnaire.more_tips"), NAME, "tips", str(result.id), bound=False)]]
        if len(_advice(questionnaire, result)) > TOP_STEPS
        else []
    )
    run = await ctx.session.get(QuestionnaireRun, result.run_id)
    doing = questionnaire.ladder(run.answers) if run is not None else None
    ctx.say(render_result(ctx, questionnaire, result, previous, doing), more)
    for key in dict.fromkeys(urgent or []):
        ctx.say(ctx.t("questionnaire.help_again") + "\n" + urgent_help(ctx, key))
    rows = tuple(
        (
            questionnaire.domain(domain.id).label.get(ctx.lang),
            result.domains.get(domain.id, "unknown"),
        )
        for domain in questionnaire.domains
    )
    legend = tuple(ctx.t(f"questionnaire.color_{color}") for color in ("green", "orange", "red"))
    chart = Chart(ctx.t("questionnaire.chart_title"), rows, legend)
    ctx.say(ctx.t("questionnaire.chart_caption"), chart=chart)
    await show_menu(ctx, "menu.what_next")


def _changes(
    ctx: Ctx,
    questionnaire: Questionnaire,
    result: QuestionnaireResult,
    previous: QuestionnaireResult,
) -> list[str]:
    changes = []
    for domain in questionnaire.domains:
        before = previous.domains.get(domain.id, "unknown")
        now = result.domains.get(domain.id, "unknown")
        if before != now:
            label = questionnaire.domain(domain.id).label.get(ctx.lang)
            changes.append(f"{label}: {DOTS[before]} → {DOTS[now]}")
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
    doing: Option | None = None,
) -> str:
    stage = questionnaire.stage(result.stage)
    assert stage.label and stage.description
    lines = [
        ctx.t(
            "questionnaire.profile_title", date=ctx.local(result.created_at).strftime("%d-%m-%Y")
        ),
        "",
    ]
    lines += _areas(ctx, questionnaire, result)
    lines += [
        "",
        ctx.t("questionnaire.stage", stage=stage.label.get(ctx.lang)),
        stage.description.get(ctx.lang),
    ]
    if doing is not None:
        lines.append(
            ctx.t("questionnaire.doing_now", doing=doing.label.get(ctx.lang), rung=doing.ladder)
        )
    advice = _advice(questionnaire, result)[:TOP_STEPS]
    if advice:
        lines += ["", ctx.t("questionnaire.next_steps")]
        lines += [f"• {advice_text(ctx, item)}" for item in advice]
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
