"""A coach typed '31-02-2026' at the placement's start-date step: the step did not
understand it, and the intent layer then took the text for an invite code."""

from __future__ import annotations

import pytest

from powbot.features.understanding.intents import looks_like_code


@pytest.mark.parametrize("typed", ["31-02-2026", "0612345678", "2026-12-24", "06-1234-5678"])
def test_dates_and_phone_numbers_are_not_invite_codes(typed: str) -> None:
    assert not looks_like_code(typed)


@pytest.mark.parametrize("code", ["aB3_x9-Kq2Lm", "Zk2mQ9xYp0Aa"])
def test_real_codes_still_are(code: str) -> None:
    assert looks_like_code(code)
