"""Regression (issue 12): `test_worker_who_unblocks_the_bot_gets_the_remaining_checkins_again`
failed whenever the suite ran after 10:00 Europe/Amsterdam. Planning kept today's 10:00
check-in that had passed, re-planning after an unblock only took future ones, and the
unreachable hook read the wall clock. Now one rule (`still_ahead`) serves both, and the hook
takes the moment the sender marked the user unreachable."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from powbot.clock import from_local
from tests.aftercare_support import checkins, make_client, make_coach, place
from tests.clock_double import AMSTERDAM, SteppingClock
from tests.conftest import Harness

TIMES = ["00:30", "09:59", "10:01", "21:30"]


@pytest.mark.parametrize("clock_time", TIMES)
async def test_unblocking_worker_gets_back_exactly_the_checkins_that_were_planned(
    harness: Harness, clock: SteppingClock, clock_time: str
) -> None:
    now = from_local(datetime.fromisoformat(f"2026-12-07T{clock_time}"), AMSTERDAM)
    clock.current = now
    coach = await make_coach(harness, 580, "Anna")
    bram = await make_client(harness, coach, 581, "Bram")
    start = now.astimezone(AMSTERDAM).date() + timedelta(days=1)
    await place(harness, bram.id, start)
    planned = [c.id for c in await checkins(harness, bram.id) if c.status == "scheduled"]
    await harness.runtime.sender.mark_unreachable(bram.id)  # Telegram said: blocked
    assert all(c.status == "cancelled" for c in await checkins(harness, bram.id))
    await bram.send("/menu")  # back again, a minute later
    again = [c.id for c in await checkins(harness, bram.id) if c.status == "scheduled"]
    assert again == planned
    # The day before the start is today: its 10:00 check-in is kept before 21:00 (quiet
    # hours are off in the tests) on both sides alike.
    days = [c.day for c in await checkins(harness, bram.id) if c.status == "scheduled"]
    assert days[0] == start - timedelta(days=1)


async def test_unreachable_hook_stops_with_the_senders_moment_not_the_wall_clock(
    harness: Harness, clock: SteppingClock
) -> None:
    coach = await make_coach(harness, 582, "Anna")
    bram = await make_client(harness, coach, 583, "Bram")
    await place(harness, bram.id, clock.current.astimezone(AMSTERDAM).date() + timedelta(days=3))
    clock.advance(timedelta(days=30))  # the test clock, far from the wall clock
    await harness.runtime.sender.mark_unreachable(bram.id)
    from sqlmodel import select

    from powbot.storage.models import ScheduledItem, User

    async with harness.runtime.db.transaction() as session:
        user = await session.get(User, bram.id)
        assert user is not None and user.unreachable_at is not None
        items = (
            await session.exec(select(ScheduledItem).where(ScheduledItem.user_id == bram.id))
        ).all()
        told = (
            await session.exec(
                select(ScheduledItem).where(ScheduledItem.kind == "aftercare.unreachable")
            )
        ).one()
    stopped = [i for i in items if i.status == "cancelled"]
    assert stopped and {i.done_at for i in stopped} == {user.unreachable_at}
    assert told.due_at == user.unreachable_at
