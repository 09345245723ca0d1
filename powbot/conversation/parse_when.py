"""Dates, clock times and durations as people type them, for `powbot.conversation.parse`.

Dates are relative to a given `today` (never the wall clock); numeric dates are read day
first ('12-1' is 12 January), as in the Netherlands. A date without a year is the next one
on or after `today`.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, time, timedelta

from powbot.conversation.parse import NumberRange, numbers_in, tokens, word_number
from powbot.conversation.words import words
from powbot.knowledge.text import normalise

_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{2}|\d{4}))?\b")
_CLOCK = re.compile(r"\b(\d{1,2})\s*[:.hu]\s*(\d{2})\b")


def _phrase(text: str, name: str) -> bool:
    """One of the list's phrases occurs in the normalised text as whole words."""
    padded = f" {text} "
    return any(f" {phrase} " in padded for phrase in words().of(name))


# --- dates ------------------------------------------------------------------------------


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _ahead(today: date, month: int, day: int, year: int | None) -> date | None:
    if year is not None:
        return _safe_date(year if year >= 100 else 2000 + year, month, day)
    found = _safe_date(today.year, month, day)
    if found is not None and found < today:
        found = _safe_date(today.year + 1, month, day)
    return found


def _numeric_date(text: str, today: date) -> date | None:
    if match := _ISO.search(text):
        return _safe_date(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.search(text):
        year = int(match[3]) if match[3] else None
        return _ahead(today, int(match[2]), int(match[1]), year)
    return None


def _month_date(parts: list[str], today: date) -> date | None:
    months = words().map("months")
    for index, part in enumerate(parts):
        month = months.get(part)
        if month is None:
            continue
        for near in (index - 1, index + 1):
            day = word_number(parts[near]) if 0 <= near < len(parts) else None
            if day is not None and day.is_integer():
                after = parts[index + 1] if index + 1 < len(parts) else ""
                year = int(after) if after.isdigit() and len(after) == 4 else None
                return _ahead(today, month, int(day), year)
    return None


def _weekday_date(parts: list[str], today: date) -> date | None:
    weekdays = words().map("weekdays")
    for part in parts:
        if part in weekdays and (len(part) > 2 or len(parts) <= 2):
            # The first such day after today ('maandag' on a Monday is next week's).
            return today + timedelta(days=(weekdays[part] - today.weekday() - 1) % 7 + 1)
    return None


def _two_days_named(parts: list[str]) -> bool:
    """Two months or two weekdays named ('maandag 4 januari' names one day)."""
    months, weekdays = words().map("months"), words().map("weekdays")
    named_months = sum(part in months for part in parts)
    named_weekdays = sum(part in weekdays and len(part) > 2 for part in parts)
    return named_months > 1 or named_weekdays > 1


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _relative_date(said: str, parts: list[str], today: date) -> date | None:
    for phrase, offset in sorted(words().map("relative_days").items(), key=lambda p: -len(p[0])):
        if f" {phrase} " in f" {said} ":
            return today + timedelta(days=offset)
    if _phrase(said, "next_week"):
        named = [words().map("weekdays")[p] for p in parts if p in words().map("weekdays")]
        if named and len(parts) > 1:  # 'volgende week dinsdag': that day of next week
            next_monday = today + timedelta(days=7 - today.weekday())
            return next_monday + timedelta(days=named[0])
        return today + timedelta(days=7)
    if not parts or parts[0] not in words().of("in_words"):
        return None
    amount = numbers_in(parts[1:])
    count = int(amount[0][1]) if amount else 1
    unit = parts[-1]
    if unit in words().map("day_units"):
        return today + timedelta(days=count * words().map("day_units")[unit])
    if unit in words().of("month_units"):
        return _add_months(today, count)
    return None


def parse_date(text: str, today: date) -> date | None:
    """'4 januari', 'January 4th', 'volgende maandag', 'morgen', 'over twee weken', '12-1',
    '12-1-2027', 'in 3 days', 'next week' -> a date relative to `today`."""
    found = _numeric_date(text, today)
    if found is not None:
        return found
    said = normalise(text)
    parts = tokens(text)
    if _two_days_named(parts):
        return None  # '4 januari of 5 januari', 'maandag of dinsdag': never pick one silently
    return (
        _relative_date(said, parts, today)
        or _month_date(parts, today)
        or _weekday_date(parts, today)
    )


# --- clock times ------------------------------------------------------------------------


def _day_half(hour: int, said: str) -> int:
    if _phrase(said, "evening") and hour < 12:
        return hour + 12
    if _phrase(said, "morning") and hour == 12:
        return 0
    return hour


def _spoken_clock(parts: list[str]) -> tuple[int, int] | None:
    """'half acht' -> 7:30, 'kwart over 7' -> 7:15, 'kwart voor 8' -> 7:45, 'om 7 uur' -> 7:00."""
    lexicon = words()
    for index, part in enumerate(parts[:-1]):
        hour = word_number(parts[index + 1])
        if part in lexicon.of("half") and hour is not None:
            return int(hour) - 1, 30
        if part in lexicon.of("quarter") and index + 2 < len(parts):
            hour = word_number(parts[index + 2])
            if hour is None:
                continue
            if parts[index + 1] in lexicon.of("past"):
                return int(hour), 15
            if parts[index + 1] in lexicon.of("before"):
                return int(hour) - 1, 45
    found = numbers_in(parts)
    if len(found) == 1:
        value = found[0][1]
        if value.is_integer():
            return int(value), 0
    return None


def parse_clock(text: str) -> time | None:
    """'om 7 uur', '7:30', '19.00', 'half acht', 'kwart voor 8', '7 uur s avonds', '7pm'."""
    said = normalise(text)
    match = _CLOCK.search(text.casefold())
    if match:
        hour, minute = int(match[1]), int(match[2])
    else:
        spaced = re.sub(r"(\d)(am|pm)\b", r"\1 \2", text.casefold())
        spoken = _spoken_clock(tokens(spaced))
        if spoken is None:
            return None
        hour, minute = spoken
        said = normalise(spaced)
    hour = _day_half(hour, said)
    if hour == 24 and minute == 0:
        hour = 0
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return time(hour, minute)


# --- durations --------------------------------------------------------------------------


def _spoken_duration(said: str) -> int | None:
    if _phrase(said, "one_and_half"):
        return 90
    if _phrase(said, "quarter_hour"):
        count = numbers_in(said.split())
        return 15 * int(count[0][1]) if count else 15
    half = any(f" {word} " in f" {said} " for word in words().of("half"))
    if half and any(f" {unit} " in f" {said} " for unit in words().of("hour_units")):
        hours = [value for _, value in numbers_in(said.split()) if value >= 1 and value != 1.0]
        return int(60 * (hours[0] if hours else 0) + 30)
    return None


def parse_duration(text: str, default_unit: str = "min") -> int | NumberRange | None:
    """Minutes: 'half uur' 30, 'anderhalf uur' 90, '45 min' 45, '1,5 uur' 90, 'een uur' 60,
    'drie kwartier' 45, '1 uur en 15 minuten' 75, 'half an hour' 30; '20 tot 30 min' is a
    range. A bare number is in `default_unit` ('min' or 'hour')."""
    said = normalise(re.sub(r"(\d)[.,](\d)", r"\1DECIMAL\2", text.casefold())).replace(
        "decimal", "."
    )
    spoken = _spoken_duration(said)
    if spoken is not None:
        return spoken
    parts = tokens(re.sub(r"(\d)\s*[-–]\s*(\d)", r"\1 tot \2", text))
    lexicon = words()
    total, values, unit_seen = 0.0, [], False
    for index, value in numbers_in(parts):
        unit = parts[index + 1] if index + 1 < len(parts) else ""
        is_hour = unit in lexicon.of("hour_units") or (
            not unit and default_unit == "hour" and not unit_seen
        )
        unit_seen = unit_seen or bool(unit)
        values.append(value * (60 if is_hour else 1))
        total += values[-1]
    if not values:
        # 'een uur', 'an hour': the article is the one.
        return 60 if any(part in lexicon.of("hour_units") for part in parts) else None
    between = [part for part in parts if part in lexicon.of("range_words")]
    if len(values) == 2 and between:
        return NumberRange(min(values), max(values))
    return round(total)
