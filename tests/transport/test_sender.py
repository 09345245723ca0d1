"""The one outbound path: RetryAfter, network retries, blocked users, long texts, limits."""

from __future__ import annotations

import asyncio
import time
from types import SimpleNamespace
from typing import Any

import pytest
from aiogram import Bot
from aiogram.methods import SendMessage, TelegramMethod
from sqlmodel import select

from powbot.bot import sender as sender_module
from powbot.bot.sender import TEXT_LIMIT, Sender
from powbot.domain.messages import Button, Chart, Reply
from powbot.storage.models import Outbox, User
from tests.clock_double import clock_now
from tests.conftest import Harness
from tests.telegram_double import RecordingSession


class TimedSession(RecordingSession):
    """Also notes when each message went out."""

    def __init__(self) -> None:
        super().__init__()
        self.times: list[tuple[int, float]] = []

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[Any],
        timeout: int | None = None,
    ) -> Any:
        result = await super().make_request(bot, method, timeout)
        if isinstance(method, SendMessage):
            self.times.append((int(method.chat_id), time.monotonic()))
        return result


def make_sender(harness: Harness, **limits: float) -> tuple[Sender, TimedSession]:
    session = TimedSession()
    return Sender(Bot("42:TEST", session=session), harness.runtime.db, **limits), session


async def test_retry_after_waits_then_sends_once(harness: Harness) -> None:
    sender, session = make_sender(harness)
    session.failures[7] = ["retry_after:1"]
    started = time.monotonic()
    await sender.send(7, Reply("hallo"))
    assert time.monotonic() - started >= 1.0
    assert [s.text for s in session.to(7)] == ["hallo"]


async def test_network_errors_are_retried_with_backoff(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    sender, session = make_sender(harness)
    session.failures[8] = ["network", "network"]
    waits: list[float] = []

    async def pause(seconds: float) -> None:  # the waits, without waiting them
        waits.append(seconds)

    monkeypatch.setattr(sender_module, "NETWORK_BACKOFF", 0.5)
    monkeypatch.setattr(sender_module, "asyncio", SimpleNamespace(sleep=pause))
    await sender.send(8, Reply("hallo"))
    assert waits == [0.5, 1.0]
    assert [s.text for s in session.to(8)] == ["hallo"]
    assert sum(isinstance(c, SendMessage) for c in session.calls) == 3


async def test_blocked_user_is_marked_and_later_messages_are_dropped(harness: Harness) -> None:
    sender, session = make_sender(harness)
    async with harness.runtime.db.transaction() as db:
        db.add(User(id=9, chat_id=9, role="seeker"))
        for text in ("een", "twee", "drie"):
            db.add(Outbox(user_id=9, payload=Reply(text).to_payload(), due_at=clock_now()))
    session.blocked.add(9)
    sent = await sender.drain_outbox()
    assert sent == 0
    assert session.to(9) == []
    # One 403 is enough: the other rows of the batch are not tried.
    assert sum(isinstance(c, SendMessage) for c in session.calls) == 1
    async with harness.runtime.db.transaction() as db:
        user = await db.get(User, 9)
        assert user is not None and user.unreachable_at is not None
        rows = (await db.exec(select(Outbox).where(Outbox.user_id == 9))).all()
        assert {row.status for row in rows} == {"dropped"}
    # A later pass has nothing left to send to them.
    calls = len(session.calls)
    assert await sender.drain_outbox() == 0 and len(session.calls) == calls


async def test_a_chart_waiting_in_the_outbox_is_drawn_and_sent_as_a_photo(harness: Harness) -> None:
    """The profile chart is stored as what it shows (a few labels), not as an image, so a
    reply staged before a restart is drawn when it is sent, with its caption."""
    sender, session = make_sender(harness)
    chart = Chart("Je profiel", (("Werk", "green"), ("Geld", "red")), ("goed", "let op", "hulp"))
    payload = Reply("Dit is je profiel.", chart=chart).to_payload()
    assert "image" not in payload and len(str(payload)) < 300
    async with harness.runtime.db.transaction() as db:
        db.add(User(id=11, chat_id=11, role="seeker"))
        db.add(Outbox(user_id=11, payload=payload, due_at=clock_now()))
    assert await sender.drain_outbox() == 1
    [photo] = session.to(11)
    assert photo.kind == "photo" and photo.text == "Dit is je profiel."
    assert photo.file is not None and photo.file.startswith(b"\x89PNG")


async def test_text_over_the_limit_is_split_with_buttons_on_the_last_part(
    harness: Harness,
) -> None:
    sender, session = make_sender(harness, rate_per_chat=100)
    paragraph = "woord " * 300
    text = "\n\n".join([paragraph] * 8)  # about 14,400 characters
    await sender.send(10, Reply(text, [[Button("OK", "menu:go:x:")]]))
    parts = session.to(10)
    assert len(parts) >= 4 and all(len(p.text) <= TEXT_LIMIT for p in parts)
    assert [bool(p.buttons) for p in parts] == [False] * (len(parts) - 1) + [True]
    assert "".join(p.text.replace(" ", "").replace("\n", "") for p in parts) == text.replace(
        " ", ""
    ).replace("\n", "")


async def test_rate_limits_overall_and_per_chat(harness: Harness) -> None:
    wide, wide_session = make_sender(harness, rate=30)
    narrow, narrow_session = make_sender(harness, rate=30, rate_per_chat=1)

    async def many_chats() -> float:
        started = time.monotonic()
        await asyncio.gather(*(wide.send(1000 + n, Reply(f"m{n}")) for n in range(90)))
        return time.monotonic() - started

    async def one_chat() -> float:
        started = time.monotonic()
        await asyncio.gather(*(narrow.send(77, Reply(f"m{n}")) for n in range(5)))
        return started

    elapsed, started = await asyncio.gather(many_chats(), one_chat())
    assert len(wide_session.sent) == 90
    # 30 at once, then 30 a second: 90 messages need about two seconds.
    assert elapsed >= 1.8
    in_first_second = [t for _, t in narrow_session.times if t - started < 1.0]
    assert len(in_first_second) <= 3
    assert len(narrow_session.sent) == 5
