"""Aftercare (nazorg) for the worker: planned check-ins after a placement starts.

A placement plans its check-ins (rows + scheduled items) from the knowledge file. When one
is due, the worker gets "Hoe gaat het op je werk?" with five mood buttons, then the
moment's questions and, with a coach, "Wil je dat je coach contact met je opneemt?". Risk
rules from the knowledge file raise an alert to the coach at once. No answer: one reminder,
then the coach is told. Ending a placement or blocking the bot stops the schedule.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import delete, update
from sqlmodel import col, select

from powbot.clock import utcnow
from powbot.conversation.context import Ctx
from powbot.domain.messages import Button, Callback, Reply
from powbot.domain.placements import (
    end_placement,
)
from powbot.domain.unit import Services
from powbot.features import routing as engine
from powbot.features.aftercare.common import (
    AFTERCARE_FLOW,
    LIVE_CHECKIN,
    OPEN_CHECKIN,
    active_placements,
    back_to_menu,
    coach_of,
    display_name,
    fmt_date,
    leave_current_flow,
    local_moment,
    push_button,
    raise_alert,
    today,
)
from powbot.features.onboarding.flow import ask_consent
from powbot.knowledge.aftercare import Aftercare, Question
from powbot.storage.models import Placement, ScheduledItem, User
from powbot.storage.models_aftercare import CheckIn, CheckInAnswer

NAME = AFTERCARE_FLOW
KIND_CHECKIN = "aftercare.checkin"
KIND_REMIND = "aftercare.remind"
KIND_ESCALATE = "aftercare.escalate"
KIND_UNREACHABLE = "aftercare.unreachable"
WORKER_KINDS = (KIND_CHECKIN, KIND_REMIND, KIND_ESCALATE)
END_REASONS = ("job_ended", "changed_job")


def placement_ref(placement_id: int) -> str:
    return f"placement:{placement_id}"


def checkin_ref(checkin_id: int) -> str:
    return f"checkin:{checkin_id}"


# --- planning (placement hooks) ------------------------------------------------------------


async def plan_checkins(services: Services, placement: Placement) -> None:
    """ON_PLACEMENT_CREATED: plan every check-in of the schedule that is not in the past."""
    assert placement.id is not None
    aftercare = services.content.aftercare
    seeker = await services.session.get(User, placement.seeker_id)
    if seeker is None:
        return
    first_day = today(services)
    planned = 0
    for item in aftercare.plan(placement.start_date):
        due = local_moment(services, item.day, aftercare.send_clock)
        if item.day < first_day or (due < services.now and services.in_quiet_hours(services.now)):
            # Registered late: moments already gone are not sent afterwards (today's only
            # while it can still go out today).
            continue
        checkin = CheckIn(
            seeker_id=seeker.id,
            placement_id=placement.id,
            moment=item.moment,
            day=item.day,
            due_at=due,
            questions=list(item.questions),
        )
        services.session.add(checkin)
        await services.session.flush()
        await services.schedule(
            KIND_CHECKIN,
            due,
            user_id=seeker.id,
            ref=placement_ref(placement.id),
            payload={"checkin": checkin.id},
        )
        planned += 1
    lang = services.lang_of(seeker)
    await services.notify(
        seeker.id,
        Reply(
            services.text(
                lang,
                "aftercare.placement_started",
                title=placement.job_title,
                employer=placement.employer_name,
                date=fmt_date(services, placement.start_date),
            )
            + "\n\n"
            + services.text(lang, "aftercare.schedule_explained", count=planned)
        ),
    )


async def stop_checkins(services: Services, placement: Placement) -> None:
    """ON_PLACEMENT_ENDED: cancel what is still planned and tell whoever did not end it."""
    assert placement.id is not None
    rows = await services.session.exec(
        select(CheckIn).where(
            CheckIn.placement_id == placement.id, col(CheckIn.status).in_(LIVE_CHECKIN)
        )
    )
    for checkin in rows.all():
        checkin.status = "cancelled"
        assert checkin.id is not None
        await services.cancel_scheduled(checkin_ref(checkin.id))
    await services.cancel_scheduled(placement_ref(placement.id))
    actor = services.user.id if isinstance(services, Ctx) else None
    seeker = await services.session.get(User, placement.seeker_id)
    coach = await coach_of(services, seeker) if seeker else None
    reason_key = f"coach.end_reason_{placement.end_reason}"
    if coach is not None and actor != coach.id and seeker is not None:
        lang = services.lang_of(coach)
        reason = (
            services.text(lang, reason_key)
            if services.content.catalog.has(reason_key)
            else placement.end_reason or ""
        )
        await services.notify(
            coach.id,
            Reply(
                services.text(
                    lang,
                    "coach.placement_ended",
                    name=display_name(services, lang, seeker),
                    title=placement.job_title,
                    employer=placement.employer_name,
                    reason=reason,
                ),
                [
                    [
                        push_button(
                            services.text(lang, "coach.btn_client"), "coach", "c", str(seeker.id)
                        )
                    ]
                ],
            ),
        )
    if seeker is not None and actor is not None and actor != seeker.id:
        lang = services.lang_of(seeker)
        await services.notify(
            seeker.id,
            Reply(
                services.text(
                    lang,
                    "aftercare.placement_ended_by_coach",
                    title=placement.job_title,
                    employer=placement.employer_name,
                )
            ),
        )


async def on_unreachable(session: Any, user_id: int) -> None:
    """on_unreachable: the worker blocked the bot. Stop their check-ins and plan a
    message to their coach (the hook has no content to write it, the job has)."""
    now = utcnow()
    rows = await session.exec(
        select(CheckIn).where(CheckIn.seeker_id == user_id, col(CheckIn.status).in_(LIVE_CHECKIN))
    )
    stopped = 0
    for checkin in rows.all():
        checkin.status = "cancelled"
        stopped += 1
    await session.exec(
        update(ScheduledItem)
        .where(
            col(ScheduledItem.user_id) == user_id,
            col(ScheduledItem.kind).in_(WORKER_KINDS),
            col(ScheduledItem.status) == "pending",
        )
        .values(status="cancelled", done_at=now)
    )
    user = await session.get(User, user_id)
    if user is None or user.role != "seeker" or user.coach_id is None:
        return
    session.add(
        ScheduledItem(
            kind=KIND_UNREACHABLE,
            due_at=now,
            user_id=user.coach_id,
            ref=f"unreachable:{user_id}",
            payload={"seeker": user_id, "stopped": stopped},
        )
    )


async def on_return(services: Services, user: User) -> None:
    """ON_RETURN: a worker who had blocked the bot writes again; the check-ins that were
    stopped and still lie ahead are planned again."""
    rows = await services.session.exec(
        select(CheckIn, Placement)
        .join(Placement, col(Placement.id) == col(CheckIn.placement_id))
        .where(
            CheckIn.seeker_id == user.id,
            CheckIn.status == "cancelled",
            col(CheckIn.due_at) > services.now,
            Placement.status == "active",
        )
    )
    for checkin, placement in rows.all():
        assert placement.id is not None
        checkin.status = "scheduled"
        await services.schedule(
            KIND_CHECKIN,
            checkin.due_at,
            user_id=user.id,
            ref=placement_ref(placement.id),
            payload={"checkin": checkin.id},
        )


async def job_unreachable(services: Services, item: ScheduledItem) -> None:
    seeker = await services.session.get(User, int(item.payload["seeker"]))
    coach = await coach_of(services, seeker) if seeker else None
    if seeker is None or coach is None or coach.id != item.user_id:
        return
    await raise_alert(
        services, seeker=seeker, coach=coach, kind="unreachable", reasons=[], urgent=False
    )


# --- sending, reminding, escalating (jobs) -------------------------------------------------


def mood_buttons(aftercare: Aftercare, checkin_id: int) -> list[list[Button]]:
    return [
        [
            push_button(emoji, NAME, "m", f"{checkin_id}.{index + 1}")
            for index, emoji in enumerate(aftercare.mood.emoji)
        ]
    ]


def mood_reply(services: Services, lang: str, checkin: CheckIn, intro_key: str) -> Reply:
    aftercare = services.content.aftercare
    assert checkin.id is not None
    scale = " · ".join(
        f"{emoji} {label}"
        for emoji, label in zip(aftercare.mood.emoji, aftercare.mood.labels.get(lang), strict=True)
    )
    text = "\n\n".join(
        [
            services.text(lang, intro_key),
            aftercare.mood_question(checkin.moment).get(lang),
            services.text(lang, "aftercare.mood_hint", scale=scale),
        ]
    )
    return Reply(text, mood_buttons(aftercare, checkin.id))


async def _locked_user(services: Services, user_id: int) -> User | None:
    """The user row locked like an incoming update locks it, so a job and the user's own
    message never overwrite each other's conversation state."""
    return await services.session.get(User, user_id, with_for_update=True)


