"""Issue 18, defect 8: a NUL character failed on PostgreSQL, and a lone surrogate put the
message text into the ERROR log."""

from __future__ import annotations

import logging

import pytest
from sqlmodel import select

from powbot.domain.text import clean_text
from powbot.storage.models import User
from tests.conftest import Harness


def test_clean_text_drops_nul_and_replaces_lone_surrogates() -> None:
    assert clean_text("a\x00b") == "ab"
    assert clean_text("x\ud800y") == "x\ufffdy"
    assert clean_text("gewoon 😀") == "gewoon 😀"


async def test_odd_characters_are_stored_cleanly_and_never_logged(
    any_harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    player = any_harness.user(5901, first_name="An\x00na\ud800")
    replies = await player.send("/start")
    assert replies and "Foutcode" not in replies[0].text
    replies = await player.send("geheim\x00woord\udc80")
    assert not any("Foutcode" in sent.text for sent in replies)
    async with any_harness.runtime.db.transaction() as session:
        user = (await session.exec(select(User).where(User.id == 5901))).one()
    assert user.first_name == "Anna\ufffd"
    assert not any("geheim" in record.getMessage() for record in caplog.records)
