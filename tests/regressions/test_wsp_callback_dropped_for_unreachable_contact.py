"""Issue 18, defect 8: a call-back request for a WSP contact who never started the bot was
dropped (Telegram 403 "bot can't initiate conversation"). Now it is held, shown by
`powbot admin callbacks` and `powbot health`, and delivered when the contact starts the bot."""

from __future__ import annotations

import argparse

import pytest
from aiogram.exceptions import TelegramForbiddenError
from aiogram.methods import SendMessage
from sqlmodel import select

from powbot.admin import run_admin
from powbot.bot.scheduler import run_due
from powbot.domain.messages import Reply
from powbot.health import contact_warnings
from powbot.storage.models import Outbox
from tests.conftest import Harness, make_harness, make_settings

CONTACT = 6101


async def test_a_request_for_a_contact_who_never_started_waits_for_them(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = make_settings(sqlite_url, POWBOT_WSP_CONTACT_IDS=str(CONTACT))
    harness: Harness = await make_harness(settings)
    try:
        original = harness.session.make_request
        started = False

        async def never_started(bot, method, timeout=None):  # type: ignore[no-untyped-def]
            if isinstance(method, SendMessage) and int(method.chat_id) == CONTACT:
                if not started:
                    raise TelegramForbiddenError(
                        method, "Forbidden: bot can't initiate conversation"
                    )
            return await original(bot, method, timeout)

        harness.session.make_request = never_started  # type: ignore[method-assign]
        async with harness.runtime.db.transaction() as session:
            session.add(Outbox(user_id=CONTACT, payload=Reply("Terugbelverzoek #1").to_payload()))
        await run_due(harness.runtime)
        async with harness.runtime.db.transaction() as session:
            row = (await session.exec(select(Outbox))).one()
        assert row.status == "held"
        assert any(
            "never started" in line for line in await contact_warnings(harness.runtime.db, settings)
        )
        await run_admin(argparse.Namespace(admin_command="callbacks", limit=5), settings)
        assert "1 message(s) waiting" in capsys.readouterr().out
        contact = harness.user(CONTACT)
        started = True  # Telegram lets the bot write once they started it
        await contact.send("/start")
        await run_due(harness.runtime)
        assert any("Terugbelverzoek #1" in sent.text for sent in contact.inbox())
    finally:
        await harness.app.close()
