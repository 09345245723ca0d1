"""Pure renderers of what an alert says to a coach: the rules that held in words that fit
the moment, the concrete answers behind them, what the client typed (only stored on the
alert while they share), their wish about contact and where the client can go."""

from __future__ import annotations

from powbot.domain.unit import Services
from powbot.storage.models_aftercare import Alert

BEFORE_START = "before_start"


def risk_summary(services: Services, lang: str, reason: str, phase: str | None) -> str:
    risk = services.content.aftercare.risk(reason)
    if risk is None:
        return reason
    if phase == BEFORE_START and risk.summary_before_start is not None:
        return risk.summary_before_start.get(lang)
    return risk.summary.get(lang)


def answer_line(services: Services, lang: str, question_id: str, answer: str) -> str | None:
    """'Weet je hoe laat en waar je morgen moet beginnen? → Nee'."""
    aftercare = services.content.aftercare
    if question_id not in {q.id for q in aftercare.questions}:
        return None
    question = aftercare.question(question_id)
    label = question.label(answer, lang) or services.text(lang, f"common.{answer}")
    return f"{question.text.get(lang)} → {label}"


def detail_lines(services: Services, lang: str, alert: Alert) -> list[str]:
    lines: list[str] = []
    answers = [d for d in alert.details if "q" in d and "a" in d]
    if answers:
        lines += ["", services.text(lang, "aftercare.alert_answers")]
        for detail in answers:
            line = answer_line(services, lang, detail["q"], detail["a"])
            if line is not None:
                lines.append(f"• {line}")
    for detail in alert.details:
        if "said" in detail:
            lines.append(services.text(lang, "aftercare.alert_said", text=detail["said"]))
    wheres = _where_to_go(services, lang, alert)
    if wheres:
        lines += ["", services.text(lang, "aftercare.alert_where"), *[f"• {w}" for w in wheres]]
    if alert.wish in ("contact", "no_contact"):
        lines += ["", services.text(lang, f"aftercare.alert_wish_{alert.wish}")]
    return lines


def _where_to_go(services: Services, lang: str, alert: Alert) -> list[str]:
    found: list[str] = []
    for reason in alert.reasons:
        risk = services.content.aftercare.risk(reason)
        if risk is not None and risk.where_to_go is not None:
            found.append(risk.where_to_go.get(lang))
    return found


def phase_line(services: Services, lang: str, phase: str | None, date_text: str) -> str | None:
    if phase is None:
        return None
    return services.text(lang, f"aftercare.alert_phase_{phase}", date=date_text)
