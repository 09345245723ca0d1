"""Issue 18, graceful shutdown in polling mode: on SIGTERM aiogram closed the bot's HTTP
session before the updates in hand had sent their replies, and the outbox worker was
cancelled mid-send, so a reply Telegram had already taken was sent a second time (and one
it had not was left for the next start).

`powbot run` (long polling) against a stand-in Bot API on localhost: a SIGTERM while one
update's reply and one outbox message are on their way to Telegram. Polling stops (nothing
more is taken), both sends finish once, and the outbox message that was claimed but not yet
sent is handed back for the next process."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from typing import Any

import pytest
from sqlmodel import col, select

from powbot.bot.serve import run_polling
from powbot.domain.messages import Reply
from powbot.storage.db import Database
from powbot.storage.models import Outbox, ProcessedUpdate
from tests.bot_api_server import BotApiServer, serving
from tests.conftest import make_settings

ASKING = 8301  # the update in hand: its reply is on its way when the signal comes
WAITING = 8302  # two outbox messages: the first on its way, the second not yet taken
LATE = 8303  # an update Telegram offers after the signal


def _update(update_id: int, user_id: int) -> dict[str, Any]:
    person = {"id": user_id, "is_bot": False, "first_name": "Sem"}
    message = {
        "message_id": update_id,
        "date": 1_700_000_000,
        "chat": {"id": user_id, "type": "private"},
        "from": person,
        "text": "/start",
    }
    return {"update_id": update_id, "message": message}


class FakeTelegram(BotApiServer):
    """getUpdates hands out one update, then holds the next until after the signal;
    sendMessage to ASKING and WAITING is held until the test lets it go."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[tuple[int, str]] = []  # recorded as Telegram takes them
        self.polls = 0
        self.signalled = asyncio.Event()
        self.polls_after_signal = 0
        self.in_flight = {ASKING: asyncio.Event(), WAITING: asyncio.Event()}
        self.let_go = asyncio.Event()

    async def updates(self) -> list[dict[str, Any]]:
        self.polls += 1
        if self.signalled.is_set():
            self.polls_after_signal += 1
        if self.polls == 1:
            return [_update(5001, ASKING)]
        await self.signalled.wait()
        return [_update(5002, LATE)]

    async def on_send(self, data: dict[str, Any]) -> None:
        chat_id = int(data["chat_id"])
        self.sent.append((chat_id, str(data.get("text", ""))))
        if chat_id in self.in_flight and not self.let_go.is_set():
            self.in_flight[chat_id].set()
            await self.let_go.wait()

    def to(self, chat_id: int) -> list[str]:
        return [text for chat, text in self.sent if chat == chat_id]


class _Seen(logging.Handler):
    def __init__(self, words: str, seen: asyncio.Event) -> None:
        super().__init__()
        self.words, self.seen = words, seen

    def emit(self, record: logging.LogRecord) -> None:
        if self.words in record.getMessage():
            self.seen.set()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
async def test_a_stop_signal_during_polling_finishes_the_sends_in_hand(
    sqlite_url: str, sig: signal.Signals, caplog: pytest.LogCaptureFixture
) -> None:
    fake = FakeTelegram()
    db = Database(sqlite_url)
    async with db.transaction() as session:
        for n in range(2):
            session.add(Outbox(user_id=WAITING, payload=Reply(f"bericht {n}").to_payload()))
    await db.dispose()
    caplog.set_level(logging.INFO, logger="powbot.bot.serve")
    finishing = asyncio.Event()
    watcher = _Seen("updates in hand", finishing)
    logging.getLogger("powbot.bot.serve").addHandler(watcher)
    async with serving(fake) as api_base:
        settings = make_settings(
            sqlite_url,
            TELEGRAM_API_BASE=api_base,
            TELEGRAM_BOT_TOKEN="42:STOP",
            POWBOT_TICK_SECONDS=0.2,
        )
        running = asyncio.create_task(run_polling(settings))
        try:
            for event in fake.in_flight.values():
                await asyncio.wait_for(event.wait(), 30)
            os.kill(os.getpid(), sig)
            # Polling has stopped; only now does Telegram answer the two sends in hand, and
            # offer one more update.
            await asyncio.wait_for(finishing.wait(), 30)
            fake.signalled.set()
            fake.let_go.set()
            await asyncio.wait_for(running, 30)
        finally:
            logging.getLogger("powbot.bot.serve").removeHandler(watcher)
            if not running.done():
                running.cancel()

    asking = fake.to(ASKING)
    assert len(asking) == 1 and "Welke taal" in asking[0]  # once, not cut off and resent
    assert fake.to(WAITING) == ["bericht 0"]
    assert fake.to(LATE) == [] and fake.polls_after_signal == 0
    db = Database(sqlite_url)
    try:
        async with db.transaction() as session:
            rows = (await session.exec(select(Outbox).order_by(col(Outbox.id)))).all()
            late = await session.get(ProcessedUpdate, 5002)
    finally:
        await db.dispose()
    # The message in hand was sent and recorded; the other goes to the next process at once.
    assert [row.status for row in rows] == ["sent", "pending"]
    assert rows[1].claimed_by is None
    assert late is None  # Telegram offers it again to the next process
