"""A Bot API double: records every call the real aiogram Bot makes; can answer with errors."""

from __future__ import annotations

import itertools
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramForbiddenError, TelegramNetworkError, TelegramRetryAfter
from aiogram.methods import (
    AnswerCallbackQuery,
    SendDocument,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiogram.types import Chat, Message

# The date of every message the tests make: aiogram requires one, powbot never reads it.
MESSAGE_DATE = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@dataclass
class Sent:
    """One message that reached a chat."""

    chat_id: int
    text: str
    buttons: list[tuple[str, str | None]] = field(default_factory=list)
    message_id: int = 0
    kind: str = "message"  # message, photo, document
    file: bytes | None = None


class RecordingSession(BaseSession):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[TelegramMethod[Any]] = []
        self.sent: list[Sent] = []
        self.toasts: list[str | None] = []
        self.ids = itertools.count(1)
        # chat id -> errors to raise on the next sends to it ("retry_after:N", "forbidden", "network")
        self.failures: dict[int, list[str]] = {}
        self.blocked: set[int] = set()

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[Any],
        timeout: int | None = None,
    ) -> Any:
        self.calls.append(method)
        chat_id = getattr(method, "chat_id", None)
        if isinstance(method, SendMessage | SendPhoto | SendDocument):
            assert chat_id is not None
            if int(chat_id) in self.blocked:
                raise TelegramForbiddenError(method, "Forbidden: bot was blocked by the user")
            queued = self.failures.get(int(chat_id))
            if queued:
                failure = queued.pop(0)
                if failure.startswith("retry_after"):
                    raise TelegramRetryAfter(
                        method, "Too Many Requests", int(failure.split(":")[1])
                    )
                if failure == "forbidden":
                    raise TelegramForbiddenError(method, "Forbidden: bot was blocked by the user")
                if failure == "network":
                    raise TelegramNetworkError(method, "connection reset")
        if isinstance(method, SendMessage):
            assert len(method.text) <= 4096, "Telegram refuses messages over 4096 characters"
            return self._record(int(chat_id), method.text, method.reply_markup, "message")
        if isinstance(method, SendPhoto):
            assert method.caption is None or len(method.caption) <= 1024
            data = getattr(method.photo, "data", None)
            return self._record(
                int(chat_id), method.caption or "", method.reply_markup, "photo", data
            )
        if isinstance(method, SendDocument):
            data = getattr(method.document, "data", None)
            return self._record(int(chat_id), method.caption or "", None, "document", data)
        if isinstance(method, AnswerCallbackQuery):
            assert method.text is None or len(method.text) <= 200
            self.toasts.append(method.text)
            return True
        return True

    def _record(
        self, chat_id: int, text: str, markup: Any, kind: str, data: bytes | None = None
    ) -> Message:
        buttons: list[tuple[str, str | None]] = []
        if markup is not None:
            for row in markup.inline_keyboard:
                for button in row:
                    assert button.callback_data is None or len(button.callback_data.encode()) <= 64
                    buttons.append((button.text, button.callback_data))
        message_id = next(self.ids)
        self.sent.append(Sent(chat_id, text, buttons, message_id, kind, data))
        return Message(
            message_id=message_id,
            date=MESSAGE_DATE,
            chat=Chat(id=chat_id, type="private"),
            text=text,
        )

    def to(self, chat_id: int) -> list[Sent]:
        return [sent for sent in self.sent if sent.chat_id == chat_id]

    async def close(self) -> None:
        pass

    async def stream_content(self, *args: Any, **kwargs: Any) -> AsyncGenerator[bytes, None]:
        yield b""
