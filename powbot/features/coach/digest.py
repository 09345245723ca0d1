"""The coach's scheduled messages: the morning digest of today's work, and the reminder
when a snoozed alert's time has come. Planning the digests lives in the domain."""

from __future__ import annotations

from powbot.domain import alerts as alert_ops
from powbot.domain.aftercare_coach import digest_due_on
from powbot.domain.agenda import KIND_DIGEST, agenda, plan_digests
from powbot.domain.coaching import (
    COACH_FLOW,
    audit_many,
    digest_days,
    display_name,
    fmt_date,
    parse_id,
    push_button,
    today,
)
from powbot.domain.messages import Reply
from powbot.domain.unit import Services
from powbot.features.coach import today as today_view
from powbot.storage.models import ScheduledItem, User

__all__ = ["KIND_DIGEST", "job_digest", "job_followup", "plan_digests"]
NAME = COACH_FLOW


async def job_digest(services: Services, item: ScheduledItem) -> None:
    coach = await services.session.get(User, item.user_id) if item.user_id else None
    if coach is None or coach.role != "coach":
        return
    if not digest_due_on(today(services), digest_days(services)):
        return  # planned before the digest days changed: not on this day
    lang = services.lang_of(coach)
    plan = await agenda(services, coach)
    if plan.empty:
        return  # nothing to say: no message
    await audit_many(services, coach.id, sorted(plan.subjects), "coach.digest")
    title = services.text(lang, "coach.digest_title", date=fmt_date(services, today(services)))
    rows = today_view.agenda_buttons(services, lang, plan)
    rows.append([push_button(services.text(lang, "coach.btn_today"), NAME, "today")])
    lines = today_view.agenda_lines(services, lang, plan)
    await services.notify(coach.id, Reply(title + "\n\n" + "\n".join(lines), rows))


async def job_followup(services: Services, item: ScheduledItem) -> None:
    """A snoozed alert whose time has come: back to open, and the coach is reminded."""
    found = await alert_ops.reopen_snoozed(services, parse_id((item.ref or "").partition(":")[2]))
    if found is None:
        return
    alert, coach, seeker = found
    lang = services.lang_of(coach)
    label = services.text(lang, "coach.btn_open_alert")
    await services.notify(
        coach.id,
        Reply(
            services.text(
                lang,
                "coach.followup",
                name=display_name(services, lang, seeker),
                date=fmt_date(services, alert.created_at),
            ),
            [[push_button(label, NAME, "a", str(alert.id))]],
        ),
    )
