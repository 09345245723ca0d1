"""The tests' clock: starts at a fixed local moment and moves one millisecond per reading,
so times are deterministic, strictly increasing and independent of the hour the suite runs.

The start comes from POWBOT_TEST_NOW (local Europe/Amsterdam ISO time, e.g.
`POWBOT_TEST_NOW=2026-12-07T21:30 pytest`) so the suite can be run at any pretend hour.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from powbot.clock import Clock, from_local, utcnow

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DEFAULT_START = "2026-12-07T10:15"  # a Monday morning


def start_moment() -> datetime:
    return from_local(
        datetime.fromisoformat(os.environ.get("POWBOT_TEST_NOW", DEFAULT_START)), AMSTERDAM
    )


def clock_now() -> datetime:
    """What the installed test clock says (tests never read the wall clock)."""
    return utcnow()


def local_today() -> date:
    """The test clock's date in Europe/Amsterdam (what `date.today()` would be)."""
    return start_moment().astimezone(AMSTERDAM).date()


class SteppingClock(Clock):
    def __init__(self, start: datetime) -> None:
        self.current = start

    def now(self) -> datetime:
        self.current += timedelta(milliseconds=1)
        return self.current

    def advance(self, delta: timedelta) -> None:
        self.current += delta
