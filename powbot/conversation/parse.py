"""One generous parser for what people type and what callbacks carry.

Pure functions, no database, no transport: each takes the raw text (and, where meaning
depends on it, the language, the content word lists or `today`) and returns a value or None.
A parse that is only partly sure says so (ranges, lists with unknown parts) so the caller can
ask instead of silently keeping half.
"""

from __future__ import annotations

MAX_ID = 2**63 - 1
_MAX_ID_DIGITS = len(str(MAX_ID))


def parse_id(text: object) -> int | None:
    """A database row id from callback data, flow state or typed text; None for anything a
    table could not hold. Only ASCII digits count (no signs, no '١٢', no '1e3'), and the value
    must lie in 1..2**63-1, so forged data never reaches the database as an out-of-range number."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        return text if 0 < text <= MAX_ID else None
    if not isinstance(text, str):
        return None
    digits = text.strip()
    if not digits or not digits.isascii() or not digits.isdigit():
        return None
    digits = digits.lstrip("0")
    if not digits or len(digits) > _MAX_ID_DIGITS:
        return None
    value = int(digits)
    return value if value <= MAX_ID else None
