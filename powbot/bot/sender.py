"""The one outbound path to Telegram: limits, retries, splitting, unreachable users.

Every message is an outbox row first. The replies of an update are written in that update's
transaction (claimed by this worker) and sent straight after its commit; messages for other
users are claimed here in small batches and sent once. Claims of a dead process are
released at start-up, and a worker releases its own on shutdown.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import secrets
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import (
    BotCommand,
    BotCommandScopeChat,
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
)
from aiolimiter import AsyncLimiter

from powbot.bot.chart import draw_chart
from powbot.bot.outbox_delivery import (
    _LIVE,
    HOST,
    OutboxDelivery,
    Unreachable,
)
from powbot.domain.messages import Button, Reply
from powbot.storage.db import Database

log = logging.getLogger(__name__)

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
RETRY_AFTER_TRIES = 5
NETWORK_TRIES = 4
NETWORK_BACKOFF = 0.5  # seconds before the first retry after a network error; then doubled


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Split at paragraph, line or word boundaries so each part fits Telegram's limit."""
    parts: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = max(
            rest.rfind("\n\n", 0, limit), rest.rfind("\n", 0, limit), rest.rfind(" ", 0, limit)
        )
        if cut <= 0:
            cut = limit
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    parts.append(rest)
    return [part for part in parts if part] or [""]


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return _markup(tuple(tuple(row) for row in reply.buttons))


@functools.lru_cache(maxsize=1024)
def _markup(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup:
    """Built once per distinct keyboard: most are the same few questions' answer buttons,
    and building aiogram's models cost more per reply than sending it. Never mutated."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(text=b.label, url=b.url)
                if b.url
                else InlineKeyboardButton(text=b.label, callback_data=b.data)
                for b in row
            ]
            for row in rows
        ]
    )


class Sender(OutboxDelivery):
    """Bot API calls within Telegram's limits; the outbox side is `OutboxDelivery`."""

    def __init__(
        self, bot: Bot, db: Database, *, rate: float = 30.0, rate_per_chat: float = 1.0
    ) -> None:
        self.bot = bot
        self.db = db
        self.worker = f"{HOST}:{os.getpid()}:{secrets.token_hex(4)}"
        self._released = False
        self.stopping = False
        _LIVE[self.worker] = self
        self._global = AsyncLimiter(rate, 1.0)
        self._rate_per_chat = rate_per_chat
        # Short bursts are fine for Telegram; the average stays at the per-chat rate.
        self._chats: OrderedDict[int, AsyncLimiter] = OrderedDict()
        self.wakeup = asyncio.Event()

    def _chat_limiter(self, chat_id: int) -> AsyncLimiter:
        limiter = self._chats.get(chat_id)
        if limiter is None:
            limiter = AsyncLimiter(3 * self._rate_per_chat, 3.0)
            self._chats[chat_id] = limiter
            if len(self._chats) > 10_000:
                self._chats.popitem(last=False)
        else:
            self._chats.move_to_end(chat_id)
        return limiter

    async def _call(self, chat_id: int, method: Callable[[], Awaitable[object]]) -> object:
        """One Bot API call within the limits, waiting on RetryAfter, retrying the network."""
        network_failures = 0
        retry_after_waits = 0
        while True:
            async with self._chat_limiter(chat_id), self._global:
                try:
                    return await method()
                except TelegramRetryAfter as exc:
                    retry_after_waits += 1
                    if retry_after_waits > RETRY_AFTER_TRIES:
                        raise
                    log.warning("Telegram asked to wait %ss", exc.retry_after)
                    wait = exc.retry_after
                except (TelegramNetworkError, TelegramServerError):
                    network_failures += 1
                    if network_failures >= NETWORK_TRIES:
                        raise
                    wait = NETWORK_BACKOFF * 2 ** (network_failures - 1)
                except TelegramForbiddenError as exc:
                    raise Unreachable(str(exc)) from exc
            await asyncio.sleep(wait)

    async def send(self, chat_id: int, reply: Reply) -> None:
        markup = keyboard(reply)
        image = reply.image
        if reply.chart is not None:  # ~10 ms of Pillow, which lets go of the GIL to encode
            image = await asyncio.to_thread(draw_chart, reply.chart)
        if image is not None:
            caption = reply.text if len(reply.text) <= CAPTION_LIMIT else None
            photo = BufferedInputFile(image, filename="chart.png")
            await self._call(
                chat_id,
                lambda: self.bot.send_photo(
                    chat_id, photo, caption=caption, reply_markup=markup if caption else None
                ),
            )
            if caption is not None:
                return
        if reply.document is not None:
            name, content = reply.document
            caption = reply.text if len(reply.text) <= CAPTION_LIMIT else None
            document = BufferedInputFile(content, filename=name)
            await self._call(
                chat_id,
                lambda: self.bot.send_document(
                    chat_id, document, caption=caption, reply_markup=markup if caption else None
                ),
            )
            if caption is not None:
                return
        parts = split_text(reply.text)
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            await self._call(
                chat_id,
                functools.partial(
                    self.bot.send_message, chat_id, part, reply_markup=markup if last else None
                ),
            )

    async def deliver(self, chat_id: int, replies: list[Reply]) -> bool:
        """Send replies to the user we are answering; False when they are unreachable."""
        try:
            for reply in replies:
                await self.send(chat_id, reply)
        except Unreachable:
            await self.mark_unreachable(chat_id)
            return False
        except TelegramBadRequest as exc:
            log.error("Telegram refused a reply: %s", exc.message)
        return True

    async def clear_buttons(self, chat_id: int, message_id: int) -> None:
        """Take the buttons off a message whose question is answered, so it cannot be reused."""
        try:
            await self._call(
                chat_id,
                lambda: self.bot.edit_message_reply_markup(
                    chat_id=chat_id, message_id=message_id, reply_markup=None
                ),
            )
        except (TelegramBadRequest, Unreachable):
            pass  # too old to edit, or already without buttons: nothing to do

    async def set_menu(self, chat_id: int, commands: list[BotCommand] | None) -> None:
        """This chat's own command menu; None goes back to the general one."""
        scope = BotCommandScopeChat(chat_id=chat_id)
        try:
            if commands is None:
                await self._call(chat_id, lambda: self.bot.delete_my_commands(scope=scope))
            else:
                await self._call(chat_id, lambda: self.bot.set_my_commands(commands, scope=scope))
        except (TelegramBadRequest, Unreachable, TelegramNetworkError) as exc:
            log.info("command menu not updated: %s", type(exc).__name__)