async def job_checkin(services: Services, item: ScheduledItem) -> None:
    checkin = await services.session.get(CheckIn, int(item.payload["checkin"]))
    if checkin is None or checkin.status != "scheduled":
        return
    placement = await services.session.get(Placement, checkin.placement_id)
    seeker = await _locked_user(services, checkin.seeker_id)
    if placement is None or placement.status != "active" or seeker is None:
        checkin.status = "cancelled"
        return
    if seeker.unreachable_at is not None:
        checkin.status = "cancelled"
        return
    aftercare = services.content.aftercare
    sent_at = services.after_quiet_hours(services.now)
    checkin.status = "sent"
    checkin.sent_at = sent_at
    lang = services.lang_of(seeker)
    await services.notify(seeker.id, mood_reply(services, lang, checkin, "aftercare.checkin_intro"))
    if seeker.flow is None:
        # Nothing else going on: a typed "goed" or "3" answers the check-in too.
        seeker.flow, seeker.step, seeker.flow_data = NAME, "mood", {"checkin": checkin.id}
    assert checkin.id is not None
    ref = checkin_ref(checkin.id)
    payload = {"checkin": checkin.id}
    await services.schedule(
        KIND_REMIND,
        sent_at + timedelta(hours=aftercare.reminder_after_hours),
        user_id=seeker.id,
        ref=ref,
        payload=payload,
    )
    await services.schedule(
        KIND_ESCALATE,
        sent_at + timedelta(hours=aftercare.escalate_after_hours),
        user_id=seeker.id,
        ref=ref,
        payload=payload,
    )


