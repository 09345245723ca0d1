"""The planning rules of aftercare: which check-ins are still ahead, phases, paydays."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from powbot.clock import from_local
from powbot.domain.aftercare_planning import (
    PayFrequency,
    Phase,
    paydays,
    phase_of,
    still_ahead,
)
from powbot.domain.unit import Services
from tests.clock_double import AMSTERDAM
from tests.conftest import make_settings


def services_at(local: str, quiet: tuple[str, str] = ("21:00", "08:00")) -> Services:
    settings = make_settings(
        "sqlite+aiosqlite:///:memory:", POWBOT_QUIET_START=quiet[0], POWBOT_QUIET_END=quiet[1]
    )
    now = from_local(datetime.fromisoformat(local), AMSTERDAM)
    return Services(session=Any, settings=settings, content=Any, now=now)  # type: ignore[arg-type]


def at(local: str) -> datetime:
    return from_local(datetime.fromisoformat(local), AMSTERDAM)


TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("clock", "ahead"),
    [
        ("2026-12-07T00:30", True),  # before quiet hours end: goes out at 08:00 today
        ("2026-12-07T09:59", True),
        ("2026-12-07T10:01", True),  # passed, but can still go out today
        ("2026-12-07T20:59", True),
        ("2026-12-07T21:30", False),  # quiet until tomorrow: today's moment is gone
    ],
)
def test_todays_checkin_is_ahead_while_it_can_still_go_out_today(clock: str, ahead: bool) -> None:
    assert still_ahead(services_at(clock), TODAY, at("2026-12-07T10:00")) is ahead


def test_other_days_are_ahead_or_gone_whatever_the_hour() -> None:
    services = services_at("2026-12-07T23:59")
    assert still_ahead(services, date(2026, 12, 8), at("2026-12-08T10:00"))
    assert not still_ahead(services, date(2026, 12, 6), at("2026-12-06T10:00"))


def test_phases_follow_the_start_date() -> None:
    start = date(2026, 12, 7)
    assert phase_of(start, date(2026, 12, 6)) is Phase.BEFORE_START
    assert phase_of(start, date(2026, 12, 13)) is Phase.FIRST_WEEK
    assert phase_of(start, date(2026, 12, 14)) is Phase.LATER


def test_paydays_follow_the_placement() -> None:
    start = date(2026, 12, 7)
    assert paydays(start, PayFrequency.MONTH, 25, None, 2) == [
        date(2026, 12, 25),
        date(2027, 1, 25),
    ]
    # Started late in the month: the first full pay is the next month's.
    assert paydays(date(2026, 12, 20), PayFrequency.MONTH, 25, None, 1) == [date(2027, 1, 25)]
    assert paydays(start, PayFrequency.FOUR_WEEKS, None, None, 2) == [
        date(2027, 1, 4),
        date(2027, 2, 1),
    ]
    assert paydays(start, PayFrequency.WEEK, None, date(2026, 12, 11), 2) == [
        date(2026, 12, 11),
        date(2026, 12, 18),
    ]
    assert paydays(date(2027, 1, 5), PayFrequency.MONTH, 31, None, 2) == [
        date(2027, 1, 31),
        date(2027, 2, 28),
    ]
