"""'heel slecht. baas schreeuwt steeds en ik heb nog geen loon gehad' typed at a check-in's
mood question was read as the mood alone: the coach's alert named only the answers, and the
shouting boss and the missing wage were lost (tester). An answer typed with more words keeps
those words with the check-in, and their risk rules count."""

from __future__ import annotations

from tests.aftercare_support import (
    alerts,
    checkins,
    make_client,
    make_coach,
    place,
    send_checkin,
    tomorrow,
)
from tests.conftest import Harness


async def test_regression_words_typed_beside_the_mood_reach_the_coach(harness: Harness) -> None:
    coach = await make_coach(harness, 920, "Anna")
    bram = await make_client(harness, coach, 921, "Bram")
    await place(harness, bram.id, tomorrow())
    await send_checkin(harness, bram.id, questions=["workload"])
    await bram.send("heel slecht. baas schreeuwt steeds en ik heb nog geen loon gehad")
    await bram.press("Goed te doen")
    await bram.send("nee")  # contact question
    [done] = [c for c in await checkins(harness, bram.id) if c.status == "answered"]
    assert done.mood == 1
    [alert] = await alerts(harness, bram.id)
    said = [detail.get("said", "") for detail in alert.details]
    assert any("baas schreeuwt" in text for text in said)
    await harness.runtime.sender.drain_outbox()
    assert "baas schreeuwt" in coach.inbox()[-1].text


async def test_regression_a_plain_typed_mood_keeps_no_words(harness: Harness) -> None:
    coach = await make_coach(harness, 922, "Anna")
    eva = await make_client(harness, coach, 923, "Eva")
    await place(harness, eva.id, tomorrow())
    await send_checkin(harness, eva.id, questions=["workload"])
    await eva.send("goed")
    await eva.press("Goed te doen")
    await eva.send("nee")
    assert await alerts(harness, eva.id) == []
