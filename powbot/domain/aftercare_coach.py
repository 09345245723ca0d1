"""Rules the coach's views (/vandaag, the digest, the client screen; bot or web) need from
aftercare, without rendering: one row per client however many alerts they have, only what
still asks for action, the days a digest goes out, and how to phrase a placement's date.

The coach feature renders these; see the aftercare report for where each one plugs in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from powbot.storage.models_aftercare import Alert

# Monday = 0 ... Sunday = 6, as date.weekday().
WEEKDAYS = frozenset(range(5))
_DAY_NAMES = {
    **{name: index for index, name in enumerate(("ma", "di", "wo", "do", "vr", "za", "zo"))},
    **{name: index for index, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
}
URGENT_KINDS = ("urgent",)


def parse_digest_days(text: str) -> frozenset[int]:
    """'ma-vr', 'mon-fri', 'ma,wo,vr' or '1-5' (1 = Monday) as weekday numbers.
    Raises ValueError with the part it did not understand."""
    days: set[int] = set()
    for part in (p.strip().lower() for p in text.split(",") if p.strip()):
        first, _, last = part.partition("-")
        start, end = _day(first), _day(last or first)
        span = range(start, end + 1) if start <= end else [*range(start, 7), *range(0, end + 1)]
        days.update(span)
    if not days:
        raise ValueError("no days given")
    return frozenset(days)


def _day(word: str) -> int:
    word = word.strip()
    if word.isdigit() and 1 <= int(word) <= 7:
        return int(word) - 1
    if word[:3] in _DAY_NAMES:
        return _DAY_NAMES[word[:3]]
    if word[:2] in _DAY_NAMES:
        return _DAY_NAMES[word[:2]]
    raise ValueError(f"not a day: {word!r}")


def digest_due_on(day: date, days: frozenset[int] = WEEKDAYS) -> bool:
    return day.weekday() in days


def next_digest_day(after: date, days: frozenset[int] = WEEKDAYS) -> date:
    """The first digest day after `after` (a week on, when only that weekday is set)."""
    for offset in range(1, 8):
        candidate = after + timedelta(days=offset)
        if candidate.weekday() in days:
            return candidate
    raise ValueError("no digest days")


def needs_action(alert: Alert, now: datetime) -> bool:
    """Open, or snoozed until a moment that has come. 'Contacted' and closed alerts (a
    late answer closes 'no answer') are done: no view lists them as open any more."""
    if alert.status == "open":
        return True
    return (
        alert.status == "snoozed" and alert.snoozed_until is not None and alert.snoozed_until <= now
    )


@dataclass
class ClientAlerts:
    """One row of /vandaag or the digest: a client and all their alerts that need action."""

    seeker_id: int
    alerts: list[Alert] = field(default_factory=list)  # newest first

    @property
    def urgent(self) -> bool:
        return any(a.kind in URGENT_KINDS for a in self.alerts)

    @property
    def newest(self) -> Alert:
        return self.alerts[0]

    @property
    def reasons(self) -> list[str]:
        """Every reason of every alert, once, newest alert first."""
        seen: list[str] = []
        for alert in self.alerts:
            for reason in [alert.kind] if not alert.reasons else alert.reasons:
                if reason not in seen:
                    seen.append(reason)
        return seen


def one_row_per_client(alerts: list[Alert], now: datetime) -> list[ClientAlerts]:
    """Alerts that need action grouped per client: urgent clients first, then by their
    newest alert. Two open alerts of one client are one row (one button), not two."""
    rows: dict[int, ClientAlerts] = {}
    for alert in sorted(alerts, key=lambda a: a.created_at, reverse=True):
        if needs_action(alert, now):
            rows.setdefault(alert.seeker_id, ClientAlerts(alert.seeker_id)).alerts.append(alert)
    return sorted(
        rows.values(), key=lambda row: (not row.urgent, -row.newest.created_at.timestamp())
    )


def placement_date_key(start: date, today: date) -> str:
    """'starts' for a placement that lies ahead ('begint op 14-12-2026'), 'since' once it
    began ('sinds 14-12-2026'): the catalog keys aftercare.placement_line(_hours)_future
    and coach.placement_line(_hours) say it in words."""
    return "starts" if start > today else "since"
