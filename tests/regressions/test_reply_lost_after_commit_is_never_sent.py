"""Issue 18, defect 2: a reply lost between the commit and the send was never sent, because
the redelivered update was dropped as a duplicate."""

from __future__ import annotations

from tests.conftest import Harness


async def test_a_redelivered_update_sends_the_reply_that_did_not_get_through(
    harness: Harness,
) -> None:
    player = harness.user(5301)
    harness.session.failures[5301] = ["network"] * 4  # Telegram unreachable for a while
    update = player.message_update("/start")
    assert await player.feed(update) == []
    resent = await player.feed(update)  # Telegram redelivers
    assert [("Welke taal" in sent.text) for sent in resent] == [True]
    assert await player.feed(update) == []  # and never twice
