"""Typing 👎 under an FAQ answer got "Graag gedaan!": an emoji normalised to nothing matched
the 👍 among the thanks words (tester). A typed 👎 or 👍 rates the answer like its button;
other emoji are not thanks."""

from __future__ import annotations

from sqlmodel import select

from powbot.storage.models_faq import FaqFeedback
from tests.conftest import Harness, onboard


async def test_regression_typed_thumbs_rate_the_answer(harness: Harness) -> None:
    wim = harness.user(740)
    await onboard(wim, role="employer")
    await wim.send("wat is loonkostensubsidie")
    down = await wim.send("👎")
    said = " ".join(reply.text for reply in down)
    assert "Graag gedaan" not in said and "Jammer dat dit antwoord" in said
    assert await _ratings(harness) == [False]
    up = await wim.send("👍")
    assert "Dank u voor uw reactie" in up[-1].text
    assert await _ratings(harness) == [True]  # their rating changed its mind


async def _ratings(harness: Harness) -> list[bool]:
    async with harness.runtime.db.transaction() as session:
        return [row.helpful for row in (await session.exec(select(FaqFeedback))).all()]


async def test_regression_other_emoji_are_not_thanks(harness: Harness) -> None:
    eva = harness.user(741)
    await onboard(eva, role="employer")
    replies = await eva.send("🚲")
    assert not any("Graag gedaan" in reply.text for reply in replies)
