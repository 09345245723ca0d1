"""Regression (tester): a check-in for the day before the start, sent late (the tick had
not run), said "Morgen begin je met je nieuwe werk" on the first work day. From the start
day on it is not sent; the next check-ins stay planned."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.aftercare_support import checkins, make_client, make_coach, place, send_checkin, tomorrow
from tests.conftest import Harness


async def test_a_day_before_checkin_due_on_the_start_day_is_not_sent(
    harness: Harness, clock: Any
) -> None:
    coach = await make_coach(harness, 960, "Anna")
    ahmad = await make_client(harness, coach, 961, "Ahmad")
    await place(harness, ahmad.id, tomorrow())
    clock.advance(timedelta(days=1))  # the tick did not run until his first work day
    first = await send_checkin(harness, ahmad.id)
    assert first.moment == "before_start" and first.status == "cancelled"
    assert not any("Morgen begin je" in message.text for message in ahmad.inbox())
    assert any(c.status == "scheduled" for c in await checkins(harness, ahmad.id))


async def test_the_day_before_checkin_on_time_is_sent(harness: Harness) -> None:
    coach = await make_coach(harness, 962, "Anna")
    bram = await make_client(harness, coach, 963, "Bram")
    await place(harness, bram.id, tomorrow())
    first = await send_checkin(harness, bram.id)
    assert first.moment == "before_start" and first.status == "sent"
    assert "Morgen begin je" in bram.inbox()[-1].text
