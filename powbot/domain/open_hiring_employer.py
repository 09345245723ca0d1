"""Open Hiring for employers, without conversation: who may post, which organisation they
are, and what their vacancies brought (counts only, no personal data)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func
from sqlmodel import col, select

from powbot.domain.open_hiring_queue import Counts, counts
from powbot.domain.unit import Services
from powbot.storage.models import InviteCode, Placement, User
from powbot.storage.models_faq import CallbackRequest
from powbot.storage.models_open_hiring import EmployerProfile, Offer, Signup, Vacancy

STAYED_AFTER = (30, 91)  # days after the start: "still at work after 1 and 3 months"


async def approved_profile(services: Services, user: User) -> EmployerProfile | None:
    """The employer's profile if they were approved (redeemed an employer invite)."""
    profile = await services.session.get(EmployerProfile, user.id)
    if profile is not None and profile.approved_at is not None:
        return profile
    invite = (
        await services.session.exec(
            select(InviteCode)
            .where(col(InviteCode.used_by) == user.id, col(InviteCode.purpose) == "employer")
            .order_by(col(InviteCode.used_at).desc())
        )
    ).first()
    if invite is None or user.role != "employer":
        return None
    if profile is None:
        profile = EmployerProfile(user_id=user.id, created_at=services.now)
        services.session.add(profile)
    profile.approved_at = invite.used_at or services.now
    profile.invite_id = invite.id
    return profile


async def known_organisation(services: Services, profile: EmployerProfile) -> str | None:
    """The organisation we already know: the profile's, else the one the employer gave in
    their latest call-back request (then remembered on the profile)."""
    if profile.organisation:
        return profile.organisation
    given = (
        await services.session.exec(
            select(CallbackRequest.organisation)
            .where(col(CallbackRequest.user_id) == profile.user_id)
            .order_by(col(CallbackRequest.id).desc())
        )
    ).first()
    if given and len(given.strip()) >= 2:
        profile.organisation = given.strip()[:120]
        return profile.organisation
    return None


async def own_vacancies(services: Services, employer_id: int, limit: int = 30) -> list[Vacancy]:
    return list(
        (
            await services.session.exec(
                select(Vacancy)
                .where(col(Vacancy.employer_id) == employer_id)
                .order_by(col(Vacancy.id).desc())
                .limit(limit)
            )
        ).all()
    )


async def hired(services: Services, vacancy_id: int) -> list[tuple[Offer, User]]:
    """The accepted offers with the person (first name and chosen contact are shared)."""
    rows = await services.session.exec(
        select(Offer, User)
        .join(User, col(User.id) == col(Offer.user_id))
        .where(col(Offer.vacancy_id) == vacancy_id, col(Offer.status) == "accepted")
        .order_by(col(Offer.id))
    )
    return list(rows.all())


@dataclass
class Results:
    """What a vacancy brought: sign-ups by outcome, offers, and who still works there."""

    numbers: Counts
    signups: int
    offers: int
    stayed: dict[int, int | None]  # days -> still at work (None: not that long ago yet)


async def results(services: Services, vacancy: Vacancy) -> Results:
    assert vacancy.id is not None
    numbers = await counts(services, vacancy.id)
    offers = (
        await services.session.exec(select(func.count()).where(col(Offer.vacancy_id) == vacancy.id))
    ).one()
    placements = (
        await services.session.exec(
            select(Placement).where(
                col(Placement.vacancy_id) == vacancy.id, col(Placement.source) == "open_hiring"
            )
        )
    ).all()
    today = services.local(services.now).date()
    stayed: dict[int, int | None] = {}
    for days in STAYED_AFTER:
        due = [p for p in placements if p.start_date + timedelta(days=days) <= today]
        if not due:
            stayed[days] = None
            continue
        stayed[days] = sum(
            1
            for p in due
            if p.status != "ended"
            or (
                p.ended_at is not None
                and services.local(p.ended_at).date() >= p.start_date + timedelta(days=days)
            )
        )
    total = (
        await services.session.exec(
            select(func.count()).where(col(Signup.vacancy_id) == vacancy.id)
        )
    ).one()
    return Results(numbers=numbers, signups=int(total), offers=int(offers), stayed=stayed)
