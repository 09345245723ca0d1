"""Small talk is answered as small talk: 'bye' got "Sorry, I don't know that … ask your job
coach", as if it were a question the FAQ could not answer. It is not stored as unanswered."""

from __future__ import annotations

from sqlmodel import select

from powbot.storage.models_faq import FaqUnanswered
from tests.conftest import Harness, onboard


async def test_goodbye_and_thanks_in_both_languages_and_roles(harness: Harness) -> None:
    ann = harness.user(9101)
    await onboard(ann, language="en")
    assert "Goodbye" in (await ann.send("bye"))[-1].text
    assert "welcome" in (await ann.send("thanks"))[-1].text
    ben = harness.user(9102)
    await onboard(ben, role="employer")
    bye = (await ben.send("doei"))[-1].text
    assert "Tot ziens" in bye and "U kunt" in bye  # "u" to an employer
    cas = harness.user(9103)
    await onboard(cas)
    assert "Je kunt" in (await cas.send("fijne dag"))[-1].text  # "je" to a job seeker
    async with harness.runtime.db.transaction() as session:
        assert (await session.exec(select(FaqUnanswered))).all() == []