async def job_remind(services: Services, item: ScheduledItem) -> None:
    checkin = await services.session.get(CheckIn, int(item.payload["checkin"]))
    if checkin is None:
        return
    seeker = await services.session.get(User, checkin.seeker_id)
    if seeker is None or seeker.unreachable_at is not None:
        return
    if checkin.status == "sent":
        checkin.status = "reminded"
        checkin.reminded_at = services.now
        lang = services.lang_of(seeker)
        await services.notify(
            seeker.id, mood_reply(services, lang, checkin, "aftercare.reminder_intro")
        )
    elif checkin.status == "started":
        # Begun but left halfway: what was answered still counts, risks included.
        await conclude(services, checkin, seeker)


async def job_escalate(services: Services, item: ScheduledItem) -> None:
    checkin = await services.session.get(CheckIn, int(item.payload["checkin"]))
    if checkin is None or checkin.status not in ("sent", "reminded"):
        return
    checkin.status = "missed"
    seeker = await services.session.get(User, checkin.seeker_id)
    coach = await coach_of(services, seeker) if seeker else None
    if seeker is not None and coach is not None and seeker.share_with_coach:
        await raise_alert(
            services,
            seeker=seeker,
            coach=coach,
            kind="no_answer",
            reasons=[],
            checkin=checkin,
            urgent=False,
        )


# --- the conversation --------------------------------------------------------------------


async def _answers(services: Services, checkin_id: int) -> dict[str, str]:
    rows = await services.session.exec(
        select(CheckInAnswer).where(CheckInAnswer.checkin_id == checkin_id)
    )
    return {row.question_id: row.answer for row in rows.all()}


async def _steps(services: Services, checkin: CheckIn, seeker: User) -> list[str]:
    """The questions of this check-in; the contact question only for someone with a coach."""
    steps = list(checkin.questions)
    if await coach_of(services, seeker) is not None:
        steps.append(services.content.aftercare.contact_question)
    return steps


