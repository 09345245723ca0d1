"""Parsers for common form steps, on the shared parse module: yes/no, a number in a range,
free text, a date, a clock time, a duration. Each returns a `Parsed` for the form runner."""

from __future__ import annotations

from datetime import date

from powbot.conversation.context import Ctx
from powbot.conversation.form import Parsed, Parser
from powbot.conversation.parse import (
    NumberRange,
    parse_clock,
    parse_date,
    parse_duration,
    parse_number,
    parse_yes_no,
)


def yes_no(ctx: Ctx, text: str) -> Parsed:
    """'ja', 'jaa', 'ok', '👍' -> 'yes'; 'nee', 'no', '👎' -> 'no'."""
    answer = parse_yes_no(text)
    if answer is None:
        return Parsed(error="form.yes_or_no")
    return Parsed(value="yes" if answer else "no")


def free_text(max_length: int) -> Parser:
    def parse(ctx: Ctx, text: str) -> Parsed:
        stripped = text.strip()
        if not stripped:
            return Parsed(error="form.not_understood")
        if len(stripped) > max_length:
            return Parsed(error="form.too_long", values={"max": max_length})
        return Parsed(value=stripped)

    return parse


def number(low: int, high: int) -> Parser:
    """A whole number in low..high: '40', 'veertig'; a range ('24 tot 32') is asked about."""

    def parse(ctx: Ctx, text: str) -> Parsed:
        value = parse_number(text)
        if isinstance(value, NumberRange):
            return Parsed(
                error="form.which_number", values={"low": fmt(value.low), "high": fmt(value.high)}
            )
        if value is None or not float(value).is_integer() or not low <= value <= high:
            return Parsed(error="form.number_range", values={"min": low, "max": high})
        return Parsed(value=int(value))

    return parse


def fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def a_date(earliest: int | None = 0, latest: int | None = 366) -> Parser:
    """'4 januari', 'volgende maandag', 'morgen', 'over twee weken', '12-1' relative to the
    local today; `earliest`/`latest` are days from today (None: no bound). Stored ISO."""

    def parse(ctx: Ctx, text: str) -> Parsed:
        today = ctx.local(ctx.now).date()
        found = parse_date(text, today)
        if found is None:
            return Parsed(error="form.date_hint")
        found = (
            _nearest_year(found, today, text) if earliest is not None and earliest < 0 else found
        )
        offset = (found - today).days
        if (earliest is not None and offset < earliest) or (latest is not None and offset > latest):
            return Parsed(error="form.date_range", values={"date": _dutch(found)})
        return Parsed(value=found.isoformat())

    return parse


def _nearest_year(found: date, today: date, text: str) -> date:
    """Where past dates are allowed, '1 december' typed on 8 December is a week ago, not next
    year (a coach's first working day became 01-12-2027, tester): a date given without its
    year is the nearer of this year's and last year's."""
    if str(found.year) in text or found <= today:
        return found
    try:
        earlier = found.replace(year=found.year - 1)
    except ValueError:  # 29 February
        return found
    return earlier if (today - earlier) < (found - today) else found


def _dutch(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def clock_time(ctx: Ctx, text: str) -> Parsed:
    """'om 7 uur', 'half acht', '19:30' -> 'HH:MM'."""
    found = parse_clock(text)
    if found is None:
        return Parsed(error="form.time_hint")
    return Parsed(value=found.strftime("%H:%M"))


def duration(low: int, high: int) -> Parser:
    """Minutes: 'half uur', 'anderhalf uur', '45 min'; a range is asked about."""

    def parse(ctx: Ctx, text: str) -> Parsed:
        minutes = parse_duration(text)
        if isinstance(minutes, NumberRange):
            return Parsed(
                error="form.which_number",
                values={"low": fmt(minutes.low), "high": fmt(minutes.high)},
            )
        if minutes is None or not low <= minutes <= high:
            return Parsed(error="form.minutes_range", values={"min": low, "max": high})
        return Parsed(value=minutes)

    return parse
