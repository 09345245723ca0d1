"""The coach's side: caseload, one client, today's work, alerts, placements, messages, the
daily digest.

Every button a coach gets on a pushed message is unbound, so each one is checked here
against stored state: the client must be this coach's client, the alert this coach's alert.
Anything else gets the same neutral answer, so forged ids reveal nothing. Every view of a
client's data writes an audit entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import text as sql_text
from sqlmodel import col, select

from powbot.conversation.context import Ctx
from powbot.domain.messages import Button, Callback, Reply
from powbot.domain.placements import create_placement, end_placement
from powbot.domain.unit import Services
from powbot.features import routing as engine
from powbot.features.aftercare.common import (
    CLIENT_FLOW,
    COACH_FLOW,
    OPEN_CHECKIN,
    active_placements,
    alert_visible,
    audit,
    back_to_menu,
    client_of,
    display_name,
    fmt_date,
    leave_current_flow,
    local_moment,
    placement_line,
    push_button,
    reason_lines,
    today,
)
from powbot.features.aftercare.flow import KIND_CHECKIN, placement_ref
from powbot.features.coach.link import create_link
from powbot.features.questionnaire.flow import DOTS
from powbot.knowledge.text import normalise, parse_int, parse_yes_no
from powbot.storage.models import Placement, QuestionnaireResult, ScheduledItem, User
from powbot.storage.models_aftercare import Alert, CheckIn, CoachMessage, CoachNote

NAME = COACH_FLOW
KIND_DIGEST = "coach.digest"
KIND_FOLLOWUP = "coach.followup"
MAX_NOTE = 500
MAX_MESSAGE = 1000
MAX_LISTED = 50
HISTORY = 8
END_REASONS = ("job_ended", "changed_job")
DIGEST_LOCK = 7_203_001  # pg_advisory_xact_lock key: one planner at a time across workers


def _id(arg: Any) -> int | None:
    return int(arg) if str(arg).isdigit() else None


def mood_face(services: Services, mood: int | None) -> str:
    if mood is None:
        return "·"
    return services.content.aftercare.mood.emoji[mood - 1]


# --- queries --------------------------------------------------------------------------------


async def clients(services: Services, coach: User) -> list[User]:
    rows = await services.session.exec(
        select(User)
        .where(User.coach_id == coach.id, User.role == "seeker")
        .order_by(col(User.first_name), col(User.id))
    )
    return list(rows.all())


async def latest_result(services: Services, seeker_id: int) -> QuestionnaireResult | None:
    rows = await services.session.exec(
        select(QuestionnaireResult)
        .where(QuestionnaireResult.user_id == seeker_id)
        .order_by(col(QuestionnaireResult.created_at).desc())
    )
    return rows.first()


async def answered_checkins(services: Services, seeker_id: int, limit: int) -> list[CheckIn]:
    rows = await services.session.exec(
        select(CheckIn)
        .where(CheckIn.seeker_id == seeker_id, CheckIn.status == "answered")
        .order_by(col(CheckIn.answered_at).desc())
        .limit(limit)
    )
    return list(rows.all())


async def alerts_of(services: Services, coach: User, seeker: User) -> list[Alert]:
    rows = await services.session.exec(
        select(Alert)
        .where(
            Alert.coach_id == coach.id,
            Alert.seeker_id == seeker.id,
            col(Alert.status).in_(("open", "snoozed")),
        )
        .order_by(col(Alert.created_at).desc())
    )
    return [alert for alert in rows.all() if alert_visible(alert, seeker)]


def stage_label(services: Services, lang: str, stage_id: str) -> str:
    try:
        stage = services.content.questionnaire.stage(stage_id)
    except (KeyError, StopIteration, ValueError):
        return stage_id
    return stage.label.get(lang) if stage.label else stage_id


def trend_key(moods: list[int]) -> str | None:
    """Oldest first. The mean of the last two against the two before; None below three."""
    if len(moods) < 3:
        return None
    recent = sum(moods[-2:]) / 2
    before = sum(moods[-4:-2]) / len(moods[-4:-2])
    if recent - before >= 0.75:
        return "coach.trend_up"
    if before - recent >= 0.75:
        return "coach.trend_down"
    return "coach.trend_flat"


# --- caseload ---------------------------------------------------------------------------------


async def caseload(ctx: Ctx) -> None:
    """/clienten: each client with stage, placement, last mood and open alerts."""
    ctx.set_state(None)
    people = await clients(ctx, ctx.user)
    if not people:
        ctx.say(ctx.t("coach.no_clients"), [[push_button(ctx.t("coach.btn_link"), NAME, "link")]])
        return
    lines = [ctx.t("coach.caseload_title", count=len(people)), ""]
    rows: list[list[Button]] = []
    for number, seeker in enumerate(people[:MAX_LISTED], start=1):
        name = display_name(ctx, ctx.lang, seeker)
        parts = [f"{number}. {name}"]
        placements = await active_placements(ctx, seeker.id)
        if placements:
            parts.append(f"💼 {placements[0].job_title} – {placements[0].employer_name}")
        alerts = await alerts_of(ctx, ctx.user, seeker)
        if seeker.share_with_coach:
            result = await latest_result(ctx, seeker.id)
            if result is not None:
                parts.append("📊 " + stage_label(ctx, ctx.lang, result.stage))
            last = await answered_checkins(ctx, seeker.id, 1)
            if last and last[0].mood is not None:
                parts.append(f"{mood_face(ctx, last[0].mood)} {last[0].mood}/5")
            await audit(ctx, ctx.user.id, seeker.id, "coach.caseload")
        else:
            parts.append(ctx.t("coach.not_shared_short"))
        if alerts:
            parts.append(ctx.t("coach.open_alerts", count=len(alerts)))
        lines.append(" | ".join(parts))
        label = f"{number}. {name}" + (" ⚠️" if alerts else "")
        rows.append([push_button(label, NAME, "c", str(seeker.id))])
    if len(people) > MAX_LISTED:
        lines.append(ctx.t("coach.more_clients", count=len(people) - MAX_LISTED))
    rows.append(
        [
            push_button(ctx.t("coach.btn_today"), NAME, "today"),
            push_button(ctx.t("coach.btn_link"), NAME, "link"),
        ]
    )
    ctx.say("\n".join(lines), rows)


async def _not_found(ctx: Ctx) -> None:
    ctx.toast = ctx.t("coach.not_found")
    ctx.say(ctx.t("coach.not_found"))


async def show_client(ctx: Ctx, seeker_id: int | None) -> None:
    seeker = await client_of(ctx, ctx.user, seeker_id) if seeker_id is not None else None
    if seeker is None:
        await _not_found(ctx)
        return
    ctx.set_state(None)
    lang = ctx.lang
    name = display_name(ctx, lang, seeker)
    lines = [ctx.t("coach.client_title", name=name)]
    placements = await active_placements(ctx, seeker.id)
    lines += [placement_line(ctx, lang, p) for p in placements] or [ctx.t("coach.no_placement")]
    rows: list[list[Button]] = []
    if seeker.share_with_coach:
        await audit(ctx, ctx.user.id, seeker.id, "coach.view_client")
        lines.append("")
        result = await latest_result(ctx, seeker.id)
        if result is None:
            lines.append(ctx.t("coach.no_result"))
        else:
            lines.append(
                ctx.t(
                    "coach.result_title",
                    date=fmt_date(ctx, result.created_at),
                    stage=stage_label(ctx, lang, result.stage),
                )
            )
            for domain in ctx.content.questionnaire.domains:
                color = result.domains.get(domain.id, "unknown")
                lines.append(f"  {DOTS.get(color, '⚪')} {domain.label.get(lang)}")
        history = await answered_checkins(ctx, seeker.id, HISTORY)
        lines.append("")
        if not history:
            lines.append(ctx.t("coach.no_checkins"))
        else:
            moods = [c.mood for c in reversed(history) if c.mood is not None]
            lines.append(
                ctx.t("coach.checkins_title") + " " + " ".join(mood_face(ctx, m) for m in moods)
            )
            key = trend_key(moods)
            if key:
                lines.append(ctx.t("coach.trend", trend=ctx.t(key)))
            for checkin in history:
                risks = [
                    risk.summary.get(lang)
                    for risk in map(ctx.content.aftercare.risk, checkin.risks)
                    if risk is not None
                ]
                detail = "⚠️ " + "; ".join(risks) if risks else ctx.t("coach.nothing_special")
                lines.append(
                    f"  {fmt_date(ctx, checkin.day)} {mood_face(ctx, checkin.mood)} "
                    f"{checkin.mood or '-'}/5 – {detail}"
                )
        upcoming = await _next_checkin(ctx, seeker.id)
        if upcoming is not None:
            lines.append(ctx.t("coach.next_checkin", date=fmt_date(ctx, upcoming.day)))
    else:
        lines += ["", ctx.t("coach.not_shared", name=name)]
    alerts = await alerts_of(ctx, ctx.user, seeker)
    for alert in alerts[:5]:
        assert alert.id is not None
        rows.append(
            [
                push_button(
                    ctx.t("coach.btn_alert", date=fmt_date(ctx, alert.created_at)),
                    NAME,
                    "a",
                    str(alert.id),
                )
            ]
        )
    rows.append([push_button(ctx.t("coach.btn_message"), NAME, "msg", str(seeker.id))])
    rows.append([push_button(ctx.t("coach.btn_register_placement"), NAME, "pl", str(seeker.id))])
    for placement in placements:
        rows.append(
            [
                push_button(
                    ctx.t("coach.btn_end_placement", employer=placement.employer_name[:30]),
                    NAME,
                    "pe",
                    str(placement.id),
                )
            ]
        )
    rows.append([push_button(ctx.t("coach.btn_all_clients"), NAME, "list")])
    ctx.say("\n".join(lines), rows)


async def _next_checkin(services: Services, seeker_id: int) -> CheckIn | None:
    rows = await services.session.exec(
        select(CheckIn)
        .where(CheckIn.seeker_id == seeker_id, CheckIn.status == "scheduled")
        .order_by(col(CheckIn.due_at))
    )
    return rows.first()


# --- today and the digest -----------------------------------------------------------------


@dataclass
class Agenda:
    lines: list[str] = field(default_factory=list)
    alerts: list[tuple[Alert, User]] = field(default_factory=list)
    subjects: set[int] = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return not self.subjects


async def agenda(services: Services, coach: User, lang: str) -> Agenda:
    """Due and overdue: open alerts (and snoozed ones whose time came), unanswered
    check-ins, and check-ins going out today. Only for clients who share, apart from
    alerts a coach may always see."""
    result = Agenda()
    people = {seeker.id: seeker for seeker in await clients(services, coach)}
    if not people:
        return result
    alerts = await services.session.exec(
        select(Alert)
        .where(Alert.coach_id == coach.id, col(Alert.status).in_(("open", "snoozed")))
        .order_by(col(Alert.created_at))
    )
    for alert in alerts.all():
        seeker = people.get(alert.seeker_id)
        if seeker is None or not alert_visible(alert, seeker):
            continue
        if alert.status == "snoozed" and (
            alert.snoozed_until is not None and alert.snoozed_until > services.now
        ):
            continue
        result.alerts.append((alert, seeker))
    sharing = [seeker_id for seeker_id, seeker in people.items() if seeker.share_with_coach]
    day_start = local_moment(services, today(services), datetime.min.time())
    day_end = day_start + timedelta(days=1)
    waiting: list[CheckIn] = []
    planned: list[CheckIn] = []
    if sharing:
        rows = await services.session.exec(
            select(CheckIn)
            .where(
                col(CheckIn.seeker_id).in_(sharing),
                col(CheckIn.status).in_((*OPEN_CHECKIN, "missed")),
                col(CheckIn.due_at) >= services.now - timedelta(days=14),
            )
            .order_by(col(CheckIn.due_at))
        )
        waiting = [c for c in rows.all() if c.status != "started"]
        rows = await services.session.exec(
            select(CheckIn)
            .where(
                col(CheckIn.seeker_id).in_(sharing),
                CheckIn.status == "scheduled",
                col(CheckIn.due_at) >= day_start,
                col(CheckIn.due_at) < day_end,
            )
            .order_by(col(CheckIn.due_at))
        )
        planned = list(rows.all())
    if result.alerts:
        result.lines.append(services.text(lang, "coach.today_alerts", count=len(result.alerts)))
        for alert, seeker in result.alerts:
            reasons = reason_lines(services, lang, alert, None)
            summary = "; ".join(line.lstrip("• ") for line in reasons)
            result.lines.append(
                f"• {display_name(services, lang, seeker)}: {summary} "
                f"({fmt_date(services, alert.created_at)})"
            )
            result.subjects.add(seeker.id)
    if waiting:
        result.lines.append(services.text(lang, "coach.today_waiting", count=len(waiting)))
        for checkin in waiting:
            key = "coach.today_missed" if checkin.status == "missed" else "coach.today_unanswered"
            result.lines.append(
                "• "
                + services.text(
                    lang,
                    key,
                    name=display_name(services, lang, people[checkin.seeker_id]),
                    date=fmt_date(services, checkin.sent_at or checkin.due_at),
                )
            )
            result.subjects.add(checkin.seeker_id)
    if planned:
        result.lines.append(services.text(lang, "coach.today_planned", count=len(planned)))
        for checkin in planned:
            result.lines.append(
                f"• {display_name(services, lang, people[checkin.seeker_id])} "
                f"({services.local(checkin.due_at):%H:%M})"
            )
            result.subjects.add(checkin.seeker_id)
    return result


def _agenda_buttons(services: Services, lang: str, plan: Agenda) -> list[list[Button]]:
    rows: list[list[Button]] = []
    for alert, seeker in plan.alerts[:10]:
        assert alert.id is not None
        rows.append(
            [
                push_button(
                    "⚠️ " + display_name(services, lang, seeker)[:40], NAME, "a", str(alert.id)
                )
            ]
        )
    return rows


async def show_today(ctx: Ctx) -> None:
    ctx.set_state(None)
    plan = await agenda(ctx, ctx.user, ctx.lang)
    title = ctx.t("coach.today_title", date=fmt_date(ctx, today(ctx)))
    if plan.empty:
        ctx.say(
            title + "\n\n" + ctx.t("coach.today_nothing"),
            [[push_button(ctx.t("coach.btn_all_clients"), NAME, "list")]],
        )
        return
    for subject in sorted(plan.subjects):
        await audit(ctx, ctx.user.id, subject, "coach.today")
    rows = _agenda_buttons(ctx, ctx.lang, plan)
    rows.append([push_button(ctx.t("coach.btn_all_clients"), NAME, "list")])
    ctx.say(title + "\n\n" + "\n".join(plan.lines), rows)


async def plan_digests(services: Services) -> None:
    """Periodic: make sure today's (if still ahead) and tomorrow's digest exist per coach.
    Idempotent by ref; on PostgreSQL an advisory lock keeps two workers from both
    planning the same digest between their check and their insert."""
    bind = services.session.get_bind()
    if bind.dialect.name == "postgresql":
        await (await services.session.connection()).execute(
            sql_text(f"SELECT pg_advisory_xact_lock({DIGEST_LOCK})")
        )
    coaches = (await services.session.exec(select(User.id).where(User.role == "coach"))).all()
    if not coaches:
        return
    hours, minutes = (int(part) for part in services.settings.digest_time.split(":"))
    first = today(services)
    wanted: dict[str, tuple[int, datetime]] = {}
    for day in (first, first + timedelta(days=1)):
        due = local_moment(services, day, datetime.min.time().replace(hour=hours, minute=minutes))
        if due <= services.now and day == first:
            continue  # today's moment has passed: a first start does not send a late digest
        for coach_id in coaches:
            wanted[f"digest:{coach_id}:{day.isoformat()}"] = (coach_id, due)
    if not wanted:
        return
    existing = set(
        (
            await services.session.exec(
                select(ScheduledItem.ref).where(
                    ScheduledItem.kind == KIND_DIGEST, col(ScheduledItem.ref).in_(list(wanted))
                )
            )
        ).all()
    )
    for ref, (coach_id, due) in wanted.items():
        if ref not in existing:
            await services.schedule(KIND_DIGEST, due, user_id=coach_id, ref=ref)


async def job_digest(services: Services, item: ScheduledItem) -> None:
    coach = await services.session.get(User, item.user_id) if item.user_id else None
    if coach is None or coach.role != "coach":
        return
    lang = services.lang_of(coach)
    plan = await agenda(services, coach, lang)
    if plan.empty:
        return  # nothing to say: no message
    for subject in sorted(plan.subjects):
        await audit(services, coach.id, subject, "coach.digest")
    title = services.text(lang, "coach.digest_title", date=fmt_date(services, today(services)))
    rows = _agenda_buttons(services, lang, plan)
    rows.append([push_button(services.text(lang, "coach.btn_today"), NAME, "today")])
    await services.notify(coach.id, Reply(title + "\n\n" + "\n".join(plan.lines), rows))


# --- alerts -----------------------------------------------------------------------------


async def _own_alert(ctx: Ctx, arg: Any) -> tuple[Alert, User] | None:
    alert_id = _id(arg)
    alert = await ctx.session.get(Alert, alert_id) if alert_id is not None else None
    if alert is None or alert.coach_id != ctx.user.id:
        return None
    seeker = await client_of(ctx, ctx.user, alert.seeker_id)
    if seeker is None or not alert_visible(alert, seeker):
        return None
    return alert, seeker


async def show_alert(ctx: Ctx, arg: Any, prefix: str | None = None) -> None:
    found = await _own_alert(ctx, arg)
    if found is None:
        await _not_found(ctx)
        return
    alert, seeker = found
    assert alert.id is not None
    ctx.set_state(None)
    await audit(ctx, ctx.user.id, seeker.id, "coach.view_alert")
    checkin = await ctx.session.get(CheckIn, alert.checkin_id) if alert.checkin_id else None
    name = display_name(ctx, ctx.lang, seeker)
    lines = [
        ctx.t("coach.alert_view_title", name=name, date=fmt_date(ctx, alert.created_at)),
        ctx.t(f"coach.status_{alert.status}"),
        "",
        *reason_lines(ctx, ctx.lang, alert, checkin.mood if checkin else None),
    ]
    if alert.status == "snoozed" and alert.snoozed_until is not None:
        lines.append(
            ctx.t("coach.snoozed_until", when=f"{ctx.local(alert.snoozed_until):%d-%m-%Y %H:%M}")
        )
    notes = await ctx.session.exec(
        select(CoachNote).where(CoachNote.alert_id == alert.id).order_by(col(CoachNote.created_at))
    )
    note_lines = [f"📝 {fmt_date(ctx, note.created_at)}: {note.text}" for note in notes.all()]
    if note_lines:
        lines += ["", *note_lines]
    if prefix:
        lines.insert(0, prefix + "\n")
    arg_id = str(alert.id)
    rows: list[list[Button]] = []
    if alert.status != "closed":
        rows += [
            [
                push_button(ctx.t("coach.btn_contacted"), NAME, "ac", arg_id),
                push_button(ctx.t("coach.btn_note"), NAME, "an", arg_id),
            ],
            [
                push_button(ctx.t("coach.btn_snooze"), NAME, "az", arg_id),
                push_button(ctx.t("coach.btn_close"), NAME, "ax", arg_id),
            ],
        ]
    rows.append(
        [
            push_button(ctx.t("coach.btn_client"), NAME, "c", str(seeker.id)),
            push_button(ctx.t("coach.btn_message"), NAME, "msg", str(seeker.id)),
        ]
    )
    ctx.say("\n".join(lines), rows)


async def _alert_action(ctx: Ctx, action: str, arg: str) -> None:
    found = await _own_alert(ctx, arg)
    if found is None:
        await _not_found(ctx)
        return
    alert, _ = found
    assert alert.id is not None
    ref = f"alert:{alert.id}"
    if alert.status == "closed" and action != "an":
        await show_alert(ctx, alert.id, ctx.t("coach.alert_already_closed"))
        return
    alert.updated_at = ctx.now
    if action == "ac":
        alert.status = "contacted"
        alert.contacted_at = ctx.now
        await ctx.cancel_scheduled(ref, KIND_FOLLOWUP)
        await show_alert(ctx, alert.id, ctx.t("coach.marked_contacted"))
    elif action == "ax":
        alert.status = "closed"
        alert.closed_at = ctx.now
        await ctx.cancel_scheduled(ref, KIND_FOLLOWUP)
        await show_alert(ctx, alert.id, ctx.t("coach.marked_closed"))
    elif action == "az":
        # Until tomorrow's digest time: it comes back as a reminder then.
        hours, minutes = (int(part) for part in ctx.settings.digest_time.split(":"))
        clock = datetime.min.time().replace(hour=hours, minute=minutes)
        until = local_moment(ctx, today(ctx) + timedelta(days=1), clock)
        alert.status = "snoozed"
        alert.snoozed_until = until
        await ctx.cancel_scheduled(ref, KIND_FOLLOWUP)
        await ctx.schedule(KIND_FOLLOWUP, until, user_id=ctx.user.id, ref=ref)
        await show_alert(ctx, alert.id, ctx.t("coach.marked_snoozed"))
    elif action == "an":
        ctx.set_state(NAME, "note", alert=alert.id)
        ctx.say(
            ctx.t("coach.note_prompt", max=MAX_NOTE),
            [[ctx.button(ctx.t("coach.btn_cancel"), NAME, "cancel")]],
        )


async def job_followup(services: Services, item: ScheduledItem) -> None:
    """A snoozed alert whose time has come: back to open, and the coach is reminded."""
    alert_id = _id((item.ref or "").partition(":")[2])
    alert = await services.session.get(Alert, alert_id) if alert_id is not None else None
    if alert is None or alert.status != "snoozed":
        return
    coach = await services.session.get(User, alert.coach_id)
    seeker = await services.session.get(User, alert.seeker_id)
    if coach is None or seeker is None or seeker.coach_id != coach.id:
        return
    alert.status = "open"
    alert.snoozed_until = None
    alert.updated_at = services.now
    if not alert_visible(alert, seeker):
        return
    lang = services.lang_of(coach)
    await services.notify(
        coach.id,
        Reply(
            services.text(
                lang,
                "coach.followup",
                name=display_name(services, lang, seeker),
                date=fmt_date(services, alert.created_at),
            ),
            [[push_button(services.text(lang, "coach.btn_open_alert"), NAME, "a", str(alert.id))]],
        ),
    )


async def _save_note(ctx: Ctx, text: str) -> None:
    found = await _own_alert(ctx, ctx.user.flow_data.get("alert"))
    if found is None:
        await _not_found(ctx)
        await back_to_menu(ctx, "menu.title")
        return
    alert, seeker = found
    body = text.strip()
    if not body or len(body) > MAX_NOTE:
        ctx.say(ctx.t("coach.note_too_long", max=MAX_NOTE))
        return
    ctx.session.add(
        CoachNote(
            coach_id=ctx.user.id,
            seeker_id=seeker.id,
            alert_id=alert.id,
            text=body,
            created_at=ctx.now,
        )
    )
    alert.updated_at = ctx.now
    await ctx.session.flush()
    await show_alert(ctx, alert.id, ctx.t("coach.note_saved"))


# --- messages -------------------------------------------------------------------------------


async def _start_message(ctx: Ctx, seeker_id: int | None) -> None:
    seeker = await client_of(ctx, ctx.user, seeker_id) if seeker_id is not None else None
    if seeker is None:
        await _not_found(ctx)
        return
    ctx.set_state(NAME, "msg", client=seeker.id)
    ctx.say(
        ctx.t("coach.message_prompt", name=display_name(ctx, ctx.lang, seeker), max=MAX_MESSAGE),
        [[ctx.button(ctx.t("coach.btn_cancel"), NAME, "cancel")]],
    )


async def _send_message(ctx: Ctx, text: str) -> None:
    seeker = await client_of(ctx, ctx.user, _id(ctx.user.flow_data.get("client")) or 0)
    if seeker is None:
        await _not_found(ctx)
        await back_to_menu(ctx, "menu.title")
        return
    body = text.strip()
    if not body or len(body) > MAX_MESSAGE:
        ctx.say(ctx.t("coach.message_too_long", max=MAX_MESSAGE))
        return
    message = CoachMessage(
        coach_id=ctx.user.id,
        seeker_id=seeker.id,
        direction="to_client",
        text=body,
        created_at=ctx.now,
    )
    ctx.session.add(message)
    await ctx.session.flush()
    lang = ctx.lang_of(seeker)
    await ctx.notify(
        seeker.id,
        Reply(
            ctx.text(lang, "aftercare.message_from_coach", coach=display_name(ctx, lang, ctx.user))
            + "\n\n"
            + body,
            [
                [
                    push_button(
                        ctx.text(lang, "aftercare.btn_reply"),
                        CLIENT_FLOW,
                        "reply",
                        str(message.id),
                    )
                ]
            ],
        ),
    )
    key = "coach.message_sent_later" if ctx.in_quiet_hours(ctx.now) else "coach.message_sent"
    ctx.set_state(None)
    ctx.say(
        ctx.t(key, name=display_name(ctx, ctx.lang, seeker), time=ctx.settings.quiet_end),
        [[push_button(ctx.t("coach.btn_client"), NAME, "c", str(seeker.id))]],
    )


# --- placements ------------------------------------------------------------------------------

DATE_PATTERNS = (
    re.compile(r"^(?P<d>\d{1,2})[-/. ](?P<m>\d{1,2})[-/. ](?P<y>\d{4})$"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<d>\d{1,2})[-/. ](?P<m>\d{1,2})$"),
)
TODAY_WORDS = {"vandaag", "today"}
TOMORROW_WORDS = {"morgen", "tomorrow"}


def parse_date(text: str, reference: date) -> date | None:
    """'12-3-2026', '12/03', '2026-03-12', 'vandaag', 'morgen'."""
    word = normalise(text)
    if word in TODAY_WORDS:
        return reference
    if word in TOMORROW_WORDS:
        return reference + timedelta(days=1)
    stripped = text.strip()
    for pattern in DATE_PATTERNS:
        match = pattern.match(stripped)
        if match:
            parts = match.groupdict()
            try:
                return date(int(parts.get("y") or reference.year), int(parts["m"]), int(parts["d"]))
            except ValueError:
                return None
    return None


async def _start_placement(ctx: Ctx, seeker_id: int | None) -> None:
    seeker = await client_of(ctx, ctx.user, seeker_id) if seeker_id is not None else None
    if seeker is None:
        await _not_found(ctx)
        return
    ctx.set_state(NAME, "p_employer", client=seeker.id)
    await _ask_placement_step(ctx)


def _cancel_row(ctx: Ctx) -> list[Button]:
    return [ctx.button(ctx.t("coach.btn_cancel"), NAME, "cancel")]


async def _ask_placement_step(ctx: Ctx, prefix: str | None = None) -> None:
    step = ctx.user.step
    data = ctx.user.flow_data
    seeker = await client_of(ctx, ctx.user, _id(data.get("client")) or 0)
    if seeker is None:
        await _not_found(ctx)
        await back_to_menu(ctx, "menu.title")
        return
    name = display_name(ctx, ctx.lang, seeker)
    rows: list[list[Button]]
    if step == "p_employer":
        text, rows = ctx.t("coach.ask_employer", name=name), [_cancel_row(ctx)]
    elif step == "p_title":
        text, rows = ctx.t("coach.ask_title"), [_cancel_row(ctx)]
    elif step == "p_start":
        text = ctx.t("coach.ask_start")
        rows = [
            [
                ctx.button(ctx.t("coach.btn_today_date"), NAME, "sd", "0"),
                ctx.button(ctx.t("coach.btn_tomorrow_date"), NAME, "sd", "1"),
            ],
            _cancel_row(ctx),
        ]
    elif step == "p_hours":
        text = ctx.t("coach.ask_hours")
        rows = [[ctx.button(ctx.t("coach.btn_skip"), NAME, "hs")], _cancel_row(ctx)]
    else:
        hours = data.get("hours")
        text = ctx.t(
            "coach.confirm_placement",
            name=name,
            employer=data.get("employer", ""),
            title=data.get("title", ""),
            date=fmt_date(ctx, date.fromisoformat(data["start"])),
            hours=hours if hours else ctx.t("coach.hours_unknown"),
        )
        rows = [
            [
                ctx.button(ctx.t("coach.btn_confirm"), NAME, "pc", "yes"),
                ctx.button(ctx.t("coach.btn_cancel"), NAME, "pc", "no"),
            ]
        ]
    ctx.say(f"{prefix}\n\n{text}" if prefix else text, rows)


async def _placement_text(ctx: Ctx, text: str) -> None:
    step = ctx.user.step
    value = text.strip()
    if step in ("p_employer", "p_title"):
        if not 2 <= len(value) <= 120:
            await _ask_placement_step(ctx, ctx.t("coach.length_between", min=2, max=120))
            return
        if step == "p_employer":
            ctx.update_state("p_title", employer=value)
        else:
            ctx.update_state("p_start", title=value)
    elif step == "p_start":
        start = parse_date(value, today(ctx))
        if start is None or not (
            today(ctx) - timedelta(days=180) <= start <= today(ctx) + timedelta(days=365)
        ):
            await _ask_placement_step(ctx, ctx.t("coach.date_not_understood"))
            return
        ctx.update_state("p_hours", start=start.isoformat())
    elif step == "p_hours":
        hours = parse_int(value)
        if hours is None or not 1 <= hours <= 60:
            await _ask_placement_step(ctx, ctx.t("coach.hours_not_understood"))
            return
        ctx.update_state("p_confirm", hours=hours)
    elif step == "p_confirm":
        answer = parse_yes_no(value)
        if answer is None:
            await _ask_placement_step(ctx, ctx.t("common.choose_a_button"))
            return
        await _confirm_placement(ctx, answer)
        return
    await _ask_placement_step(ctx)


async def _confirm_placement(ctx: Ctx, yes: bool) -> None:
    data = ctx.user.flow_data
    seeker = await client_of(ctx, ctx.user, _id(data.get("client")) or 0)
    if not yes or seeker is None:
        await back_to_menu(ctx, "coach.placement_cancelled")
        return
    placement = await create_placement(
        ctx,
        seeker_id=seeker.id,
        employer_name=data["employer"],
        job_title=data["title"],
        start_date=date.fromisoformat(data["start"]),
        source="coach",
        hours_per_week=data.get("hours"),
    )
    assert placement.id is not None
    planned = (
        await ctx.session.exec(
            select(ScheduledItem).where(
                ScheduledItem.ref == placement_ref(placement.id),
                ScheduledItem.kind == KIND_CHECKIN,
            )
        )
    ).all()
    ctx.set_state(None)
    ctx.say(
        ctx.t(
            "coach.placement_created", name=display_name(ctx, ctx.lang, seeker), count=len(planned)
        )
    )
    await show_client(ctx, seeker.id)


async def _own_active_placement(ctx: Ctx, arg: Any) -> tuple[Placement, User] | None:
    placement_id = _id(arg)
    placement = await ctx.session.get(Placement, placement_id) if placement_id else None
    if placement is None or placement.status != "active":
        return None
    seeker = await client_of(ctx, ctx.user, placement.seeker_id)
    return (placement, seeker) if seeker is not None else None


async def _ask_end(ctx: Ctx, arg: Any) -> None:
    found = await _own_active_placement(ctx, arg)
    if found is None:
        await _not_found(ctx)
        return
    placement, seeker = found
    ctx.set_state(NAME, "p_end", placement=placement.id)
    ctx.say(
        ctx.t(
            "coach.end_why",
            name=display_name(ctx, ctx.lang, seeker),
            title=placement.job_title,
            employer=placement.employer_name,
        ),
        [
            *[
                [ctx.button(ctx.t(f"coach.end_reason_{reason}"), NAME, "pw", reason)]
                for reason in END_REASONS
            ],
            _cancel_row(ctx),
        ],
    )


async def _end(ctx: Ctx, reason: str) -> None:
    found = await _own_active_placement(ctx, ctx.user.flow_data.get("placement"))
    if found is None or reason not in END_REASONS:
        await _not_found(ctx)
        await back_to_menu(ctx, "menu.title")
        return
    placement, seeker = found
    await end_placement(ctx, placement, reason)
    ctx.set_state(None)
    ctx.say(ctx.t("coach.placement_ended_done", name=display_name(ctx, ctx.lang, seeker)))
    await show_client(ctx, seeker.id)


# --- the flow -----------------------------------------------------------------------------

PLACEMENT_STEPS = ("p_employer", "p_title", "p_start", "p_hours", "p_confirm")


class CoachFlow:
    name = NAME
    roles: frozenset[str | None] = frozenset({"coach"})

    async def on_text(self, ctx: Ctx, text: str) -> None:
        step = ctx.user.step
        if step == "note":
            await _save_note(ctx, text)
        elif step == "msg":
            await _send_message(ctx, text)
        elif step in PLACEMENT_STEPS:
            await _placement_text(ctx, text)
        else:
            ctx.set_state(None)
            await engine.handle_text(ctx, text)

    async def on_button(self, ctx: Ctx, callback: Callback) -> None:
        action, arg = callback.action, callback.arg
        if callback.screen is None:
            # Unbound (pushed messages, lists): starts something new, leaving any step.
            await leave_current_flow(ctx, keep="")
            await self._unbound(ctx, action, arg)
            return
        step = ctx.user.step
        if action == "cancel":
            await back_to_menu(ctx, "coach.cancelled")
        elif action == "sd" and step == "p_start" and arg in ("0", "1"):
            ctx.update_state("p_hours", start=(today(ctx) + timedelta(days=int(arg))).isoformat())
            await _ask_placement_step(ctx)
        elif action == "hs" and step == "p_hours":
            ctx.update_state("p_confirm", hours=None)
            await _ask_placement_step(ctx)
        elif action == "pc" and step == "p_confirm":
            await _confirm_placement(ctx, arg == "yes")
        elif action == "pw" and step == "p_end":
            await _end(ctx, arg)
        else:
            ctx.toast = ctx.t("common.button_unknown")
            await self.resume(ctx)

    async def _unbound(self, ctx: Ctx, action: str, arg: str) -> None:
        if action == "list":
            await caseload(ctx)
        elif action == "today":
            await show_today(ctx)
        elif action == "link":
            await create_link(ctx)
        elif action == "c":
            await show_client(ctx, _id(arg))
        elif action == "a":
            await show_alert(ctx, arg)
        elif action in ("ac", "ax", "az", "an"):
            await _alert_action(ctx, action, arg)
        elif action == "msg":
            await _start_message(ctx, _id(arg))
        elif action == "pl":
            await _start_placement(ctx, _id(arg))
        elif action == "pe":
            await _ask_end(ctx, arg)
        else:
            ctx.toast = ctx.t("common.button_unknown")

    async def resume(self, ctx: Ctx) -> None:
        step = ctx.user.step
        if step == "note":
            ctx.say(
                ctx.t("coach.note_prompt", max=MAX_NOTE),
                [[ctx.button(ctx.t("coach.btn_cancel"), NAME, "cancel")]],
            )
        elif step == "msg":
            await _start_message(ctx, _id(ctx.user.flow_data.get("client")))
        elif step in PLACEMENT_STEPS:
            await _ask_placement_step(ctx)
        elif step == "p_end":
            await _ask_end(ctx, ctx.user.flow_data.get("placement"))
        else:
            await caseload(ctx)
