"""Pure renderers of the coach's screens in the bot: read models in, text and buttons out.
No queries here; the screens module fetches, these functions only format."""

from __future__ import annotations

from powbot.domain.agenda import Agenda
from powbot.domain.caseload import CaseloadRow, trend_key
from powbot.domain.coaching import COACH_FLOW, display_name, fmt_date, push_button
from powbot.domain.messages import Button
from powbot.domain.unit import Services
from powbot.features.aftercare.common import reason_lines
from powbot.features.questionnaire.flow import DOTS
from powbot.storage.models import Placement, QuestionnaireResult, User
from powbot.storage.models_aftercare import Alert, CheckIn, CoachNote

NAME = COACH_FLOW
MAX_LISTED = 50


def mood_face(services: Services, mood: int | None) -> str:
    if mood is None:
        return "·"
    return services.content.aftercare.mood.emoji[mood - 1]


def stage_label(services: Services, lang: str, stage_id: str) -> str:
    try:
        stage = services.content.questionnaire.stage(stage_id)
    except (KeyError, StopIteration, ValueError):
        return stage_id
    return stage.label.get(lang) if stage.label else stage_id


def caseload_line(services: Services, lang: str, number: int, row: CaseloadRow) -> str:
    parts = [f"{number}. {display_name(services, lang, row.seeker)}"]
    if row.placement is not None:
        parts.append(f"💼 {row.placement.job_title} – {row.placement.employer_name}")
    if row.shares:
        if row.stage is not None:
            parts.append("📊 " + stage_label(services, lang, row.stage))
        if row.last_mood is not None:
            parts.append(f"{mood_face(services, row.last_mood)} {row.last_mood}/5")
    else:
        parts.append(services.text(lang, "coach.not_shared_short"))
    if row.open_alerts:
        parts.append(services.text(lang, "coach.open_alerts", count=row.open_alerts))
    return " | ".join(parts)


def caseload_screen(
    services: Services, lang: str, rows: list[CaseloadRow]
) -> tuple[str, list[list[Button]]]:
    lines = [services.text(lang, "coach.caseload_title", count=len(rows)), ""]
    buttons: list[list[Button]] = []
    for number, row in enumerate(rows[:MAX_LISTED], start=1):
        lines.append(caseload_line(services, lang, number, row))
        label = f"{number}. {display_name(services, lang, row.seeker)}"
        label += " ⚠️" if row.open_alerts else ""
        buttons.append([push_button(label, NAME, "c", str(row.seeker.id))])
    if len(rows) > MAX_LISTED:
        lines.append(services.text(lang, "coach.more_clients", count=len(rows) - MAX_LISTED))
    buttons.append(
        [
            push_button(services.text(lang, "coach.btn_today"), NAME, "today"),
            push_button(services.text(lang, "coach.btn_link"), NAME, "link"),
        ]
    )
    return "\n".join(lines), buttons


def profile_lines(services: Services, lang: str, result: QuestionnaireResult | None) -> list[str]:
    if result is None:
        return [services.text(lang, "coach.no_result")]
    lines = [
        services.text(
            lang,
            "coach.result_title",
            date=fmt_date(services, result.created_at),
            stage=stage_label(services, lang, result.stage),
        )
    ]
    for domain in services.content.questionnaire.domains:
        color = result.domains.get(domain.id, "unknown")
        lines.append(f"  {DOTS.get(color, '⚪')} {domain.label.get(lang)}")
    return lines


def checkin_lines(services: Services, lang: str, history: list[CheckIn]) -> list[str]:
    """History newest first, as fetched."""
    if not history:
        return [services.text(lang, "coach.no_checkins")]
    moods = [c.mood for c in reversed(history) if c.mood is not None]
    lines = [
        services.text(lang, "coach.checkins_title")
        + " "
        + " ".join(mood_face(services, m) for m in moods)
    ]
    key = trend_key(moods)
    if key:
        lines.append(services.text(lang, "coach.trend", trend=services.text(lang, key)))
    for checkin in history:
        risks = [
            risk.summary.get(lang)
            for risk in map(services.content.aftercare.risk, checkin.risks)
            if risk is not None
        ]
        detail = "⚠️ " + "; ".join(risks) if risks else services.text(lang, "coach.nothing_special")
        lines.append(
            f"  {fmt_date(services, checkin.day)} {mood_face(services, checkin.mood)} "
            f"{checkin.mood or '-'}/5 – {detail}"
        )
    return lines


