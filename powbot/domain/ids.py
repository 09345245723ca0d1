"""The one parser for ids and numbers that arrive from outside (callback data, commands).

`str.isdigit()` accepts "²" and "①" (which `int()` then refuses) and any length; a 20-digit
number overflows a BIGINT in the database. Only ASCII digits, within 1..2^63-1, pass.
"""

from __future__ import annotations

MAX_ID = 2**63 - 1
_MAX_DIGITS = len(str(MAX_ID))


def parse_id(value: object, *, low: int = 1, high: int = MAX_ID) -> int | None:
    """The number in `value` when it is plain ASCII digits (or an int) within
    [low, high], else None; never an exception."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if low <= value <= high else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or not text.isascii() or not text.isdigit():
        return None
    text = text.lstrip("0") or "0"
    if len(text) > _MAX_DIGITS:
        return None
    number = int(text)
    return number if low <= number <= high else None


def parse_index(value: object, size: int) -> int | None:
    """A position in a list of `size` items (0-based), or None."""
    return parse_id(value, low=0, high=size - 1) if size > 0 else None
