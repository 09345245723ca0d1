"""A crisis worded in a way no phrase or pattern knows still gets help at once, in any state."""

from __future__ import annotations

from tests.conftest import Harness, onboard


async def test_unseen_suicidal_wording_at_the_menu_gets_113(harness: Harness) -> None:
    seeker = harness.user(7101)
    await onboard(seeker)
    said = "\n".join(m.text for m in await seeker.send("het heeft voor mij allemaal geen zin meer"))
    assert "113" in said and "0800-0113" in said
    assert "Dat weet ik helaas niet" not in said


async def test_an_ordinary_message_sharing_crisis_words_gets_no_crisis_help(
    harness: Harness,
) -> None:
    seeker = harness.user(7102)
    await onboard(seeker)
    said = "\n".join(m.text for m in await seeker.send("ik ben dood moe"))
    assert "113" not in said and "0800-2000" not in said
