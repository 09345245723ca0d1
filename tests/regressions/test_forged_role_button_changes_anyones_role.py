"""Issue 18, defect 5: a forged onboarding role button changed anyone's role."""

from __future__ import annotations

from powbot.storage.models import User
from tests.conftest import Harness, onboard


async def _role(harness: Harness, user_id: int) -> str | None:
    async with harness.runtime.db.transaction() as session:
        user = await session.get(User, user_id)
        assert user is not None
        return user.role


async def test_a_role_button_outside_the_role_step_changes_no_role(harness: Harness) -> None:
    seeker = harness.user(5201)
    await onboard(seeker)
    coach = harness.user(5202)
    await onboard(coach)
    async with harness.runtime.db.transaction() as session:
        (await session.get(User, 5202)).role = "coach"  # type: ignore[union-attr]
    for player, role in ((seeker, "seeker"), (coach, "coach")):
        await player.send("/taal")  # the language step: a screen of the onboarding flow
        async with harness.runtime.db.transaction() as session:
            screen = (await session.get(User, player.id)).screen  # type: ignore[union-attr]
        await player.press_data(f"onboarding:role:employer:{screen}")
        assert await _role(harness, player.id) == role
