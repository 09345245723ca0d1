"""Pure renderers of the coach's screens in the bot: read models in, text and buttons out.
No queries here; the screens module fetches, these functions only format."""

from __future__ import annotations

from powbot.domain.aftercare_records import CheckInRecord
from powbot.domain.caseload import CaseloadRow, ContactWish, trend_key
from powbot.domain.coaching import COACH_FLOW, display_name, fmt_date, push_button
from powbot.domain.messages import Button
from powbot.domain.unit import Services
from powbot.features.coach.alert_words import alert_block, is_urgent, urgent_first
from powbot.features.questionnaire.result import DOTS
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


def checkin_lines(services: Services, lang: str, history: list[CheckInRecord]) -> list[str]:
    """History newest first, as fetched: answered (maybe late) and missed check-ins, with
    what the client typed (the records hold words only while the client shares)."""
    if not history:
        return [services.text(lang, "coach.no_checkins")]
    moods = [r.checkin.mood for r in reversed(history) if r.checkin.mood is not None]
    lines = [
        services.text(lang, "coach.checkins_title")
        + " "
        + " ".join(mood_face(services, m) for m in moods)
    ]
    key = trend_key(moods)
    if key:
        lines.append(services.text(lang, "coach.trend", trend=services.text(lang, key)))
    for record in history:
        lines.append(checkin_line(services, lang, record))
        lines += [services.text(lang, "coach.words_line", text=words) for words in record.words]
    return lines


def checkin_line(services: Services, lang: str, record: CheckInRecord) -> str:
    checkin = record.checkin
    when = fmt_date(services, checkin.day)
    if record.missed:
        return f"  {when} · – {services.text(lang, 'coach.checkin_missed')}"
    risks = [
        risk.summary.get(lang)
        for risk in map(services.content.aftercare.risk, checkin.risks)
        if risk is not None
    ]
    detail = "⚠️ " + "; ".join(risks) if risks else services.text(lang, "coach.nothing_special")
    if record.late:
        detail += " " + services.text(lang, "coach.checkin_late")
    return f"  {when} {mood_face(services, checkin.mood)} {checkin.mood or '-'}/5 – {detail}"


def contact_lines(
    services: Services, lang: str, seeker: User, wish: ContactWish | None
) -> list[str]:
    """How the client can be reached and, while they share, their latest wish about contact."""
    key = "coach.contact_blocked" if seeker.unreachable_at is not None else "coach.contact_via_bot"
    lines = [services.text(lang, key)]
    if wish is not None:
        lines.append(
            services.text(
                lang, f"coach.contact_wish_{wish.wish}", date=fmt_date(services, wish.day)
            )
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
    for alert in urgent_first(alerts)[:5]:
        key = "coach.btn_alert_urgent" if is_urgent(alert) else "coach.btn_alert"
        # The time too: two alerts of one day had the same label (tester).
        when = services.local(alert.created_at).strftime("%d-%m-%Y %H:%M")
        label = services.text(lang, key, date=when)
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
        *alert_block(services, lang, alert, checkin.mood if checkin else None),
    ]
    if alert.status == "snoozed" and alert.snoozed_until is not None:
        when = f"{services.local(alert.snoozed_until):%d-%m-%Y %H:%M}"
        lines.append(services.text(lang, "coach.snoozed_until", when=when))
    note_lines = [f"📝 {fmt_date(services, note.created_at)}: {note.text}" for note in notes]
    if note_lines:
        lines += ["", *note_lines]
    return "\n".join(lines), alert_buttons(services, lang, alert, seeker)


def alert_buttons(services: Services, lang: str, alert: Alert, seeker: User) -> list[list[Button]]:
    """A note can go on every alert, closed ones too; '✅ Contact opgenomen' is gone once
    pressed, and a closed alert has nothing left to do."""
    arg = str(alert.id)
    first = [push_button(services.text(lang, "coach.btn_note"), NAME, "an", arg)]
    if alert.status not in ("contacted", "closed"):
        first.insert(0, push_button(services.text(lang, "coach.btn_contacted"), NAME, "ac", arg))
    rows: list[list[Button]] = [first]
    if alert.status != "closed":
        rows.append(
            [
                push_button(services.text(lang, "coach.btn_snooze"), NAME, "az", arg),
                push_button(services.text(lang, "coach.btn_close"), NAME, "ax", arg),
            ]
        )
    rows.append(
        [
            push_button(services.text(lang, "coach.btn_client"), NAME, "c", str(seeker.id)),
            push_button(services.text(lang, "coach.btn_message"), NAME, "msg", str(seeker.id)),
        ]
    )
    return rows
