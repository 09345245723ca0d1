"""Placements: someone started work. Other capabilities (aftercare) react through hooks."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date

from powbot.domain.unit import Services
from powbot.storage.models import Placement, User

# Called in the same transaction right after a placement is created or ended.
ON_PLACEMENT_CREATED: list[Callable[[Services, Placement], Awaitable[None]]] = []
ON_PLACEMENT_ENDED: list[Callable[[Services, Placement], Awaitable[None]]] = []


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
    for hook in ON_PLACEMENT_CREATED:
        await hook(services, placement)
    return placement


async def end_placement(services: Services, placement: Placement, reason: str) -> None:
    if placement.status == "ended":
        return
    placement.status = "ended"
    placement.ended_at = services.now
    placement.end_reason = reason[:32]
    for hook in ON_PLACEMENT_ENDED:
        await hook(services, placement)
