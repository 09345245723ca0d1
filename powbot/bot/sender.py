"""The one outbound path to Telegram: limits, retries, splitting, unreachable users.

Replies to the user we are answering are sent straight after the commit; messages for
other users are rows in the outbox table, claimed here and sent once.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import timedelta

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
from sqlalchemy import or_, update
from sqlmodel import col, select

from powbot.clock import utcnow
from powbot.conversation.registry import ON_UNREACHABLE
from powbot.domain.messages import Reply
from powbot.storage.db import Database
from powbot.storage.models import Outbox, User

log = logging.getLogger(__name__)

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
RETRY_AFTER_TRIES = 5
NETWORK_TRIES = 4
CLAIM_LEASE = timedelta(minutes=5)

# Called (in a transaction) when a user turns out to have blocked the bot.


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
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(text=b.label, url=b.url)
                if b.url
                else InlineKeyboardButton(text=b.label, callback_data=b.data)
                for b in row
            ]
            for row in reply.buttons
        ]
    )


class Unreachable(Exception):
    """The user blocked the bot or deleted their account."""


class Sender:
    def __init__(
        self, bot: Bot, db: Database, *, rate: float = 30.0, rate_per_chat: float = 1.0
    ) -> None:
        self.bot = bot
        self.db = db
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{id(self)}"
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
                    wait = 0.5 * 2 ** (network_failures - 1)
                except TelegramForbiddenError as exc:
                    raise Unreachable(str(exc)) from exc
            await asyncio.sleep(wait)

    async def send(self, chat_id: int, reply: Reply) -> None:
        markup = keyboard(reply)
        if reply.image is not None:
            caption = reply.text if len(reply.text) <= CAPTION_LIMIT else None
            photo = BufferedInputFile(reply.image, filename="chart.png")
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
                lambda part=part, last=last: self.bot.send_message(
                    chat_id, part, reply_markup=markup if last else None
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

    async def mark_unreachable(self, user_id: int) -> None:
        async with self.db.transaction() as session:
            user = await session.get(User, user_id)
            if user is None or user.unreachable_at is not None:
                return
            user.unreachable_at = utcnow()
            await session.exec(
                update(Outbox)
                .where(col(Outbox.user_id) == user_id, col(Outbox.status) == "pending")
                .values(status="dropped", error="unreachable")
            )
            for hook in ON_UNREACHABLE:
                await hook(session, user_id)
        log.info("user %s blocked the bot; marked unreachable", user_id)

    async def _claim(self, now: object, only_user: int | None, limit: int) -> list[Outbox]:
        async with self.db.transaction() as session:
            stale = utcnow() - CLAIM_LEASE
            query = (
                select(Outbox)
                .where(
                    col(Outbox.due_at) <= now,
                    or_(
                        col(Outbox.status) == "pending",
                        (col(Outbox.status) == "sending") & (col(Outbox.claimed_at) < stale),
                    ),
                )
                .order_by(col(Outbox.urgent).desc(), col(Outbox.due_at), col(Outbox.id))
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
            if only_user is not None:
                query = query.where(col(Outbox.user_id) == only_user)
            # Never knock again at a door that was closed on us.
            unreachable = select(User.id).where(col(User.unreachable_at).is_not(None))
            query = query.where(col(Outbox.user_id).not_in(unreachable))
            rows = list((await session.exec(query)).all())
            for row in rows:
                row.status = "sending"
                row.claimed_by = self.worker
                row.claimed_at = utcnow()
                row.attempts += 1
            return rows

    async def drain_outbox(
        self, *, now: object = None, only_user: int | None = None, limit: int = 200
    ) -> int:
        """Send every due outbox message once; returns how many were sent."""
        sent = 0
        moment = now or utcnow()
        while True:
            rows = await self._claim(moment, only_user, limit)
            if not rows:
                return sent
            blocked: set[int] = set()
            for row in rows:
                status, error = "sent", None
                try:
                    if row.user_id in blocked:
                        raise Unreachable("blocked earlier in this batch")
                    await self.send(row.user_id, Reply.from_payload(row.payload))
                    sent += 1
                except Unreachable:
                    status, error = "dropped", "unreachable"
                    if row.user_id not in blocked:
                        blocked.add(row.user_id)
                        await self.mark_unreachable(row.user_id)
                except TelegramBadRequest as exc:
                    status, error = "dropped", exc.message[:500]
                except (TelegramRetryAfter, TelegramNetworkError, TelegramServerError) as exc:
                    status, error = "pending", str(exc)[:500]
                async with self.db.transaction() as session:
                    await session.exec(
                        update(Outbox)
                        .where(col(Outbox.id) == row.id)
                        .values(
                            status=status,
                            error=error,
                            sent_at=utcnow() if status == "sent" else None,
                        )
                    )
                if status == "pending":
                    return sent  # Telegram or the network is struggling: try next tick

    async def run_forever(self, interval: float = 5.0) -> None:
        """Background task: drain on a wake-up from a handler, or every `interval` seconds."""
        while True:
            try:
                await asyncio.wait_for(self.wakeup.wait(), timeout=interval)
            except TimeoutError:
                pass
            self.wakeup.clear()
            try:
                await self.drain_outbox()
            except Exception:
                log.exception("outbox drain failed; retrying on the next round")
