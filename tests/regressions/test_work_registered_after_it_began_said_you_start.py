"""Work a coach registered a week after it began told the worker "Je begint op 01-12-2026",
a date already past (tester). Work that began before it was registered says when it began;
work ahead still says when it starts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.aftercare_support import make_client, make_coach, place
from tests.clock_double import local_today
from tests.conftest import Harness


@pytest.mark.parametrize(("days", "said"), [(-7, "Je bent begonnen op"), (3, "Je begint op")])
async def test_regression_work_registered_after_it_began_says_it_began(
    harness: Harness, days: int, said: str
) -> None:
    coach = await make_coach(harness, 930, "Anna")
    bram = await make_client(harness, coach, 931, "Bram")
    start = local_today() + timedelta(days=days)
    await place(harness, bram.id, start)
    await harness.runtime.sender.drain_outbox()
    told = " ".join(sent.text for sent in bram.inbox() if "Gefeliciteerd" in sent.text)
    assert f"{said} {start.strftime('%d-%m-%Y')}" in told
