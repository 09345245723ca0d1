"""Issue 18, defect 4: removing an admin from POWBOT_ADMIN_IDS had no effect."""

from __future__ import annotations

from powbot.storage.models import User
from tests.conftest import make_harness, make_settings


async def test_an_admin_removed_from_the_setting_loses_the_role_at_the_next_update(
    sqlite_url: str,
) -> None:
    harness = await make_harness(make_settings(sqlite_url, POWBOT_ADMIN_IDS="5150"))
    try:
        admin = harness.user(5150)
        await admin.send("/start")
        await admin.press("Nederlands")
        async with harness.runtime.db.transaction() as session:
            assert (await session.get(User, 5150)).role == "admin"  # type: ignore[union-attr]
    finally:
        await harness.app.close()
    # The operator removes the id and restarts.
    harness = await make_harness(make_settings(sqlite_url, POWBOT_ADMIN_IDS=""))
    try:
        former = harness.user(5150)
        replies = await former.send("/stats")
        async with harness.runtime.db.transaction() as session:
            assert (await session.get(User, 5150)).role is None  # type: ignore[union-attr]
        assert not any("statistiek" in sent.text.lower() for sent in replies)
    finally:
        await harness.app.close()