async def _own_open_checkin(ctx: Ctx, checkin_id: int | None) -> CheckIn | None:
    if checkin_id is None:
        return None
    checkin = await ctx.session.get(CheckIn, checkin_id)
    if checkin is None or checkin.seeker_id != ctx.user.id or checkin.status not in OPEN_CHECKIN:
        return None
    return checkin


async def _latest_open_checkin(ctx: Ctx) -> CheckIn | None:
    rows = await ctx.session.exec(
        select(CheckIn)
        .where(CheckIn.seeker_id == ctx.user.id, col(CheckIn.status).in_(OPEN_CHECKIN))
        .order_by(col(CheckIn.due_at).desc())
    )
    return rows.first()


async def start(ctx: Ctx) -> None:
    """/checkin: continue an open check-in, or say there is none."""
    checkin = await _latest_open_checkin(ctx)
    if checkin is None:
        await back_to_menu(ctx, "aftercare.no_open_checkin")
        return
    await _continue(ctx, checkin)


async def _continue(ctx: Ctx, checkin: CheckIn) -> None:
    if ctx.user.consent_at is None:
        # Check-ins ask about health and money: the general consent comes first.
        await ask_consent(ctx, then=NAME)
        return
    assert checkin.id is not None
    if checkin.mood is None:
        ctx.set_state(NAME, "mood", checkin=checkin.id)
        ctx.replies.append(mood_reply(ctx, ctx.lang, checkin, "aftercare.checkin_intro"))
        return
    await _ask_next(ctx, checkin)


async def _ask_next(ctx: Ctx, checkin: CheckIn, prefix: str | None = None) -> None:
    assert checkin.id is not None
    answers = await _answers(ctx, checkin.id)
    steps = await _steps(ctx, checkin, ctx.user)
    remaining = [step for step in steps if step not in answers]
    if not remaining:
        await _finish(ctx, checkin)
        return
    question = ctx.content.aftercare.question(remaining[0])
    ctx.set_state(NAME, question.id, checkin=checkin.id)
    number = steps.index(question.id) + 1
    lines = [
        ctx.t("aftercare.progress", number=number, total=len(steps)),
        "",
        question.text.get(ctx.lang),
    ]
    if prefix:
        lines.insert(0, prefix + "\n")
    ctx.say("\n".join(lines), _answer_buttons(ctx, question))


def _answer_label(ctx: Ctx, question: Question, answer: str) -> str:
    return question.label(answer, ctx.lang) or ctx.t(f"common.{answer}")


def _answer_buttons(ctx: Ctx, question: Question) -> list[list[Button]]:
    answers = question.answer_ids()
    if question.type == "yesno":
        return [
            [
                ctx.button(_answer_label(ctx, question, a), NAME, "a", str(i))
                for i, a in enumerate(answers)
            ]
        ]
    return [
        [ctx.button(_answer_label(ctx, question, a), NAME, "a", str(i))]
        for i, a in enumerate(answers)
    ]


async def _record_mood(ctx: Ctx, checkin: CheckIn, mood: int) -> None:
    checkin.mood = mood
    checkin.status = "started"
    key = (
        "aftercare.mood_low"
        if mood <= 2
        else "aftercare.mood_ok"
        if mood == 3
        else "aftercare.mood_good"
    )
    await _ask_next(ctx, checkin, prefix=ctx.t(key))


async def _record_answer(ctx: Ctx, checkin: CheckIn, question: Question, answer: str) -> None:
    assert checkin.id is not None
    await ctx.session.exec(
        delete(CheckInAnswer).where(
            col(CheckInAnswer.checkin_id) == checkin.id,
            col(CheckInAnswer.question_id) == question.id,
        )
    )
    ctx.session.add(
        CheckInAnswer(
            checkin_id=checkin.id,
            seeker_id=ctx.user.id,
            question_id=question.id,
            answer=answer,
            answered_at=ctx.now,
        )
    )
    await ctx.session.flush()
    help_text = ctx.content.aftercare.help_for(question.id, answer)
    if help_text is not None:
        ctx.say("ℹ️ " + help_text.get(ctx.lang))
    await _ask_next(ctx, checkin)


