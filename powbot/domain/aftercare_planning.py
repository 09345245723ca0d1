"""Aftercare planning rules, free of conversation and transport.

One rule says which check-ins are still ahead; planning a new placement and re-planning for
a worker who unblocked the bot both use it, so the two can never disagree about today's
check-in. The other rules place the year's moments that depend on the placement itself
(pay dates, the end of the contract) and name the phase a moment falls in, so texts fit it.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from powbot.domain.unit import Services


class Phase(StrEnum):
    """Where a worker is in the placement, for wording that fits the moment."""

    BEFORE_START = "before_start"
    FIRST_WEEK = "first_week"
    LATER = "later"


class PayFrequency(StrEnum):
    MONTH = "month"
    FOUR_WEEKS = "four_weeks"
    WEEK = "week"


def local_today(services: Services) -> date:
    return services.local(services.now).date()


def still_ahead(services: Services, day: date, due_at: datetime) -> bool:
    """Whether a check-in for `day`, due at `due_at`, can still go out on its own day.

    A later day always can. Today's can while the first moment it could be sent (its time,
    or now when that has passed, moved past quiet hours) is still today: a placement
    registered at 11:00 still gets today's 10:00 check-in, one registered at 22:00 does not.
    """
    today = local_today(services)
    if day != today:
        return day > today
    earliest = services.after_quiet_hours(max(due_at, services.now))
    return services.local(earliest).date() == day


def phase_of(start: date, day: date) -> Phase:
    if day < start:
        return Phase.BEFORE_START
    if day < start + timedelta(days=7):
        return Phase.FIRST_WEEK
    return Phase.LATER


def add_months(day: date, months: int) -> date:
    """The same day of the month, `months` later (the last day when that month is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _on_day_of_month(year: int, month: int, day_of_month: int) -> date:
    return date(year, month, min(day_of_month, calendar.monthrange(year, month)[1]))


def paydays(
    start: date, frequency: PayFrequency, day_of_month: int | None, first: date | None, count: int
) -> list[date]:
    """The first `count` paydays of a placement starting on `start`.

    `first` (the first payday, when the worker or the vacancy knows it) wins; otherwise a
    monthly wage comes on `day_of_month` of the month after the first full working weeks
    (at least 14 days after the start), and a four-weekly or weekly wage one period after
    the start."""
    if frequency is PayFrequency.MONTH:
        wanted = day_of_month or 25
        if first is None:
            earliest = start + timedelta(days=14)
            first = _on_day_of_month(earliest.year, earliest.month, wanted)
            if first < earliest:
                later = add_months(earliest, 1)
                first = _on_day_of_month(later.year, later.month, wanted)
        days = [first]
        while len(days) < count:
            following = add_months(days[-1], 1)
            days.append(_on_day_of_month(following.year, following.month, wanted))
        return days
    period = timedelta(days=28 if frequency is PayFrequency.FOUR_WEEKS else 7)
    begin = first or start + period
    return [begin + period * index for index in range(count)]


@dataclass(frozen=True)
class ContractDates:
    """What the placement says about its end; both optional (an open-ended contract)."""

    contract_end: date | None = None
    probation_end: date | None = None


def before_end(end: date, weeks: int) -> date:
    return end - timedelta(weeks=weeks)


def latest_sent_is(checkin_ids_sent_in_order: list[int], checkin_id: int) -> bool:
    """A missed check-in may still be answered (late) until the next one is sent: that is,
    while it is the most recent check-in that went out."""
    return bool(checkin_ids_sent_in_order) and checkin_ids_sent_in_order[-1] == checkin_id
