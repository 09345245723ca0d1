"""Aftercare planning in the bot: a placement plans its check-ins, ending it stops them, a
worker who blocks the bot loses them and one who comes back gets the ones still ahead."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import col, select

from powbot.conversation.context import Ctx
from powbot.domain.aftercare_planning import local_today, still_ahead
from powbot.domain.messages import Reply
from powbot.domain.unit import Services
from powbot.features.aftercare.common import (
    KIND_CHECKIN,
    KIND_UNREACHABLE,
    LIVE_CHECKIN,
    WORKER_KINDS,
    checkin_ref,
    coach_of,
    display_name,
    fmt_date,
    local_moment,
    placement_ref,
    push_button,
    raise_alert,
)
from powbot.storage.models import Placement, ScheduledItem, User
from powbot.storage.models_aftercare import CheckIn


async def plan_checkins(services: Services, placement: Placement) -> None:
    """ON_PLACEMENT_CREATED: plan every check-in of the schedule that is not in the past."""
    assert placement.id is not None
    aftercare = services.content.aftercare
    seeker = await services.session.get(User, placement.seeker_id)
    if seeker is None:
        return
    planned = 0
    for item in aftercare.plan(placement.start_date):
        due = local_moment(services, item.day, aftercare.send_clock)
        if not still_ahead(services, item.day, due):
            continue  # registered late: moments already gone are not sent afterwards
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
