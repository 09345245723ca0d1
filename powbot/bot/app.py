"""Assembles the bot: content, database, Telegram client, dispatcher, sender."""

from __future__ import annotations

from dataclasses import dataclass

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Update

from powbot.bot.features import create_routers
from powbot.bot.middleware import UpdateMiddleware
from powbot.bot.runtime import FloodGuard, Runtime
from powbot.bot.sender import Sender
from powbot.config import ConfigError, Settings
from powbot.features.compose import compose
from powbot.knowledge.content import Content, load_content
from powbot.storage.db import Database

LOCAL_TOKEN = "1:LOCAL"  # aiogram checks the token's shape; the local chat never uses it


@dataclass
class App:
    runtime: Runtime
    bot: Bot
    dispatcher: Dispatcher

    async def feed(self, update: Update) -> None:
        await self.dispatcher.feed_update(self.bot, update)

    async def close(self) -> None:
        await self.bot.session.close()
        await self.runtime.db.dispose()


def create_bot(
    settings: Settings, session: BaseSession | None = None, *, offline: bool = False
) -> Bot:
    """offline: a client that is never used to send (for `powbot tick` without a token)."""
    if session is None:
        if not settings.telegram_bot_token and not offline:
            raise ConfigError("setting TELEGRAM_BOT_TOKEN: required for `powbot run`")
        if settings.telegram_api_base:
            session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_base))
        else:
            session = AiohttpSession()
    return Bot(settings.telegram_bot_token or LOCAL_TOKEN, session=session)


def build_dispatcher(runtime: Runtime) -> Dispatcher:
    # Conversation state lives in our own tables, so aiogram's FSM is switched off.
    dispatcher = Dispatcher(disable_fsm=True)
    dispatcher.update.outer_middleware(UpdateMiddleware(runtime))
    dispatcher.include_routers(*create_routers())
    return dispatcher


async def create_app(
    settings: Settings,
    session: BaseSession | None = None,
    *,
    offline: bool = False,
    content: Content | None = None,
) -> App:
    """Load and check the content (unless it is given, already loaded from
    `settings.knowledge_dir`), migrate the database, wire everything together."""
    compose()
    content = content or load_content(settings.knowledge_dir)
    if session is None and not offline and not settings.telegram_bot_token:
        create_bot(settings)  # fails early with the missing setting, before touching the db
    db = Database(settings.database_url)
    await db.migrate()
    bot = create_bot(settings, session, offline=offline)
    sender = Sender(bot, db, rate=settings.send_rate, rate_per_chat=settings.send_rate_per_chat)
    runtime = Runtime(
        settings=settings, db=db, content=content, sender=sender, flood=FloodGuard(settings)
    )
    return App(runtime=runtime, bot=bot, dispatcher=build_dispatcher(runtime))
