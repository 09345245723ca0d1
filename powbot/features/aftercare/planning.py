"""Aftercare planning in the bot: a placement plans its check-ins, ending it stops them, a
worker who blocks the bot loses them and one who comes back gets the ones still ahead."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import col, select

from powbot.conversation.context import Ctx
from powbot.domain.aftercare_planning import PayFrequency, local_today, paydays, still_ahead
from powbot.domain.aftercare_records import terms_of
from powbot.domain.coaching import display_name, fmt_date, local_moment, push_button
from powbot.domain.messages import Reply
from powbot.domain.unit import Services
from powbot.features.aftercare.common import (
    KIND_CHECKIN,
    KIND_UNREACHABLE,
    LIVE_CHECKIN,
    WORKER_KINDS,
    checkin_ref,
    coach_of,
    placement_ref,
    raise_alert,
)
from powbot.knowledge.aftercare import PlanAnchors
from powbot.storage.models import Placement, ScheduledItem, User
from powbot.storage.models_aftercare import CheckIn


async def plan_checkins(services: Services, placement: Placement) -> None:
    """ON_PLACEMENT_CREATED: plan every check-in of the schedule that is still ahead, and
    tell the worker, naming who can help (their coach, or their employer and the gemeente)."""
    assert placement.id is not None
    seeker = await services.session.get(User, placement.seeker_id)
    if seeker is None:
        return
    planned = await _plan(services, placement, seeker)
    coach = await coach_of(services, seeker)
    lang = services.lang_of(seeker)
    explained = "aftercare.schedule_explained" if coach else "aftercare.schedule_explained_alone"
    began = placement.start_date < local_today(services)  # registered afterwards (tester)
    started = services.text(
        lang,
        "aftercare.placement_began" if began else "aftercare.placement_started",
        title=placement.job_title,
        employer=placement.employer_name,
        date=fmt_date(services, placement.start_date),
    )
    schedule = services.text(lang, explained, count=planned, employer=placement.employer_name)
    # Accepting an Open Hiring offer has just congratulated them: not a second time (tester).
    said = schedule if placement.source == "open_hiring" else f"{started}\n\n{schedule}"
    await services.notify(seeker.id, Reply(said))


async def replan_checkins(services: Services, placement: Placement) -> int:
    """The placement's pay or contract terms changed: the check-ins not sent yet are
    planned again from them. Returns how many worker check-ins are planned."""
    assert placement.id is not None
    seeker = await services.session.get(User, placement.seeker_id)
    if seeker is None or placement.status != "active":
        return 0
    rows = await services.session.exec(
        select(CheckIn).where(CheckIn.placement_id == placement.id, CheckIn.status == "scheduled")
    )
    for checkin in rows.all():
        await services.session.delete(checkin)  # never sent: nothing to keep of it
    await services.cancel_scheduled(placement_ref(placement.id), KIND_CHECKIN)
    await services.session.flush()
    return await _plan(services, placement, seeker)


async def _anchors(services: Services, placement: Placement) -> PlanAnchors:
    assert placement.id is not None
    employer = (
        await services.session.get(User, placement.employer_id) if placement.employer_id else None
    )
    uses_bot = employer is not None and employer.role == "employer"
    terms = await terms_of(services, placement.id)
    if terms is None:
        return PlanAnchors(employer=uses_bot)
    pay = paydays(
        placement.start_date,
        PayFrequency(terms.pay_frequency),
        terms.pay_day,
        terms.first_payday,
        count=3,
    )
    return PlanAnchors(
        paydays=pay,
        contract_end=terms.contract_end,
        probation_end=terms.probation_end,
        employer=uses_bot,
    )


async def _plan(services: Services, placement: Placement, seeker: User) -> int:
    assert placement.id is not None
    aftercare = services.content.aftercare
    planned = 0
    for item in aftercare.plan(placement.start_date, await _anchors(services, placement)):
        due = local_moment(services, item.day, aftercare.send_clock)
        if not still_ahead(services, item.day, due):
            continue  # registered late: moments already gone are not sent afterwards
        employer = item.audience == "employer"
        checkin = CheckIn(
            seeker_id=seeker.id,
            placement_id=placement.id,
            moment=item.moment,
            day=item.day,
            due_at=due,
            questions=list(item.questions),
            audience=item.audience,
            recipient_id=placement.employer_id if employer else None,
        )
        services.session.add(checkin)
        await services.session.flush()
        await services.schedule(
            KIND_CHECKIN,
            due,
            user_id=placement.employer_id if employer else seeker.id,
            ref=placement_ref(placement.id),
            payload={"checkin": checkin.id},
        )
        planned += 0 if employer else 1
    return planned


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


async def on_unreachable(session: Any, user_id: int, now: datetime | None = None) -> None:
    """The worker blocked the bot. Stop their check-ins and plan a message to their coach
    (the hook has no content to write it, the job has). `now` is the unit's moment: the
    moment the sender marked the user unreachable in this same transaction."""
    user = await session.get(User, user_id)
    if user is None:
        return
    moment = now or user.unreachable_at
    if moment is None:
        return  # not marked unreachable: nothing to stop
    rows = await session.exec(
        select(CheckIn).where(
            CheckIn.seeker_id == user_id,
            CheckIn.audience == "worker",
            col(CheckIn.status).in_(LIVE_CHECKIN),
        )
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
        .values(status="cancelled", done_at=moment)
    )
    if user.role != "seeker" or user.coach_id is None:
        return
    session.add(
        ScheduledItem(
            kind=KIND_UNREACHABLE,
            due_at=moment,
            user_id=user.coach_id,
            ref=f"unreachable:{user_id}",
            payload={"seeker": user_id, "stopped": stopped},
        )
    )


async def on_return(services: Services, user: User) -> None:
    """ON_RETURN: a worker who had blocked the bot writes again; the check-ins that were
    stopped and still lie ahead (the same rule as when planning) are planned again."""
    rows = await services.session.exec(
        select(CheckIn, Placement)
        .join(Placement, col(Placement.id) == col(CheckIn.placement_id))
        .where(
            CheckIn.seeker_id == user.id,
            CheckIn.audience == "worker",
            CheckIn.status == "cancelled",
            col(CheckIn.day) >= local_today(services),
            Placement.status == "active",
        )
    )
    for checkin, placement in rows.all():
        assert placement.id is not None
        if not still_ahead(services, checkin.day, checkin.due_at):
            continue
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
