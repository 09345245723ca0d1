"""How an alert reads in the coach's views: an urgent alert names its crisis in words (never
a raw kind), the others their rules; the client's contact wish is always said with it."""

from __future__ import annotations

from powbot.domain.aftercare_coach import URGENT_KINDS
from powbot.domain.unit import Services
from powbot.domain.urgent import urgent_reason_text
from powbot.features.aftercare.common import alert_lines, reason_lines
from powbot.storage.models_aftercare import Alert


def is_urgent(alert: Alert) -> bool:
    return alert.kind in URGENT_KINDS


def urgent_first(alerts: list[Alert]) -> list[Alert]:
    """Urgent alerts first, then the others; newest first within each."""
    newest = sorted(alerts, key=lambda alert: alert.created_at, reverse=True)
    return sorted(newest, key=lambda alert: not is_urgent(alert))


def urgent_text(services: Services, lang: str, alert: Alert) -> str:
    kinds = alert.reasons or ["other"]
    what = ", ".join(urgent_reason_text(services, lang, kind) for kind in kinds)
    return services.text(lang, "coach.urgent_reason", what=what)


def alert_summary(services: Services, lang: str, alert: Alert) -> str:
    """One line for lists: the rules (or the crisis), and the client's wish about contact."""
    if is_urgent(alert):
        summary = urgent_text(services, lang, alert)
    else:
        summary = "; ".join(line.lstrip("• ") for line in reason_lines(services, lang, alert, None))
    if alert.wish in ("contact", "no_contact"):
        summary += " – " + services.text(lang, f"coach.wish_{alert.wish}_short")
    return summary


def alert_block(services: Services, lang: str, alert: Alert, mood: int | None) -> list[str]:
    """The whole alert for its own screen: the crisis, or the rules with the answers behind
    them, what the client typed (kept only while sharing), their wish and where to go."""
    if is_urgent(alert):
        return [urgent_text(services, lang, alert)]
    return alert_lines(services, lang, alert, mood)
