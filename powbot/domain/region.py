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
from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any

from sqlalchemy import case, func
from sqlmodel import col, select

from powbot.clock import from_local
from powbot.domain.unit import Services
from powbot.storage.models import Placement, QuestionnaireResult, QuestionnaireRun
from powbot.storage.models_aftercare import Alert, CheckIn
from powbot.storage.models_faq import FaqFeedback, FaqUnanswered
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
    # FAQ: per answer, how many people rated it helpful / not helpful (answers rated by
    # fewer than MIN_CELL people are left out), and how many people asked something the
    # FAQ could not answer. Question texts are free text and never shown here.
    faq_ratings: list[tuple[str, int | None, int | None]] = field(default_factory=list)
    faq_unanswered_people: int | None = None
    # Questionnaire drop-off over the last MONTHS months: per question (in order), how many
    # runs showed it and how many stopped there (paused or abandoned at that question).
    dropoff: list[tuple[str, int | None, int | None]] = field(default_factory=list)


async def region_report(services: Services) -> RegionReport:
    report = RegionReport()
    await _werkfit(services, report)
    await _by_month(services, report)
    await _funnel(services, report)
    await _aftercare(services, report)
    await _faq(services, report)
    await _dropoff(services, report)
    return report


def _latest_results() -> Any:
    """The newest werkfit result per person, as a subquery."""
    rank = (
        func.row_number()
        .over(
            partition_by=col(QuestionnaireResult.user_id),
            order_by=col(QuestionnaireResult.created_at).desc(),
        )
        .label("rank")
    )
    return select(col(QuestionnaireResult.stage), col(QuestionnaireResult.domains), rank).subquery()


async def _werkfit(services: Services, report: RegionReport) -> None:
    """Stage counts and red/orange per life area, counted in the database in one pass
    over the newest result per person (grouped by stage, summed here)."""
    latest = _latest_results()
    domains = services.content.questionnaire.domains
    columns = []
    for domain in domains:
        color = latest.c.domains[domain.id].as_string()
        for wanted in ("red", "orange"):
            columns.append(func.sum(case((color == wanted, 1), else_=0)))
    rows = (
        await services.session.exec(
            select(latest.c.stage, func.count(), *columns)
            .where(latest.c.rank == 1)
            .group_by(latest.c.stage)
        )
    ).all()
    # A stage that is 'the same as' another (a variant with its own advice) counts with it.
    merged_into: dict[str, str] = {
        s.id: s.same_as or s.id for s in services.content.questionnaire.stages
    }
    stages: Counter[str] = Counter()
    for row in rows:
        stage = str(row[0])
        stages[merged_into.get(stage, stage)] += int(row[1])
    total = sum(stages.values())
    report.people_with_profile = cell(total)
    order = [s.id for s in services.content.questionnaire.stages if not s.same_as]
    report.stages = [(stage, cell(stages.get(stage, 0))) for stage in order]
    for index, domain in enumerate(domains):
        red = sum(int(row[2 + 2 * index] or 0) for row in rows)
        orange = sum(int(row[3 + 2 * index] or 0) for row in rows)
        report.areas.append(AreaShare(domain.id, share(red, total), share(orange, total)))


def _month_starts(services: Services) -> list[tuple[str, datetime]]:
    """The last MONTHS local months up to and including this one, oldest first, each with
    its first moment in UTC; one more entry closes the last month."""
    local = services.local(services.now)
    index = local.year * 12 + local.month - 1
    starts = []
    for number in range(index - MONTHS + 1, index + 2):
        year, month = divmod(number, 12)
        first = from_local(datetime(year, month + 1, 1), services.settings.tz)
        starts.append((f"{year:04d}-{month + 1:02d}", first))
    return starts


async def _by_month(services: Services, report: RegionReport) -> None:
    starts = _month_starts(services)
    created = col(QuestionnaireResult.created_at)
    columns = [
        func.coalesce(func.sum(case(((created >= start) & (created < end), 1), else_=0)), 0)
        for (_, start), (_, end) in pairwise(starts)
    ]
    counts = (
        await services.session.exec(
            select(*columns).where(created >= starts[0][1], created < starts[-1][1])
        )
    ).one()
    report.profiles_by_month = [
        (key, cell(int(count))) for (key, _), count in zip(starts, counts, strict=False)
    ]


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


async def _faq(services: Services, report: RegionReport) -> None:
    people = func.count(func.distinct(FaqFeedback.user_id))
    rows = (
        await services.session.exec(
            select(FaqFeedback.entry_id, FaqFeedback.helpful, people).group_by(
                col(FaqFeedback.entry_id), col(FaqFeedback.helpful)
            )
        )
    ).all()
    by_entry: dict[str, list[int]] = {}
    for entry_id, helpful, count in rows:
        by_entry.setdefault(entry_id, [0, 0])[0 if helpful else 1] += int(count)
    ranked = sorted(by_entry.items(), key=lambda item: -sum(item[1]))
    report.faq_ratings = [
        (entry_id, cell(up), cell(down)) for entry_id, (up, down) in ranked if up + down >= MIN_CELL
    ][:15]
    asked = await _count(services, select(func.count(func.distinct(FaqUnanswered.user_id))))
    report.faq_unanswered_people = cell(asked)


async def _dropoff(services: Services, report: RegionReport) -> None:
    """Views and exits per question, with the skip logic: a run saw every question it
    answered (or skipped) and, when it stopped, the question the questionnaire would show
    next given its answers, which is where it left."""
    questionnaire = services.content.questionnaire
    since = services.now - timedelta(days=31 * MONTHS)
    runs = (
        await services.session.exec(
            select(QuestionnaireRun.status, QuestionnaireRun.answers).where(
                QuestionnaireRun.questionnaire == questionnaire.id,
                col(QuestionnaireRun.started_at) >= since,
            )
        )
    ).all()
    views: Counter[str] = Counter()
    exits: Counter[str] = Counter()
    for status, stored in runs:
        answers: dict[str, dict[str, Any]] = dict(stored or {})
        views.update(answers.keys())
        if status in ("paused", "abandoned"):
            left_at = questionnaire.next_question(answers)
            if left_at is not None:
                views[left_at.id] += 1
                exits[left_at.id] += 1
    report.dropoff = [
        (question.id, cell(views[question.id]), cell(exits[question.id]))
        for question in questionnaire.questions
    ]