def client_buttons(
    services: Services,
    lang: str,
    seeker: User,
    alerts: list[Alert],
    placements: list[Placement],
) -> list[list[Button]]:
    rows: list[list[Button]] = []
    for alert in alerts[:5]:
        label = services.text(lang, "coach.btn_alert", date=fmt_date(services, alert.created_at))
        rows.append([push_button(label, NAME, "a", str(alert.id))])
    rows.append(
        [push_button(services.text(lang, "coach.btn_message"), NAME, "msg", str(seeker.id))]
    )
    rows.append(
        [
            push_button(
                services.text(lang, "coach.btn_register_placement"), NAME, "pl", str(seeker.id)
            )
        ]
    )
    for placement in placements:
        label = services.text(
            lang, "coach.btn_end_placement", employer=(placement.employer_name or "")[:30]
        )
        rows.append([push_button(label, NAME, "pe", str(placement.id))])
    rows.append([push_button(services.text(lang, "coach.btn_all_clients"), NAME, "list")])
    return rows


def alert_screen(
    services: Services,
    lang: str,
    alert: Alert,
    seeker: User,
    checkin: CheckIn | None,
    notes: list[CoachNote],
) -> tuple[str, list[list[Button]]]:
    lines = [
        services.text(
            lang,
            "coach.alert_view_title",
            name=display_name(services, lang, seeker),
            date=fmt_date(services, alert.created_at),
        ),
        services.text(lang, f"coach.status_{alert.status}"),
        "",
        *reason_lines(services, lang, alert, checkin.mood if checkin else None),
    ]
    if alert.status == "snoozed" and alert.snoozed_until is not None:
        when = f"{services.local(alert.snoozed_until):%d-%m-%Y %H:%M}"
        lines.append(services.text(lang, "coach.snoozed_until", when=when))
    note_lines = [f"📝 {fmt_date(services, note.created_at)}: {note.text}" for note in notes]
    if note_lines:
        lines += ["", *note_lines]
    arg = str(alert.id)
    rows: list[list[Button]] = []
    if alert.status != "closed":
        rows += [
            [
                push_button(services.text(lang, "coach.btn_contacted"), NAME, "ac", arg),
                push_button(services.text(lang, "coach.btn_note"), NAME, "an", arg),
            ],
            [
                push_button(services.text(lang, "coach.btn_snooze"), NAME, "az", arg),
                push_button(services.text(lang, "coach.btn_close"), NAME, "ax", arg),
            ],
        ]
    rows.append(
        [
            push_button(services.text(lang, "coach.btn_client"), NAME, "c", str(seeker.id)),
            push_button(services.text(lang, "coach.btn_message"), NAME, "msg", str(seeker.id)),
        ]
    )
    return "\n".join(lines), rows


def agenda_lines(services: Services, lang: str, plan: Agenda) -> list[str]:
    lines: list[str] = []
    if plan.alerts:
        lines.append(services.text(lang, "coach.today_alerts", count=len(plan.alerts)))
        for alert, seeker in plan.alerts:
            reasons = reason_lines(services, lang, alert, None)
            summary = "; ".join(line.lstrip("• ") for line in reasons)
            lines.append(
                f"• {display_name(services, lang, seeker)}: {summary} "
                f"({fmt_date(services, alert.created_at)})"
            )
    if plan.waiting:
        lines.append(services.text(lang, "coach.today_waiting", count=len(plan.waiting)))
        for checkin in plan.waiting:
            key = "coach.today_missed" if checkin.status == "missed" else "coach.today_unanswered"
            name = display_name(services, lang, plan.people[checkin.seeker_id])
            when = fmt_date(services, checkin.sent_at or checkin.due_at)
            lines.append("• " + services.text(lang, key, name=name, date=when))
    if plan.planned:
        lines.append(services.text(lang, "coach.today_planned", count=len(plan.planned)))
        for checkin in plan.planned:
            lines.append(
                f"• {display_name(services, lang, plan.people[checkin.seeker_id])} "
                f"({services.local(checkin.due_at):%H:%M})"
            )
    return lines


def agenda_buttons(services: Services, lang: str, plan: Agenda) -> list[list[Button]]:
    rows: list[list[Button]] = []
    for alert, seeker in plan.alerts[:10]:
        label = "⚠️ " + display_name(services, lang, seeker)[:40]
        rows.append([push_button(label, NAME, "a", str(alert.id))])
    return rows
