"""A forged coach button with a 23-digit id (coach:c:99999999999999999999999:) used to raise
OverflowError in the database and give the coach the generic apology; it now gets the same
neutral 'not in your list' as any other id that is not theirs."""

from __future__ import annotations

from tests.aftercare_support import make_coach
from tests.conftest import Harness


async def test_forged_overlong_client_and_alert_ids_get_the_neutral_answer(
    harness: Harness,
) -> None:
    coach = await make_coach(harness, 560, "Anna")
    for data in (
        "coach:c:99999999999999999999999:",
        "coach:a:99999999999999999999999:",
        "coach:ax:-1:",
        "coach:pe:²:",
    ):
        reply = await coach.press_data(data)
        assert "niet in uw lijst" in reply[-1].text, data
