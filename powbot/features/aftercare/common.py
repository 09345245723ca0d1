"""What the worker's aftercare and the coach's side share: who is whose coach, what a coach
may see, alerts, the audit trail and buttons on pushed messages."""

from __future__ import annotations

from powbot.conversation.context import Ctx
from powbot.conversation.registry import FLOWS
from powbot.domain.coaching import (
    active_placements,
    display_name,
    fmt_date,
    push_button,
    today,
)
from powbot.domain.messages import Button, Reply
from powbot.domain.unit import Services
from powbot.features.aftercare.alert_text import detail_lines, phase_line, risk_summary
from powbot.features.menu import show_menu
from powbot.storage.models import Placement, User
from powbot.storage.models_aftercare import Alert, CheckIn

COACH_FLOW = "coach"
CLIENT_FLOW = "client"
AFTERCARE_FLOW = "aftercare"

OPEN_CHECKIN = ("sent", "reminded", "started")  # the worker can still answer
LIVE_CHECKIN = ("scheduled", *OPEN_CHECKIN)  # stopped when a placement ends

KIND_CHECKIN = "aftercare.checkin"
KIND_REMIND = "aftercare.remind"
KIND_ESCALATE = "aftercare.escalate"
KIND_UNREACHABLE = "aftercare.unreachable"
WORKER_KINDS = (KIND_CHECKIN, KIND_REMIND, KIND_ESCALATE)


def placement_ref(placement_id: int) -> str:
    return f"placement:{placement_id}"


def checkin_ref(checkin_id: int) -> str:
    return f"checkin:{checkin_id}"


async def coach_of(services: Services, seeker: User) -> User | None:
    if seeker.coach_id is None:
        return None
    coach = await services.session.get(User, seeker.coach_id)
    return coach if coach is not None and coach.role == "coach" else None


def placement_line(services: Services, lang: str, placement: Placement) -> str:
    """'💼 Inpakker bij Bakkerij Zon, sinds 01-12-2026' — or 'begint op' for a start ahead."""
    key = "coach.placement_line_hours" if placement.hours_per_week else "coach.placement_line"
    if placement.start_date > today(services):
        key = key.replace("coach.", "aftercare.") + "_future"
    return services.text(
        lang,
        key,
        title=placement.job_title,
        employer=placement.employer_name,
        date=fmt_date(services, placement.start_date),
        hours=placement.hours_per_week or 0,
    )


def reason_lines(services: Services, lang: str, alert: Alert, mood: int | None) -> list[str]:
    """The rules that held, one '• ' line each in the coach's language, worded for the
    moment (lists join these). `alert_lines` adds what a coach needs to act."""
    lines: list[str] = []
    if alert.kind == "no_answer":
        return [services.text(lang, "coach.reason_no_answer")]
    if alert.kind == "unreachable":
        return [services.text(lang, "coach.reason_unreachable")]
    for reason in alert.reasons:
        text = risk_summary(services, lang, reason, alert.phase)
        if reason == "low_mood" and mood is not None:
            text += " " + services.text(lang, "coach.mood_value", mood=mood)
        lines.append(f"• {text}")
    return lines


def alert_lines(services: Services, lang: str, alert: Alert, mood: int | None) -> list[str]:
    """The whole alert for the coach: the rules that held, the answers behind them in
    plain words, what the client typed (stored only while sharing), their wish about
    contact and where the client can go."""
    return reason_lines(services, lang, alert, mood) + detail_lines(services, lang, alert)


async def raise_alert(
    services: Services,
    *,
    seeker: User,
    coach: User,
    kind: str,
    reasons: list[str],
    checkin: CheckIn | None = None,
    limited: bool = False,
    urgent: bool = True,
    details: list[dict[str, str]] | None = None,
    wish: str | None = None,
    phase: str | None = None,
) -> Alert:
    """Store an alert and tell the coach, in the coach's language, with action buttons."""
    alert = Alert(
        seeker_id=seeker.id,
        coach_id=coach.id,
        checkin_id=checkin.id if checkin else None,
        kind=kind,
        reasons=reasons,
        limited=limited,
        details=details or [],
        wish=wish,
        phase=phase,
        created_at=services.now,
        updated_at=services.now,
    )
    services.session.add(alert)
    await services.session.flush()
    lang = services.lang_of(coach)
    placements = await active_placements(services, seeker.id)
    lines = [
        services.text(lang, "coach.alert_title", name=display_name(services, lang, seeker)),
        *[placement_line(services, lang, p) for p in placements],
    ]
    if placements:
        moment = phase_line(services, lang, phase, fmt_date(services, placements[0].start_date))
        lines += [moment] if moment else []
    lines += ["", *alert_lines(services, lang, alert, checkin.mood if checkin else None)]
    if limited:
        lines += ["", services.text(lang, "coach.alert_limited")]
    await services.notify(
        coach.id,
        Reply("\n".join(lines), alert_push_buttons(services, lang, alert)),
        urgent=urgent,
    )
    return alert


def alert_push_buttons(services: Services, lang: str, alert: Alert) -> list[list[Button]]:
    assert alert.id is not None
    return [
        [push_button(services.text(lang, "coach.btn_open_alert"), COACH_FLOW, "a", str(alert.id))],
        [push_button(services.text(lang, "coach.btn_contacted"), COACH_FLOW, "ac", str(alert.id))],
    ]


async def leave_current_flow(ctx: Ctx, keep: str) -> None:
    """An unbound button from an older message starts something new: leave whatever
    conversation the user was in (paused, if it keeps progress), as the menu does."""
    if ctx.user.flow and ctx.user.flow != keep:
        flow = FLOWS.get(ctx.user.flow)
        on_stop = getattr(flow, "on_stop", None)
        if on_stop is not None:
            await on_stop(ctx)
    ctx.set_state(None)


async def back_to_menu(ctx: Ctx, key: str) -> None:
    ctx.set_state(None)
    await show_menu(ctx, key)
