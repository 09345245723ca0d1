"""A coach's client card showed two urgent alerts of one day as two buttons with the same
label, "Dringende melding van 10-12-2026" (tester): the label has the time too."""

from __future__ import annotations

from datetime import timedelta

from powbot.storage.models_aftercare import Alert
from tests.aftercare_support import make_client, make_coach
from tests.clock_double import clock_now
from tests.conftest import Harness


async def test_regression_two_alerts_of_one_day_have_their_own_labels(harness: Harness) -> None:
    coach = await make_coach(harness, 940, "Anna")
    bram = await make_client(harness, coach, 941, "Bram")
    async with harness.runtime.db.transaction() as session:
        for hours in (1, 3):
            moment = clock_now() - timedelta(hours=hours)
            session.add(
                Alert(
                    seeker_id=bram.id,
                    coach_id=coach.id,
                    kind="urgent",
                    reasons=["self_harm"],
                    created_at=moment,
                    updated_at=moment,
                )
            )
    await coach.send("/clienten")
    card = await coach.press("Bram")
    alerts = [label for label, _ in card[-1].buttons if "melding van" in label.lower()]
    assert len(alerts) == 2 and len(set(alerts)) == 2
