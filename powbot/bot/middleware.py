"""Everything around a handler: who is this, is it new, lock, transaction, reply, errors."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Chat, TelegramObject, Update
from aiogram.types import User as TgUser
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import IntegrityError

from powbot.bot.commands import commands_for
from powbot.bot.features import PlainText
from powbot.bot.outbox_delivery import StagedReply
from powbot.bot.runtime import Runtime
from powbot.clock import utcnow
from powbot.conversation.context import Ctx
from powbot.conversation.registry import FLOWS, ON_RETURN
from powbot.domain.contacts import RELEASE_HELD, release_held
from powbot.domain.messages import Reply
from powbot.domain.text import clean_text
from powbot.storage.models import ProcessedUpdate, User
from powbot.storage.personal import ERASED_TABLES
from powbot.storage.update_unit import UpdateUnit

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


def _origin(update: Update) -> tuple[TgUser | None, Chat | None]:
    if update.message:
        return update.message.from_user, update.message.chat
    if update.edited_message:
        return update.edited_message.from_user, update.edited_message.chat
    if update.callback_query:
        message = update.callback_query.message
        return update.callback_query.from_user, message.chat if message else None
    if update.my_chat_member:
        return update.my_chat_member.from_user, update.my_chat_member.chat
    return None, None


def _cleaned(update: Update) -> Update:
    """The update with NUL characters and lone surrogates taken out of what users typed,
    so they reach neither the database nor a log line."""
    message = update.message
    if message is not None and message.text and clean_text(message.text) != message.text:
        message = message.model_copy(update={"text": clean_text(message.text)})
        return update.model_copy(update={"message": message})
    query = update.callback_query
    if query is not None and query.data and clean_text(query.data) != query.data:
        query = query.model_copy(update={"data": clean_text(query.data)})
        return update.model_copy(update={"callback_query": query})
    return update


def _is_plain(text: str | None) -> bool:
    return text is not None and text != "" and not text.startswith("/")


@dataclass
class _Outcome:
    ctx: Ctx
    result: Any
    language: str
    menu_before: tuple[str | None, str | None]
    menu_after: tuple[str | None, str | None]


def _follow_admin_setting(user: User, admin_ids: list[int]) -> None:
    """The admin role is the setting POWBOT_ADMIN_IDS, read at every update: named → admin
    (once they chose a language), removed → the role is gone and so is any admin screen."""
    if user.id in admin_ids:
        if user.role != "admin" and user.language is not None:
            user.role = "admin"
    elif user.role == "admin":
        user.role = None
        user.flow, user.step, user.flow_data = None, None, {}


async def _first_contact(unit: UpdateUnit, user: User) -> tuple[User, int]:
    """The new user's row and the release of what waited for them (how many): on SQLite
    as plain statements on the update's connection, elsewhere through the session."""
    inserted = unit.insert_user(user)
    if inserted is not None:
        return inserted, unit.run_now(RELEASE_HELD, {"user_key": user.id}) or 0
    session = unit.session()
    session.add(user)
    await session.flush()
    return user, await release_held(session, user.id)


