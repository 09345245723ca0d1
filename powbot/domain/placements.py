"""Placements: someone started work. Other capabilities (aftercare) react to the events."""

from __future__ import annotations

from datetime import date

from powbot.domain.events import Event, publish
from powbot.domain.unit import Services
from powbot.storage.models import Placement, User


async def create_placement(
    services: Services,
    *,
    seeker_id: int,
    employer_name: str,
    job_title: str,
    start_date: date,
    source: str,
    hours_per_week: int | None = None,
    employer_id: int | None = None,
    vacancy_id: int | None = None,
) -> Placement:
    seeker = await services.session.get(User, seeker_id)
    placement = Placement(
        seeker_id=seeker_id,
        coach_id=seeker.coach_id if seeker else None,
        employer_id=employer_id,
        employer_name=employer_name[:120],
        job_title=job_title[:120],
        start_date=start_date,
        hours_per_week=hours_per_week,
        vacancy_id=vacancy_id,
        source=source,
        created_at=services.now,
    )
    services.session.add(placement)
    await services.session.flush()
    await publish(Event.PLACEMENT_CREATED, services, placement)
    return placement


async def end_placement(services: Services, placement: Placement, reason: str) -> None:
    if placement.status == "ended":
        return
    placement.status = "ended"
    placement.ended_at = services.now
    placement.end_reason = reason[:32]
    await publish(Event.PLACEMENT_ENDED, services, placement)
