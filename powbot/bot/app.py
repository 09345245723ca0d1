"""Assembles the bot: content, database, Telegram client, dispatcher, sender.

aiogram is imported by the functions that need it, so `create_runtime` (what `powbot tick`
uses: no dispatcher, and a sender that loads aiogram only when there is something to send)
stays free of it.
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from powbot.bot.runtime import FloodGuard, Runtime
from powbot.config import ConfigError, Settings
from powbot.features.compose import compose
from powbot.features.understanding import intents, language
from powbot.knowledge.content import Content, load_content
from powbot.storage.db import Database

if TYPE_CHECKING:
    from aiogram import Bot, Dispatcher
    from aiogram.client.session.base import BaseSession
    from aiogram.types import Update

    from powbot.bot.sender import Sender

LOCAL_TOKEN = "1:LOCAL"  # aiogram checks the token's shape; the local chat never uses it


@dataclass
class App:
    runtime: Runtime
    bot: Bot
    dispatcher: Dispatcher
    warming: threading.Thread | None = field(default=None, repr=False)  # see create_app

    async def feed(self, update: Update) -> None:
        await self.dispatcher.feed_update(self.bot, update)

    async def close(self) -> None:
        await self.bot.session.close()
        await self.runtime.db.dispose()


def create_bot(
    settings: Settings, session: BaseSession | None = None, *, offline: bool = False
) -> Bot:
    """offline: a client that is never used to send (for `powbot tick` without a token)."""
    from aiogram import Bot
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer

    if session is None:
        if not settings.telegram_bot_token and not offline:
            raise ConfigError("setting TELEGRAM_BOT_TOKEN: required for `powbot run`")
        if settings.telegram_api_base:
            session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_base))
        else:
            session = AiohttpSession()
    return Bot(settings.telegram_bot_token or LOCAL_TOKEN, session=session)


def create_sender(settings: Settings, db: Database, bot: Bot) -> Sender:
    from powbot.bot.sender import Sender

    return Sender(bot, db, rate=settings.send_rate, rate_per_chat=settings.send_rate_per_chat)


def build_dispatcher(runtime: Runtime) -> Dispatcher:
    from aiogram import Dispatcher

    from powbot.bot.features import create_routers, plain_text_route
    from powbot.bot.middleware import UpdateMiddleware

    # Conversation state lives in our own tables, so aiogram's FSM is switched off.
    dispatcher = Dispatcher(disable_fsm=True)
    middleware = UpdateMiddleware(runtime)
    dispatcher.update.outer_middleware(middleware)
    dispatcher.include_routers(*create_routers())
    middleware.plain_text = plain_text_route(dispatcher)
    return dispatcher


async def _prepare(
    settings: Settings, content: Content | None, db: Database | None = None
) -> tuple[Content, Database]:
    compose()
    content = content or load_content(settings.knowledge_dir)
    if db is None:
        db = Database(settings.database_url)
        await db.migrate()
    return content, db


async def create_app(
    settings: Settings,
    session: BaseSession | None = None,
    *,
    offline: bool = False,
    content: Content | None = None,
    db: Database | None = None,
    warm_faq: bool = True,
) -> App:
    """Load and check the content (unless it is given, already loaded from
    `settings.knowledge_dir`), open and migrate the database (unless it is given, open on
    `settings.database_url` and at the newest migration; the app closes it), wire everything
    together.

    warm_faq: load the crisis model, the language models and the FAQ index (all built on
    first use) on a background thread now, so the first messages after a start do not wait
    for them on the event loop; the local chat leaves them to its first free text."""
    if session is None and not offline and not settings.telegram_bot_token:
        create_bot(settings)  # fails early with the missing setting, before touching the db
    content, db = await _prepare(settings, content, db)
    bot = create_bot(settings, session, offline=offline)
    runtime = Runtime(
        settings=settings,
        db=db,
        content=content,
        sender=create_sender(settings, db, bot),
        flood=FloodGuard(settings),
    )
    warming = None
    if warm_faq:
        warming = threading.Thread(target=_warm_up, args=(content,), name="warm-up", daemon=True)
        warming.start()
    return App(runtime=runtime, bot=bot, dispatcher=build_dispatcher(runtime), warming=warming)


def _warm_up(content: Content) -> None:
    """What the first free-text messages after a start would otherwise wait for on the event
    loop: the crisis model (loaded from its cache, or trained after a content change: 1-2 s),
    the language models for a Polish or Turkish message (~0.2-1.5 s, ~30 MB) and the FAQ
    index, and the intent model (its cache, or ~30 s of training after a content change).
    The crisis model comes first: the first person in crisis must not wait."""
    if content.safety.model is not None:
        content.safety.model.svm  # noqa: B018 (loads or trains it)
    language.warm_up()
    content.faq_index.build()
    intents.detect_text(content.catalog, "warm up", None, (), content.directory)


class LazySender:
    """Stands in for the `Sender` where sending is rare (`powbot tick`): it has the worker
    name that claims are made under, and builds the real sender (and imports aiogram, ~1 s
    of CPU) only when something is to be sent. Without a token it never sends."""

    loaded = False

    def __init__(self, settings: Settings, db: Database) -> None:
        self.settings = settings
        self.db = db
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        self._real: Sender | None = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if self._real is None:
            if not self.settings.telegram_bot_token:
                raise RuntimeError(f"no TELEGRAM_BOT_TOKEN: nothing can be sent ({name})")
            self._real = create_sender(self.settings, self.db, create_bot(self.settings))
            self.loaded = True
        return getattr(self._real, name)

    async def close(self) -> None:
        if self._real is not None:
            await self._real.bot.session.close()


async def create_runtime(settings: Settings, *, content: Content | None = None) -> Runtime:
    """Content, database and a lazy sender, without Telegram's dispatcher: for `powbot
    tick`, which runs due work and sends what is due (when there is a token)."""
    content, db = await _prepare(settings, content)
    sender = cast("Sender", LazySender(settings, db))
    return Runtime(
        settings=settings, db=db, content=content, sender=sender, flood=FloodGuard(settings)
    )


async def close_runtime(runtime: Runtime) -> None:
    sender: object = runtime.sender
    if isinstance(sender, LazySender):
        await sender.close()
    await runtime.db.dispose()