async def conclude(services: Services, checkin: CheckIn, seeker: User) -> str | None:
    """Close a check-in: evaluate the risk rules and alert the coach when one holds.

    Returns the catalog key of what to tell the worker about it (None: nothing to tell).
    """
    assert checkin.id is not None
    aftercare = services.content.aftercare
    answers = await _answers(services, checkin.id)
    risks = aftercare.risks_for(checkin.mood, answers, list(checkin.typed_risks))
    checkin.risks = risks
    checkin.status = "answered"
    checkin.answered_at = services.now
    await services.cancel_scheduled(checkin_ref(checkin.id))
    if not risks:
        return None
    coach = await coach_of(services, seeker)
    if coach is not None and seeker.share_with_coach:
        await raise_alert(
            services, seeker=seeker, coach=coach, kind="risk", reasons=risks, checkin=checkin
        )
        return "aftercare.coach_told"
    if coach is not None and "contact" in risks:
        # Not sharing, yet asking for contact: the coach learns only that.
        await raise_alert(
            services,
            seeker=seeker,
            coach=coach,
            kind="risk",
            reasons=["contact"],
            checkin=checkin,
            limited=True,
        )
        return (
            "aftercare.coach_told_contact"
            if risks == ["contact"]
            else "aftercare.coach_told_contact_help"
        )
    return "aftercare.no_coach_help"


async def _finish(ctx: Ctx, checkin: CheckIn) -> None:
    outcome = await conclude(ctx, checkin, ctx.user)
    if outcome is not None:
        text = ctx.t(outcome)
        if outcome in ("aftercare.no_coach_help", "aftercare.coach_told_contact_help"):
            text += "\n\n" + ctx.content.aftercare.help_without_coach.get(ctx.lang)
        ctx.say(text)
    await back_to_menu(ctx, "aftercare.thanks")


async def my_job(ctx: Ctx) -> None:
    """/werk and the menu: current job(s), an open check-in, and ending a job."""
    placements = await active_placements(ctx, ctx.user.id)
    if not placements:
        await back_to_menu(ctx, "aftercare.no_job")
        return
    ctx.set_state(None)  # a screen, not a conversation: its buttons are checked when pressed
    lines = [ctx.t("aftercare.job_title")]
    rows: list[list[Button]] = []
    for placement in placements:
        lines.append(
            ctx.t(
                "aftercare.job_line",
                title=placement.job_title,
                employer=placement.employer_name,
                date=fmt_date(ctx, placement.start_date),
            )
        )
        rows.append(
            [
                push_button(
                    ctx.t("aftercare.btn_job_stopped", employer=placement.employer_name),
                    NAME,
                    "end",
                    str(placement.id),
                )
            ]
        )
    if await _latest_open_checkin(ctx) is not None:
        rows.insert(0, [push_button(ctx.t("aftercare.btn_open_checkin"), NAME, "open")])
    ctx.say("\n".join(lines), rows)


async def _ask_end_reason(ctx: Ctx, placement: Placement) -> None:
    ctx.set_state(NAME, "end", placement=placement.id)
    ctx.say(
        ctx.t("aftercare.end_why", employer=placement.employer_name),
        [
            *[
                [ctx.button(ctx.t(f"aftercare.end_reason_{reason}"), NAME, "why", reason)]
                for reason in END_REASONS
            ],
            [ctx.button(ctx.t("aftercare.end_cancel"), NAME, "why", "cancel")],
        ],
    )


async def _own_active_placement(ctx: Ctx, placement_id: Any) -> Placement | None:
    if not str(placement_id).isdigit():
        return None
    placement = await ctx.session.get(Placement, int(placement_id))
    if placement is None or placement.seeker_id != ctx.user.id or placement.status != "active":
        return None
    return placement


