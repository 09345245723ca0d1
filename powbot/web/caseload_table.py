"""The caseload table: domain rows turned into display rows, sorted and filtered, and the
CSV export (without special-category data: no mood, no werkfit stage, no risks)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from powbot.domain.caseload import CaseloadRow
from powbot.domain.coaching import display_name, fmt_date, today
from powbot.domain.unit import Services
from powbot.web.charts import sparkline
from powbot.web.security import client_ref

SORTS = ("client", "employer", "days", "checkin", "mood", "alerts", "next")
FILTERS = ("all", "alerts", "working", "not_shared")


@dataclass
class DisplayRow:
    ref: str
    name: str
    shares: bool
    job: str
    days: int | None
    last_checkin: date | None
    last_mood: int | None
    trend: Markup
    alerts: int
    next_checkin: date | None

    def key(self, sort: str) -> tuple[int, object]:
        """Sort key; empty values last whatever the direction is handled by the caller."""
        value: object = {
            "client": self.name.casefold(),
            "employer": self.job.casefold(),
            "days": self.days,
            "checkin": self.last_checkin,
            "mood": self.last_mood,
            "alerts": self.alerts,
            "next": self.next_checkin,
        }[sort]
        return (0, value) if value not in (None, "") else (1, 0)


def display_rows(
    services: Services, lang: str, secret: bytes, rows: list[CaseloadRow]
) -> list[DisplayRow]:
    on = today(services)
    result: list[DisplayRow] = []
    for row in rows:
        name = display_name(services, lang, row.seeker)
        job = ""
        if row.placement is not None:
            job = f"{row.placement.job_title or ''} – {row.placement.employer_name or ''}"
        label = services.text(lang, "web.trend_label", moods=", ".join(map(str, row.moods)))
        next_day = services.local(row.next_checkin).date() if row.next_checkin else None
        result.append(
            DisplayRow(
                ref=client_ref(secret, row.seeker.id),
                name=name,
                shares=row.shares,
                job=job,
                days=row.days_since_start(on),
                last_checkin=row.last_day,
                last_mood=row.last_mood,
                trend=sparkline(row.moods, label) if row.moods else Markup(""),
                alerts=row.open_alerts,
                next_checkin=next_day,
            )
        )
    return result


def arrange(rows: list[DisplayRow], sort: str, descending: bool, shown: str) -> list[DisplayRow]:
    if shown == "alerts":
        rows = [row for row in rows if row.alerts]
    elif shown == "working":
        rows = [row for row in rows if row.job]
    elif shown == "not_shared":
        rows = [row for row in rows if not row.shares]
    filled = [row for row in rows if row.key(sort)[0] == 0]
    empty = [row for row in rows if row.key(sort)[0] == 1]
    filled.sort(key=lambda row: row.key(sort)[1], reverse=descending)  # type: ignore[arg-type,return-value]
    return filled + empty


def to_csv(services: Services, lang: str, rows: list[DisplayRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            services.text(lang, f"web.col_{column}")
            for column in ("client", "employer", "days", "checkin", "alerts", "next")
        ]
    )
    for row in rows:
        writer.writerow(
            [
                _safe_cell(row.name),
                _safe_cell(row.job),
                "" if row.days is None else row.days,
                fmt_date(services, row.last_checkin) if row.last_checkin else "",
                row.alerts,
                fmt_date(services, row.next_checkin) if row.next_checkin else "",
            ]
        )
    return out.getvalue()


def _safe_cell(text: str) -> str:
    """No spreadsheet formulas from names a user typed (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
