"""The regional picture of job seekers, in aggregate only (the admin's region page).

Every number is a count of people or events over a group; a group of fewer than
MIN_CELL is never shown (its cell is None and the page says "fewer than 10"), and a share
is shown only when both the part and the whole reach MIN_CELL. Queries group in the
database; only the latest werkfit result per person is read row by row (its life areas
sit in one JSON column).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import func
from sqlmodel import col, select

from powbot.domain.unit import Services
from powbot.storage.models import Placement, QuestionnaireResult
from powbot.storage.models_aftercare import Alert, CheckIn
from powbot.storage.models_open_hiring import Offer, Signup, Vacancy

MIN_CELL = 10
MONTHS = 12


def cell(count: int) -> int | None:
    """A count that may be shown, or None for a group under MIN_CELL."""
    return count if count >= MIN_CELL else None


def share(part: int, whole: int) -> float | None:
    if part < MIN_CELL or whole < MIN_CELL:
        return None
    return round(100 * part / whole, 1)


@dataclass
class AreaShare:
    domain_id: str
    red: float | None
    orange: float | None


@dataclass
class RegionReport:
    people_with_profile: int | None = None
    stages: list[tuple[str, int | None]] = field(default_factory=list)
    areas: list[AreaShare] = field(default_factory=list)
    profiles_by_month: list[tuple[str, int | None]] = field(default_factory=list)
    funnel: list[tuple[str, int | None]] = field(default_factory=list)
    aftercare: list[tuple[str, int | None]] = field(default_factory=list)
    alerts_by_kind: list[tuple[str, int | None]] = field(default_factory=list)


async def region_report(services: Services) -> RegionReport:
    report = RegionReport()
    await _werkfit(services, report)
    await _by_month(services, report)
    await _funnel(services, report)
    await _aftercare(services, report)
    return report


async def _werkfit(services: Services, report: RegionReport) -> None:
    rank = (
        func.row_number()
        .over(
            partition_by=col(QuestionnaireResult.user_id),
            order_by=col(QuestionnaireResult.created_at).desc(),
        )
        .label("rank")
    )
    latest = select(
        col(QuestionnaireResult.stage), col(QuestionnaireResult.domains), rank
    ).subquery()
    rows = (
        await services.session.exec(
            select(latest.c.stage, latest.c.domains).where(latest.c.rank == 1)  # type: ignore[call-overload]
        )
    ).all()
    total = len(rows)
    report.people_with_profile = cell(total)
    stages = Counter(stage for stage, _ in rows)
    order = [stage.id for stage in services.content.questionnaire.stages]
    report.stages = [(stage, cell(stages.get(stage, 0))) for stage in order]
    for domain in services.content.questionnaire.domains:
        colors = Counter((domains or {}).get(domain.id, "unknown") for _, domains in rows)
        report.areas.append(
            AreaShare(domain.id, share(colors["red"], total), share(colors["orange"], total))
        )


def _month_keys(year: int, month: int) -> list[str]:
    """The last MONTHS months up to and including this one, oldest first."""
    index = year * 12 + month - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - MONTHS + 1, index + 1)]


async def _by_month(services: Services, report: RegionReport) -> None:
    local = services.local(services.now)
    keys = _month_keys(local.year, local.month)
    since = services.now - timedelta(days=31 * MONTHS)
    rows = (
        await services.session.exec(
            select(QuestionnaireResult.created_at).where(
                col(QuestionnaireResult.created_at) >= since
            )
        )
    ).all()
    months = Counter(services.local(moment).strftime("%Y-%m") for moment in rows)
    report.profiles_by_month = [(key, cell(months.get(key, 0))) for key in keys]


async def _count(services: Services, statement: object) -> int:
    return int((await services.session.exec(statement)).one())  # type: ignore[call-overload]


async def _funnel(services: Services, report: RegionReport) -> None:
    published = col(Vacancy.published_at).is_not(None)
    vacancies = await _count(services, select(func.count()).select_from(Vacancy).where(published))
    places = await _count(
        services, select(func.coalesce(func.sum(Vacancy.places), 0)).where(published)
    )
    signups = await _count(services, select(func.count()).select_from(Signup))
    offers = await _count(services, select(func.count()).select_from(Offer))
    accepted = await _count(
        services, select(func.count()).select_from(Offer).where(Offer.status == "accepted")
    )
    started = select(func.count()).select_from(Placement).where(Placement.source == "open_hiring")
    at_work: list[int] = []
    for days in (91, 182):
        cutoff = services.now.date() - timedelta(days=days)
        at_work.append(
            await _count(
                services,
                started.where(
                    col(Placement.start_date) <= cutoff,
                    Placement.status == "active",
                ),
            )
        )
    report.funnel = [
        ("vacancies", cell(vacancies)),
        ("places", cell(places)),
        ("signups", cell(signups)),
        ("offers", cell(offers)),
        ("accepted", cell(accepted)),
        ("working_3m", cell(at_work[0])),
        ("working_6m", cell(at_work[1])),
    ]


async def _aftercare(services: Services, report: RegionReport) -> None:
    statuses = dict(
        (
            await services.session.exec(
                select(CheckIn.status, func.count()).group_by(col(CheckIn.status))
            )
        ).all()
    )
    ended_early = await _count(
        services,
        select(func.count())
        .select_from(Placement)
        .where(Placement.status == "ended", col(Placement.end_reason) == "job_ended"),
    )
    report.aftercare = [
        ("checkins_answered", cell(int(statuses.get("answered", 0)))),
        ("checkins_missed", cell(int(statuses.get("missed", 0)))),
        ("placements_ended_early", cell(ended_early)),
    ]
    kinds = dict(
        (
            await services.session.exec(select(Alert.kind, func.count()).group_by(col(Alert.kind)))
        ).all()
    )
    report.alerts_by_kind = [
        (kind, cell(int(kinds.get(kind, 0)))) for kind in ("risk", "no_answer", "unreachable")
    ]