class UpdateMiddleware(BaseMiddleware):
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        # Where aiogram's routing takes a message with plain text (features.py), when known.
        self.plain_text: PlainText | None = None

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        assert isinstance(event, Update)
        event = _cleaned(event)
        runtime = self.runtime
        tg_user, chat = _origin(event)
        if tg_user is None or tg_user.is_bot:
            return None
        if event.my_chat_member is not None:
            await self._membership(event)
            return None
        if chat is not None and chat.type != "private" and not runtime.settings.allow_groups:
            await self._refuse_group(event, chat)
            return None
        chat_id = chat.id if chat is not None else tg_user.id
        if not await runtime.flood.allow_message(tg_user.id):
            await self._slow_down(event, tg_user.id, chat_id)
            return None
        async with runtime.user_lock(tg_user.id):
            return await self._handle(handler, event, data, tg_user, chat_id)

    async def _handle(
        self,
        handler: Handler,
        event: Update,
        data: dict[str, Any],
        tg_user: TgUser,
        chat_id: int,
    ) -> Any:
        runtime = self.runtime
        language = runtime.settings.default_language

        async def work(unit: UpdateUnit) -> tuple[_Outcome | None, list[StagedReply]]:
            """The update in its unit; run a second time if another worker changed the
            user meanwhile (Database.run_update), so it holds nothing of a first run."""
            nonlocal language
            if not await unit.first_time(event.update_id, utcnow(), tg_user.id):
                # A redelivery: its state is committed; send what was not confirmed.
                return None, await runtime.sender.claim_replies(unit.session(), event.update_id)
            outcome = await self._run(handler, event, data, unit, tg_user, chat_id)
            language = outcome.language
            replies = outcome.ctx.replies
            return outcome, await runtime.sender.stage_replies(
                unit, chat_id, event.update_id, replies
            )

        try:
            outcome, staged = await runtime.db.run_update(work)
        except Exception as exc:
            if isinstance(exc, IntegrityError) and await self._handled_elsewhere(event.update_id):
                # Another worker stored this update id first: it is a redelivery.
                log.info("update %s handled concurrently elsewhere; ignored", event.update_id)
                return None
            code = secrets.token_hex(3).upper()
            # Never log the message text: it may hold health or money details.
            log.exception("update %s failed [ref %s]", event.update_id, code)
            text = runtime.content.catalog.t(language, "common.error", code=code)
            await self._answer_callback(event, None)
            await runtime.sender.deliver(chat_id, [Reply(text)])
            return None
        return await self._after_commit(event, chat_id, outcome, staged, language)

    async def _after_commit(
        self,
        event: Update,
        chat_id: int,
        outcome: _Outcome | None,
        staged: list[StagedReply],
        language: str,
    ) -> Any:
        """The replies sent, the menu and the outbox worker told; what the handler returned."""
        runtime = self.runtime
        if outcome is None:
            log.info(
                "update %s was already handled; %d replies resent", event.update_id, len(staged)
            )
            await self._answer_callback(event, None)
            if staged:
                await runtime.sender.deliver_staged(chat_id, staged)
            return None
        ctx = outcome.ctx
        await self._answer_callback(event, ctx.toast)
        if ctx.tidy_message_id is not None:
            await runtime.sender.clear_buttons(chat_id, ctx.tidy_message_id)
        await runtime.sender.deliver_staged(chat_id, staged)
        if outcome.menu_after != outcome.menu_before:
            # Telegram's command menu follows the role and language of this user.
            role, lang = outcome.menu_after
            commands = commands_for(runtime.content.catalog, role, lang or language)
            await runtime.sender.set_menu(chat_id, commands if role else None)
        if ctx.outbox_written:
            runtime.sender.wakeup.set()
        if ERASED_TABLES:
            await runtime.db.scrub_erased()  # erased rows out of the database files too
        return outcome.result

    async def _run(
        self,
        handler: Handler,
        event: Update,
        data: dict[str, Any],
        unit: UpdateUnit,
        tg_user: TgUser,
        chat_id: int,
    ) -> _Outcome:
        """The handler inside the update's transaction."""
        runtime = self.runtime
        user, returned, menu_before, last_active = await self._user(unit, tg_user, chat_id)
        language = user.language or runtime.settings.default_language
        ctx = Ctx(unit.session, runtime.settings, runtime.content, utcnow(), user)
        ctx.unit = unit
        ctx.last_active_at = last_active
        if returned:
            for hook in ON_RETURN:
                await hook(ctx, user)
        data["ctx"] = ctx
        data["runtime"] = runtime
        message, plain_text = event.message, self.plain_text
        if plain_text is not None and message is not None and _is_plain(message.text):
            result = await plain_text(message, ctx)  # where the routers would take it
        else:
            result = await handler(event, data)
        # Only a feature that opened the session can have deleted the user.
        erased = unit.session_opened and not (
            sa_inspect(user).persistent or sa_inspect(user).pending
        )
        if not erased:
            # A flow this update left saves its progress first, whatever made it leave.
            await ctx.settle(FLOWS)
        menu_after = (None, None) if erased else (user.role, user.language)
        return _Outcome(ctx, result, language, menu_before, menu_after)

    async def _handled_elsewhere(self, update_id: int) -> bool:
        async with self.runtime.db.transaction() as session:
            return await session.get(ProcessedUpdate, update_id) is not None

    async def _user(
        self, unit: UpdateUnit, tg_user: TgUser, chat_id: int
    ) -> tuple[User, bool, tuple[str | None, str | None], datetime | None]:
        """The locked user row (created on first contact), whether they came back after
        having blocked the bot, their (role, language) before this update and when they
        were last active before it."""
        user = await unit.locked_user(tg_user.id)
        now = utcnow()
        if user is None:
            user = User(
                id=tg_user.id,
                chat_id=chat_id,
                first_name=clean_text(tg_user.first_name or "")[:64] or None,
                created_at=now,
            )
            user, released = await _first_contact(unit, user)
            if released:
                self.runtime.sender.wakeup.set()  # e.g. call-back requests for a WSP contact
        before = (user.role, user.language)
        _follow_admin_setting(user, self.runtime.settings.admin_ids)
        last_active, user.last_active_at = user.last_active_at, now
        returned = user.unreachable_at is not None
        if returned:
            user.unreachable_at = None  # they wrote to us, so they can be reached again
        return user, returned, before, last_active

    async def _answer_callback(self, event: Update, toast: str | None) -> None:
        if event.callback_query is None:
            return
        try:
            await event.callback_query.answer(text=(toast or "")[:200] or None)
        except Exception:  # an expired query cannot be answered; nothing is lost
            log.debug("could not answer callback query %s", event.callback_query.id)

    async def _membership(self, event: Update) -> None:
        member = event.my_chat_member
        assert member is not None
        if member.chat.type != "private":
            return
        if member.new_chat_member.status == "kicked":
            await self.runtime.sender.mark_unreachable(member.from_user.id)

    async def _refuse_group(self, event: Update, chat: Chat) -> None:
        await self._answer_callback(event, None)  # a button in a group: stop its spinner
        message = event.message
        if message is None or not (message.text or "").startswith("/"):
            return  # ordinary group chatter: stay quiet
        text = self.runtime.content.catalog.t(
            self.runtime.settings.default_language, "common.no_groups"
        )
        await self.runtime.sender.deliver(chat.id, [Reply(text)])

    async def _slow_down(self, event: Update, user_id: int, chat_id: int) -> None:
        await self._answer_callback(event, None)
        async with self.runtime.db.transaction() as session:
            user = await session.get(User, user_id)
            language = (user.language if user else None) or self.runtime.settings.default_language
        # Tell them once per window, not once per extra message.
        if await self.runtime.flood.allow_warning(user_id):
            text = self.runtime.content.catalog.t(language, "common.slow_down")
            await self.runtime.sender.deliver(chat_id, [Reply(text)])
