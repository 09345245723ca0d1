"""'I hired her after a trial placement; must I give written notice that her one-year contract
ends?' is employment law, but the trial placement's answer won by a hair over the contracts
subject and was shown as the answer. A subject outside the FAQ that fits almost as well as the
best instrument now makes it a choice (the entry, or "none of these"), and "none of these"
says where that subject is answered."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from powbot.knowledge.faq import FaqIndex
from tests.conftest import Harness, make_harness, make_settings, onboard

NEAR_TIE = (
    "Ik heb iemand na een proefplaatsing aangenomen op een jaarcontract. Nu na bijna een jaar"
    " wil ik niet verlengen. Moet ik dat schriftelijk aanzeggen en hoe lang van tevoren?"
)


def test_a_near_tie_with_a_subject_outside_the_faq_is_a_choice(faq_index: FaqIndex) -> None:
    result = faq_index.search(NEAR_TIE)
    assert result.decision == "clarify"
    assert result.best is not None and result.best.instrument == "proefplaatsing"
    assert result.topic is not None and result.topic.id == "contracts"


def test_a_clear_instrument_question_is_still_answered(faq_index: FaqIndex) -> None:
    result = faq_index.search("Hoe lang mag een proefplaatsing duren?")
    assert result.decision == "answer" and result.topic is None


@pytest.fixture
async def harness(sqlite_url: str) -> AsyncIterator[Harness]:
    h = await make_harness(make_settings(sqlite_url))
    yield h
    await h.app.close()


async def test_none_of_these_points_to_where_the_subject_is_answered(harness: Harness) -> None:
    player = harness.user(311)
    await onboard(player, role="employer")
    reply = (await player.send(NEAR_TIE))[-1]
    assert "Bedoelt u" in reply.text  # a choice, not the trial placement's rule
    other = await player.press("Iets anders", reply)
    assert "Daar kan ik u niet mee helpen" in other[-1].text
    assert "arbeidsrechtadvocaat" in other[-1].text  # the contracts subject's pointer