class AftercareFlow:
    name = NAME
    roles: frozenset[str | None] = frozenset({"seeker"})
    start = staticmethod(start)

    async def on_text(self, ctx: Ctx, text: str) -> None:
        step = ctx.user.step
        aftercare = ctx.content.aftercare
        if step == "end":
            ctx.set_state(None)
            await engine.handle_text(ctx, text)
            return
        checkin = await _own_open_checkin(ctx, ctx.user.flow_data.get("checkin"))
        if checkin is None:
            ctx.set_state(None)
            await engine.handle_text(ctx, text)
            return
        typed = aftercare.typed_risks(text)
        if step == "mood":
            mood = aftercare.mood.parse(text)
            if mood is not None:
                await _record_mood(ctx, checkin, mood)
                return
            if not typed:
                # Not an answer to the check-in: let the rest of the bot handle it, and
                # keep the check-in open for the buttons or /checkin.
                ctx.set_state(None)
                await engine.handle_text(ctx, text)
                return
        elif step is not None and step in [q.id for q in aftercare.questions]:
            question = aftercare.question(step)
            answer = question.parse(text, ctx.lang)
            if answer is not None:
                await _record_answer(ctx, checkin, question, answer)
                return
        if typed:
            checkin.typed_risks = sorted({*checkin.typed_risks, *typed})
            await _continue_after(ctx, checkin, ctx.t("aftercare.heard_you"))
            return
        await _continue_after(ctx, checkin, ctx.t("common.choose_a_button"))

    async def on_button(self, ctx: Ctx, callback: Callback) -> None:
        action, arg = callback.action, callback.arg
        if action == "m":
            await self._mood_button(ctx, arg)
            return
        if action == "open":  # unbound, from /werk
            await leave_current_flow(ctx, keep=NAME)
            await start(ctx)
            return
        if action == "end":  # unbound, from /werk: checked against ownership here
            await leave_current_flow(ctx, keep="")
            placement = await _own_active_placement(ctx, arg)
            if placement is None:
                await my_job(ctx)
                return
            await _ask_end_reason(ctx, placement)
            return
        if action == "why" and ctx.user.step == "end":
            placement = await _own_active_placement(ctx, ctx.user.flow_data.get("placement"))
            if arg not in END_REASONS or placement is None:
                await back_to_menu(ctx, "menu.what_next")
                return
            await end_placement(ctx, placement, arg)
            await back_to_menu(ctx, "aftercare.job_ended")
            return
        if action == "a":
            checkin = await _own_open_checkin(ctx, ctx.user.flow_data.get("checkin"))
            step = ctx.user.step or ""
            if checkin is not None and step in [q.id for q in ctx.content.aftercare.questions]:
                question = ctx.content.aftercare.question(step)
                answers = question.answer_ids()
                if arg.isdigit() and int(arg) < len(answers):
                    await _record_answer(ctx, checkin, question, answers[int(arg)])
                    return
        ctx.toast = ctx.t("common.button_unknown")
        await self.resume(ctx)

    async def _mood_button(self, ctx: Ctx, arg: str) -> None:
        checkin_id, _, mood_text = arg.partition(".")
        checkin = await _own_open_checkin(ctx, int(checkin_id) if checkin_id.isdigit() else None)
        if checkin is None or not mood_text.isdigit() or not 1 <= int(mood_text) <= 5:
            # Answered already, stopped, or not theirs: say so without details.
            ctx.toast = ctx.t("aftercare.checkin_closed")
            ctx.say(ctx.t("aftercare.checkin_closed"))
            return
        await leave_current_flow(ctx, keep=NAME)
        if ctx.user.consent_at is None:
            await ask_consent(ctx, then=NAME)
            return
        await _record_mood(ctx, checkin, int(mood_text))

    async def resume(self, ctx: Ctx) -> None:
        if ctx.user.step == "end":
            placement = await _own_active_placement(ctx, ctx.user.flow_data.get("placement"))
            if placement is not None:
                await _ask_end_reason(ctx, placement)
                return
        checkin = await _own_open_checkin(ctx, ctx.user.flow_data.get("checkin"))
        if checkin is None:
            await back_to_menu(ctx, "menu.title")
            return
        await _continue(ctx, checkin)


async def _continue_after(ctx: Ctx, checkin: CheckIn, prefix: str) -> None:
    if checkin.mood is None:
        ctx.say(prefix)
        await _continue(ctx, checkin)
    else:
        await _ask_next(ctx, checkin, prefix=prefix)
