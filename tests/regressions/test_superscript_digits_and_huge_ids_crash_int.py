"""Issue 18, defect 8: '²' and '①' passed isdigit() and crashed int(); 20-digit ids reached
the database (OverflowError on a forged coach:c:99999999999999999999999 button)."""

from __future__ import annotations

from powbot.domain.ids import parse_id, parse_index
from powbot.domain.messages import Callback
from powbot.storage.models import User
from tests.conftest import Harness, onboard


def test_one_parser_takes_only_ascii_digits_in_range() -> None:
    assert parse_id("42") == 42 and parse_id(" 7 ") == 7
    for bad in ("²", "①", "٣", "-1", "0", "1e3", "", None, "99999999999999999999999"):
        assert parse_id(bad) is None, bad
    assert parse_id(str(2**63 - 1)) == 2**63 - 1 and parse_id(str(2**63)) is None
    assert parse_index("2", 3) == 2 and parse_index("3", 3) is None and parse_index("²", 3) is None
    assert Callback.decode("menu:go:x:²") is None


async def test_forged_buttons_with_odd_digits_get_a_neutral_answer(harness: Harness) -> None:
    seeker = harness.user(5801)
    await onboard(seeker)
    coach = harness.user(5802)
    await onboard(coach)
    async with harness.runtime.db.transaction() as session:
        (await session.get(User, 5802)).role = "coach"  # type: ignore[union-attr]
    forged = {
        seeker: ["menu:go::²", "aftercare:mood:①.²:", "oh:list:²~:", "coach:reply:²:"],
        coach: ["coach:c:99999999999999999999999:", "coach:c:²:", "menu:go::99999999999999999999"],
    }
    for player, datas in forged.items():
        for data in datas:
            replies = await player.press_data(data)
            assert not any("Foutcode" in sent.text for sent in replies), data
