"""Time. Everything is stored as aware UTC; users see local time.

The clock is injectable: `utcnow()` asks the installed `Clock`, which is the system clock
unless something installed another one — `powbot chat --now` / `powbot tick --now` run at a
pretend time (`ShiftedClock`), and the tests install a clock that starts at a fixed moment
so that no test depends on the hour it runs at. Units of work take `now` once, at their start.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo


class Clock:
    """The system clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class ShiftedClock(Clock):
    """Runs from `start` at the speed of real time (for trying things at a pretend time)."""

    def __init__(self, start: datetime) -> None:
        self.start = start if start.tzinfo else start.replace(tzinfo=UTC)
        self._origin = time.monotonic()

    def now(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self._origin)


_clock: Clock = Clock()


def install_clock(clock: Clock) -> Clock:
    """Make `clock` the one `utcnow()` reads; returns the clock it replaces."""
    global _clock
    previous, _clock = _clock, clock
    return previous


def utcnow() -> datetime:
    return _clock.now()


def to_local(moment: datetime, tz: ZoneInfo) -> datetime:
    if moment.tzinfo is None:  # defensive: treat naive values as UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(tz)


def from_local(moment: datetime, tz: ZoneInfo) -> datetime:
    """A local wall-clock time (naive or aware) as aware UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return moment.astimezone(UTC)


def parse_iso(text: str, tz: ZoneInfo) -> datetime:
    """An ISO time from the command line; without an offset it is local time."""
    return from_local(datetime.fromisoformat(text), tz)
