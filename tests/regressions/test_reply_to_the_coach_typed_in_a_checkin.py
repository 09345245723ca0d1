"""Regression (tester): the coach asked "Zal ik langskomen bij de bakkerij?" while a
check-in was open; the client's typed "ja graag, donderdag?" was kept as check-in words
("Ik heb dit bij je check-in bewaard") and the coach never saw it. A message typed after the
coach's, in the middle of another conversation, now gets "Is dit bericht voor Anna?"."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from powbot.domain.coaching import send_to_client
from tests.aftercare_support import (
    get_user,
    make_client,
    make_coach,
    place,
    send_checkin,
    services_do,
    tomorrow,
)
from tests.conftest import Harness


async def test_a_reply_typed_after_the_coachs_message_is_offered_to_the_coach(
    harness: Harness, clock: Any
) -> None:
    anna = await make_coach(harness, 940, "Anna")
    henk = await make_client(harness, anna, 941, "Henk")
    await place(harness, henk.id, tomorrow())
    await send_checkin(harness, henk.id, questions=["workload"])
    clock.advance(timedelta(minutes=5))
    await henk.send("goed")  # the check-in goes on: its next question is open
    clock.advance(timedelta(minutes=5))
    coach, client = await get_user(harness, anna.id), await get_user(harness, henk.id)

    async def message(services: Any) -> None:
        seeker = await services.session.get(type(client), client.id)
        await send_to_client(services, coach, seeker, "Zal ik langskomen bij de bakkerij?")

    await services_do(harness, message)
    clock.advance(timedelta(minutes=5))
    replies = await henk.send("ja graag, donderdag?")
    assert "Is dit bericht voor Anna?" in replies[-1].text


async def test_a_checkin_answer_without_a_newer_coach_message_stays_a_checkin_answer(
    harness: Harness, clock: Any
) -> None:
    anna = await make_coach(harness, 942, "Anna")
    henk = await make_client(harness, anna, 943, "Henk")
    await place(harness, henk.id, tomorrow())
    await send_checkin(harness, henk.id, questions=["workload"])
    clock.advance(timedelta(minutes=5))
    await henk.send("goed")
    clock.advance(timedelta(minutes=5))
    replies = await henk.send("ja graag, donderdag?")
    assert "Is dit bericht voor" not in replies[-1].text
