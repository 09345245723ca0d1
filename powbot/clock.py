"""Time helpers. Everything is stored as aware UTC; users see local time."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo


def utcnow() -> datetime:
    return datetime.now(UTC)


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
