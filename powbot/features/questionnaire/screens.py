"""What a questionnaire question looks like: progress bar, text, hints, buttons."""

from __future__ import annotations

from typing import Any

from powbot.conversation.context import Ctx
from powbot.domain.messages import Button
from powbot.features.questionnaire.runs import NAME, path_of
from powbot.features.understanding.crisis import places
from powbot.knowledge.questionnaire import Question

BAR_CELLS = 10


def bar(number: int, total: int) -> str:
    done = round(BAR_CELLS * (number - 1) / max(total, 1))
    return "▰" * done + "▱" * (BAR_CELLS - done)


def show_question(ctx: Ctx, question: Question, prefix: str | None = None) -> None:
    questionnaire = ctx.content.questionnaire
    number, total = questionnaire.progress(ctx.user.flow_data.get("answers", {}), question)
    lines = [
        ctx.t("questionnaire.progress", number=number, total=total) + "  " + bar(number, total),
        "",
        question.text.get(ctx.lang),
    ]
    if prefix:
        lines.insert(0, prefix + "\n")
    hint = type_hint(ctx, question)
    if hint:
        lines.append(hint)
    ctx.say("\n".join(lines), buttons(ctx, question, bool(path_of(ctx))))


def type_hint(ctx: Ctx, question: Question) -> str | None:
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


def _answer_rows(ctx: Ctx, question: Question) -> list[list[Button]]:
    if question.type == "single":
        return [
            [ctx.button(option.label.get(ctx.lang), NAME, "a", str(index))]
            for index, option in enumerate(question.options)
        ]
    if question.type == "multi":
        chosen = ctx.user.flow_data.get("sel", [])
        rows = [
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
        return [*rows, [ctx.button(ctx.t("questionnaire.done"), NAME, "d")]]
    if question.type == "scale":
        labels = question.scale_labels.get(ctx.lang) if question.scale_labels else []
        return [
            [ctx.button(f"{index + 1} · {label}", NAME, "a", str(index + 1))]
            for index, label in enumerate(labels)
        ]
    if question.type == "yesno":
        return [
            [
                ctx.button(ctx.t("common.yes"), NAME, "a", "1"),
                ctx.button(ctx.t("common.no"), NAME, "a", "0"),
            ]
        ]
    return []


def buttons(ctx: Ctx, question: Question, can_go_back: bool) -> list[list[Button]]:
    rows = _answer_rows(ctx, question)
    extra: list[Button] = []
    if question.why:
        extra.append(ctx.button(ctx.t("questionnaire.why"), NAME, "w"))
    if question.may_decline:
        extra.append(ctx.button(ctx.t("questionnaire.prefer_not"), NAME, "p"))
    if question.allow_skip:
        extra.append(ctx.button(ctx.t("questionnaire.skip"), NAME, "s"))
    if extra:
        rows.append(extra)
    if ctx.user.flow_data.get("earlier"):  # after Back: keep the answer given before
        rows.append([ctx.button(ctx.t("questionnaire.keep"), NAME, "e")])
    controls = [ctx.button(ctx.t("questionnaire.pause"), NAME, "z")]
    if can_go_back:
        controls.insert(0, ctx.button(ctx.t("questionnaire.back"), NAME, "b"))
    rows.append(controls)
    return rows


def which_buttons(ctx: Ctx, low: int, high: int) -> list[list[Button]]:
    """'24 tot 32': one button per number, so the person picks instead of typing again."""
    return [
        [ctx.button(str(low), NAME, "n", str(low)), ctx.button(str(high), NAME, "n", str(high))]
    ]


def confirm_buttons(ctx: Ctx) -> list[list[Button]]:
    return [
        [
            ctx.button(ctx.t("common.yes"), NAME, "k", "yes"),
            ctx.button(ctx.t("common.no"), NAME, "k", "no"),
        ]
    ]


def answer_text(ctx: Ctx, question: Question, answer: dict[str, Any]) -> str:
    """An answer as the person would read it: 'Fiets, Lopen', '3 · Gaat wel', 'Ja', '32'."""
    if answer.get("skipped"):
        return ctx.t("questionnaire.answer_skipped")
    if answer.get("prefer_not"):
        return ctx.t("questionnaire.prefer_not")
    value = answer.get("value")
    if question.type in ("single", "multi"):
        chosen = value if isinstance(value, list) else [value]
        return ", ".join(
            option.label.get(ctx.lang) for option in question.options if option.id in chosen
        )
    if question.type == "scale" and question.scale_labels and isinstance(value, int):
        return f"{value} · {question.scale_labels.get(ctx.lang)[value - 1]}"
    if question.type == "yesno":
        return ctx.t("common.yes") if value else ctx.t("common.no")
    return str(value)


def ask_pending(ctx: Ctx, question: Question | None, pending: dict[str, Any]) -> None:
    """'fiets, step': ask whether keeping only what was understood is right; 'Stationsstraat
    1' at a number question: whether the number taken out of it is meant."""
    if "value" in pending:
        answer = answer_text(ctx, question, {"value": pending["value"]}) if question else ""
        ctx.say(ctx.t("questionnaire.noted", answer=answer), confirm_buttons(ctx))
        return
    found, unknown = pending.get("found", []), pending.get("unknown", [])
    labels = [o.label.get(ctx.lang) for o in question.options if o.id in found] if question else []
    ctx.say(
        ctx.t(
            "questionnaire.partial",
            found=", ".join(f"'{label}'" for label in labels),
            unknown=", ".join(f"'{part}'" for part in unknown),
        ),
        confirm_buttons(ctx),
    )


def explain(ctx: Ctx, question: Question, *, why: bool, asked: bool = True) -> None:
    """'waarom?': what the question is for. 'ik snap de vraag niet': the question in other
    words, what it is for, and how to go on when unsure. Not `asked` (an answer not
    understood twice): the same, without "Geen probleem." to a person who said nothing."""
    what_for = question.why.get(ctx.lang) if question.why else None
    if why:
        ctx.say(what_for or ctx.t("questionnaire.why_general"))
        return
    said = question.explain.get(ctx.lang) if question.explain else None
    reworded = ctx.t("questionnaire.explain", explain=said) + "\n\n" if said else ""
    # Short for readers who struggle: what it is for only when there is no rewording.
    what_for = f"{what_for}\n\n" if what_for and not reworded else ""
    key = "questionnaire.unclear" if asked else "questionnaire.unclear_again"
    ctx.say(ctx.t(key, explain=reworded, why=what_for))


def urgent_help(ctx: Ctx, key: str) -> str:
    """The help an answer calls for, with the region's gemeente, shelter and food help."""
    text = ctx.content.questionnaire.urgent_help[key].get(ctx.lang)
    return text.format_map(places(ctx, ctx.lang))
