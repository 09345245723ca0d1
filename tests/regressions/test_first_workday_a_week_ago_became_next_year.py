"""A coach registering work that began a week ago typed the day and month ('1 december' on
8 December); it was stored as next year's date without a word, and every later date was then
"vóór de eerste werkdag" (tester). A date without its year, where past dates are allowed, is
the nearer of this year's and last year's; a date ahead stays ahead."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.aftercare_support import make_client, make_coach
from tests.clock_double import local_today
from tests.conftest import Harness

MONTHS = "januari februari maart april mei juni juli augustus september oktober november december"


@pytest.mark.parametrize("days_from_today", [-7, 20])
async def test_regression_first_workday_a_week_ago_is_not_next_year(
    harness: Harness, days_from_today: int
) -> None:
    coach = await make_coach(harness, 660, "Anna")
    bram = await make_client(harness, coach, 661, "Bram")
    start = local_today() + timedelta(days=days_from_today)
    await coach.press_data(f"coach:pl:{bram.id}:")
    await coach.send("Bakkerij Zon")
    await coach.send("Inpakker")
    await coach.send(f"{start.day} {MONTHS.split()[start.month - 1]}")
    await coach.send("32")
    for label in ("Weet ik niet", "Weet ik niet", "Geen einddatum", "Geen einddatum"):
        await coach.press(label)
    summary = coach.last_keyboard().text
    assert "📅 Start: " + start.strftime("%d-%m-%Y") in summary
