"""What the client page shows, gathered through the domain read models: placements, the
werkfit profile over time, check-ins and messages (only while the client shares), and the
alerts a coach may see with their notes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from powbot.domain import alerts as alert_ops
from powbot.domain.caseload import (
    answered_checkins,
    checkins_by_id,
    messages_between,
    next_checkin,
    placements_of,
    results_of,
)
from powbot.domain.coaching import display_name, fmt_date, today
from powbot.domain.unit import Services
from powbot.features.aftercare.common import reason_lines
from powbot.features.coach.render import stage_label
from powbot.storage.models import User
from powbot.storage.models_aftercare import Alert, CheckIn, CoachNote
from powbot.web.charts import sparkline

if TYPE_CHECKING:
    from powbot.web.app import Viewer

HISTORY = 52
MESSAGES = 20


@dataclass
class AlertView:
    id: int
    date: str
    status: str
    closed: bool
    reasons: list[str]
    snoozed_until: str | None
    notes: list[tuple[str, str]]


def alert_view(
    services: Services, lang: str, alert: Alert, checkin: CheckIn | None, notes: list[CoachNote]
) -> AlertView:
    assert alert.id is not None
    until = None
    if alert.status == "snoozed" and alert.snoozed_until is not None:
        until = f"{services.local(alert.snoozed_until):%d-%m-%Y %H:%M}"
    return AlertView(
        id=alert.id,
        date=fmt_date(services, alert.created_at),
        status=services.text(lang, f"coach.status_{alert.status}"),
        closed=alert.status == "closed",
        reasons=[
            line.lstrip("• ")
            for line in reason_lines(services, lang, alert, checkin.mood if checkin else None)
        ],
        snoozed_until=until,
        notes=[(fmt_date(services, note.created_at), note.text) for note in notes],
    )


async def client_page_values(
    services: Services,
    who: Viewer,
    seeker: User,
    only_alert: tuple[Alert, CheckIn | None, list[CoachNote]] | None = None,
) -> dict[str, Any]:
    lang = who.lang
    if only_alert is not None:
        alert, checkin, notes = only_alert
        return {"alert": alert_view(services, lang, alert, checkin, notes)}
    values: dict[str, Any] = {
        "name": display_name(services, lang, seeker),
        "shares": seeker.share_with_coach,
        "placements": [
            {
                "title": p.job_title or "",
                "employer": p.employer_name or "",
                "start": fmt_date(services, p.start_date),
                "future": p.start_date > today(services),  # 'begint op', not 'sinds' (tester)
                "hours": p.hours_per_week,
                "active": p.status == "active",
                "ended": fmt_date(services, p.ended_at) if p.ended_at else None,
            }
            for p in await placements_of(services, seeker.id)
        ],
        "alerts": await _alerts(services, who, seeker),
    }
    if seeker.share_with_coach:
        values.update(await _shared(services, lang, who.user, seeker))
    return values


async def _alerts(services: Services, who: Viewer, seeker: User) -> list[AlertView]:
    alerts = await alert_ops.alerts_of_client(services, who.user, seeker)
    notes = await alert_ops.notes_of(services, [a.id for a in alerts if a.id is not None])
    checkins = await checkins_by_id(
        services, [a.checkin_id for a in alerts if a.checkin_id is not None]
    )
    return [
        alert_view(
            services,
            who.lang,
            alert,
            checkins.get(alert.checkin_id) if alert.checkin_id else None,
            [note for note in notes if note.alert_id == alert.id],
        )
        for alert in alerts
    ]


async def _shared(services: Services, lang: str, coach: User, seeker: User) -> dict[str, Any]:
    results = await results_of(services, seeker.id)
    domains = services.content.questionnaire.domains
    history = await answered_checkins(services, seeker.id, HISTORY)
    moods = [c.mood for c in reversed(history) if c.mood is not None]
    upcoming = await next_checkin(services, seeker.id)
    messages = await messages_between(services, coach, seeker, MESSAGES)
    return {
        "profile_dates": [fmt_date(services, r.created_at) for r in results],
        "profile_stages": [stage_label(services, lang, r.stage) for r in results],
        "profile_rows": [
            (d.label.get(lang), [r.domains.get(d.id, "unknown") for r in results]) for d in domains
        ],
        "checkins": [
            {
                "date": fmt_date(services, c.day),
                "mood": c.mood,
                "risks": [
                    risk.summary.get(lang)
                    for risk in map(services.content.aftercare.risk, c.risks)
                    if risk is not None
                ],
            }
            for c in history
        ],
        "trend": _trend(services, lang, moods),
        "next_checkin": fmt_date(services, upcoming.day) if upcoming else None,
        "messages": [
            {
                "date": fmt_date(services, m.created_at),
                "from_client": m.direction == "to_coach",
                "text": m.text,
            }
            for m in messages
        ],
    }


def _trend(services: Services, lang: str, moods: list[int]) -> Markup:
    if not moods:
        return Markup("")
    return sparkline(
        moods, services.text(lang, "web.trend_label", moods=", ".join(map(str, moods)))
    )
