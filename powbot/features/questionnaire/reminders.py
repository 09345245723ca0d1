"""Coming back: a paused or abandoned questionnaire gets at most two reminders.

Both are planned, durably, when a run begins: after 2 and after 7 days without activity,
outside quiet hours. A reminder that comes due while the person was active recently moves
on (to that many days after the last activity) instead of nagging. None are sent once the
run is finished or started over, after "no more reminders", or to someone unreachable.
"""

from __future__ import annotations

from datetime import timedelta

from powbot.conversation.context import Ctx
from powbot.conversation.parse import parse_id
from powbot.domain.messages import Button, Callback, Reply
from powbot.domain.questionnaire_runs import (
    OPEN,
    RunRow,
    ever_scheduled,
    ever_scheduled_now,
    plain_unit,
    schedule_now,
)
from powbot.domain.unit import Services
from powbot.storage.models import QuestionnaireRun, ScheduledItem, User

KIND = "questionnaire_reminder"
NAME = "questionnaire"
IDLE_DAYS = (2, 7)


def ref_of(run_id: int | None) -> str:
    return f"questionnaire:{run_id}"


async def plan_reminders(services: Services, run: QuestionnaireRun | RunRow) -> None:
    """Plan the two reminders of this run, once in the run's life (with plain statements
    when the update has no session open: queries.plain_unit)."""
    ref = ref_of(run.id)
    unit = plain_unit(services)
    if unit is not None:
        if ever_scheduled_now(unit, KIND, ref):
            return
    elif await ever_scheduled(services, KIND, ref):
        return
    for number, days in enumerate(IDLE_DAYS, start=1):
        due_at = services.after_quiet_hours(services.now + timedelta(days=days))
        payload = {"run": run.id, "number": number, "idle_days": days}
        if unit is not None:
            schedule_now(unit, KIND, due_at, user_id=run.user_id, ref=ref, payload=payload)
        else:
            await services.schedule(KIND, due_at, user_id=run.user_id, ref=ref, payload=payload)


async def stop_reminders(services: Services, run_id: int | None) -> None:
    await services.cancel_scheduled(ref_of(run_id), KIND)


async def send_reminder(services: Services, item: ScheduledItem) -> None:
    """The scheduled job: remind, move on, or do nothing (the run is no longer open)."""
    run_id = item.payload.get("run")
    run = await services.session.get(QuestionnaireRun, run_id) if isinstance(run_id, int) else None
    user = await services.session.get(User, item.user_id) if item.user_id else None
    if run is None or user is None or run.status not in OPEN or run.user_id != user.id:
        return
    if user.unreachable_at is not None or user.consent_at is None:
        return
    idle = timedelta(days=int(item.payload.get("idle_days", IDLE_DAYS[0])))
    if user.last_active_at is not None and services.now - user.last_active_at < idle:
        await services.schedule(
            KIND,
            services.after_quiet_hours(user.last_active_at + idle),
            user_id=user.id,
            ref=item.ref,
            payload=dict(item.payload),
        )
        return
    await services.notify(user.id, reminder(services, user, run))


def reminder(services: Services, user: User, run: QuestionnaireRun) -> Reply:
    lang = services.lang_of(user)
    number, total = services.content.questionnaire.progress(run.answers)
    return Reply(
        services.text(lang, "questionnaire.reminder", number=number, total=total),
        [
            [_unbound(services.text(lang, "questionnaire.continue"), "continue", "")],
            [_unbound(services.text(lang, "questionnaire.reminder_stop"), "mute", str(run.id))],
        ],
    )


def _unbound(label: str, action: str, arg: str) -> Button:
    # Pushed outside a conversation: not bound to a screen; the flow checks the run's owner.
    return Button(label=label, data=Callback(NAME, action, arg, None).encode())


async def mute(ctx: Ctx, arg: str) -> None:
    """'No more reminders' under a reminder: only for the person's own run."""
    run = await ctx.session.get(QuestionnaireRun, parse_id(arg)) if parse_id(arg) else None
    if run is not None and run.user_id == ctx.user.id:
        await stop_reminders(ctx, run.id)
    ctx.say(ctx.t("questionnaire.reminders_stopped"))
