"""Regression (tester): "geen idee, stopt mijn bijstand nu meteen?" typed during a check-in
was kept for the coach but not answered, though the job seekers' FAQ has the answer. A
question the FAQ is sure of is now answered too; the words are still kept."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.aftercare_support import make_client, make_coach, place, send_checkin, tomorrow
from tests.conftest import Harness


async def test_a_question_typed_in_a_checkin_is_answered_and_kept(
    harness: Harness, clock: Any
) -> None:
    coach = await make_coach(harness, 950, "Anna")
    henk = await make_client(harness, coach, 951, "Henk")
    await place(harness, henk.id, tomorrow())
    await send_checkin(harness, henk.id, questions=["workload"])
    clock.advance(timedelta(minutes=5))
    await henk.send("goed")
    replies = await henk.send("wat gebeurt er met mijn uitkering als ik ga werken?")
    said = "\n".join(reply.text for reply in replies)
    assert said.startswith("❓") and "gemeente" in said  # the FAQ answer, headed
    assert "bewaard" in said  # the words are kept for the coach as before
    assert "Hoe is het werk zelf?" in replies[-1].text
