"""`powbot run`: long polling by default, or a webhook server behind a load balancer.

Both stop gracefully on SIGTERM or SIGINT: no new updates are taken, the updates in hand
finish (their replies are outbox rows, sent or left for the next start), the scheduler
finishes its pass, and whatever this process claimed and did not send is handed back, so
the next process picks it up at once instead of after a lease.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import signal
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.types import Update
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web
from pydantic import ValidationError
from sqlalchemy import text

from powbot.bot.app import App, create_app
from powbot.bot.commands import set_commands
from powbot.bot.heap import freeze_after_warm_up, freeze_startup_heap
from powbot.bot.scheduler import start_scheduler, stop_scheduler
from powbot.config import ConfigError, Settings

log = logging.getLogger(__name__)
WEBHOOK_PATH = "/telegram"
# Telegram accepts only these in a secret token (setWebhook, secret_token).
SECRET_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,256}")
GRACE_SECONDS = 8.0  # within Docker's default 10 s between SIGTERM and SIGKILL
# Everything the bot handles, including my_chat_member ("the user blocked the bot").
ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]


def check_webhook_settings(settings: Settings) -> None:
    """One clear line naming the setting, instead of a traceback from Telegram or aiohttp."""
    secret = settings.webhook_secret
    if not secret:
        raise ConfigError("setting POWBOT_WEBHOOK_SECRET: required for webhook mode")
    if not SECRET_PATTERN.fullmatch(secret):
        raise ConfigError(
            "setting POWBOT_WEBHOOK_SECRET: 1 to 256 characters, only A-Z, a-z, 0-9, _ and -"
        )
    url = settings.webhook_url or ""
    if not url:
        raise ConfigError("setting POWBOT_WEBHOOK_URL: required for webhook mode")
    if not re.fullmatch(r"https://[^\s/?#]+(/[^\s?#]*)?", url):
        raise ConfigError("setting POWBOT_WEBHOOK_URL: must be an https:// address")


def allowed_updates(app: App) -> list[str]:
    used = set(app.dispatcher.resolve_used_update_types())
    return sorted(used | set(ALLOWED_UPDATES))


async def _background(app: App) -> tuple[object, asyncio.Task[None]]:
    from powbot.health import contact_warnings
    from powbot.knowledge.check import region_warnings

    warnings = region_warnings(app.runtime.content)
    for line in warnings + await contact_warnings(app.runtime.db, app.runtime.settings):
        log.warning(line)
    await set_commands(app.bot, app.runtime.content.catalog)
    scheduler = start_scheduler(app.runtime)
    sender = asyncio.create_task(app.runtime.sender.run_forever())
    return scheduler, sender


def _freeze_heap(app: App) -> asyncio.Task[None]:
    """The start-up's long-lived objects out of the collector's full passes (heap.py)."""
    freeze_startup_heap()
    return asyncio.create_task(freeze_after_warm_up(app.warming))


def _stop_taking_work(app: App) -> None:
    """From the stop signal on, the outbox sends the message in hand and takes no other."""
    app.runtime.sender.stopping = True
    app.runtime.sender.wakeup.set()


async def _shutdown(
    app: App, scheduler: object, sender: asyncio.Task[None], grace: float = GRACE_SECONDS
) -> None:
    """Finish the scheduler pass and the message the sender has in hand (within `grace`),
    then hand back what we claimed and did not send, and close."""
    outbox = app.runtime.sender
    _stop_taking_work(app)
    grace = max(grace, 0.5)
    await asyncio.gather(
        stop_scheduler(scheduler, app.runtime, timeout=grace),
        asyncio.wait({sender}, timeout=grace),
    )
    sender.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await sender
    with contextlib.suppress(Exception):
        await outbox.release_mine()
    await app.close()
    log.info("stopped; claimed work handed back")


async def _finish_in_hand(app: App, grace: float = GRACE_SECONDS) -> None:
    tasks = set(getattr(app.dispatcher, "_handle_update_tasks", ()))
    if tasks:
        log.info("finishing %d updates in hand", len(tasks))
        await asyncio.wait(tasks, timeout=grace)


async def run_polling(settings: Settings) -> None:
    app = await create_app(settings)
    frozen = _freeze_heap(app)
    scheduler, sender = await _background(app)
    loop = asyncio.get_running_loop()
    stopped_at = None
    try:
        await app.bot.delete_webhook(drop_pending_updates=False)
        # aiogram stops taking updates on SIGTERM/SIGINT (handle_signals) and returns. The
        # bot's session stays open (close_bot_session=False): the updates in hand are still
        # sending their replies, and closing it under them would cut those sends off
        # half-way (a duplicate when Telegram had taken the message, else a reply that
        # waits for the next start).
        await app.dispatcher.start_polling(
            app.bot,
            allowed_updates=allowed_updates(app),
            handle_signals=True,
            close_bot_session=False,
        )
        stopped_at = loop.time()
        _stop_taking_work(app)
        await _finish_in_hand(app)
    finally:
        frozen.cancel()  # a start stopped before its warm-up ended
        spent = loop.time() - stopped_at if stopped_at is not None else 0.0
        try:
            await _shutdown(app, scheduler, sender, GRACE_SECONDS - spent)
        finally:
            for sig in (signal.SIGTERM, signal.SIGINT):  # aiogram's handlers
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.remove_signal_handler(sig)


def _read_update(raw: bytes, app_bot: object) -> Update | None:
    """The update in a webhook body, or None when it is not one (never logged: user text)."""
    try:
        body = json.loads(raw)
        if not isinstance(body, dict) or not isinstance(body.get("update_id"), int):
            return None
        return Update.model_validate(body, context={"bot": app_bot})
    except (ValueError, UnicodeDecodeError, ValidationError):
        return None


class _Updates(SimpleRequestHandler):
    """aiogram's handler, but a malformed body is a plain 400 that logs no user text."""

    async def handle(self, request: web.Request) -> web.Response:
        token = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if not self.verify_secret(token, self.bot):
            return web.Response(body="Unauthorized", status=401)
        update = _read_update(await request.read(), self.bot)
        if update is None:
            log.warning("webhook: malformed update body refused (400)")
            return web.Response(status=400, text="bad update")
        try:
            await self.dispatcher.feed_webhook_update(self.bot, update, **self.data)
        except Exception as exc:
            # Only the type: the details may hold a user's words.
            log.error("webhook: update %s failed: %s", update.update_id, type(exc).__name__)
            return web.Response(status=500, text="error")
        return web.json_response({}, status=200)

    __call__ = handle


def webhook_application(app: App) -> web.Application:
    """The aiohttp app: Telegram's updates (secret token required) and a health check."""
    settings = app.runtime.settings
    if not settings.webhook_secret:
        raise ConfigError("setting POWBOT_WEBHOOK_SECRET: required for webhook mode")
    web_app = web.Application()
    # Processed before answering, so a crash makes Telegram redeliver (we drop duplicates).
    _Updates(
        dispatcher=app.dispatcher,
        bot=app.bot,
        secret_token=settings.webhook_secret,
        handle_in_background=False,
    ).register(web_app, path=WEBHOOK_PATH)

    async def health(_: web.Request) -> web.Response:
        try:
            async with app.runtime.db.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception:
            return web.json_response({"status": "database unavailable"}, status=503)
        return web.json_response({"status": "ok"})

    web_app.router.add_get("/health", health)
    return web_app


def on_stop_signals(stop: Callable[[], object]) -> Callable[[], None]:
    """Call `stop` on SIGTERM or SIGINT; returns the undo."""
    loop = asyncio.get_running_loop()
    installed = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop)
            installed.append(sig)

    def undo() -> None:
        for sig in installed:
            loop.remove_signal_handler(sig)

    return undo


async def serve_webhook(
    app: App, host: str, port: int, stopped: Awaitable[object] | None = None
) -> None:
    """Serve until SIGTERM/SIGINT (or `stopped`), then shut down gracefully."""
    web_app = webhook_application(app)
    scheduler, sender = await _background(app)
    stop = asyncio.Event()
    undo = on_stop_signals(stop.set)
    runner = web.AppRunner(web_app, shutdown_timeout=GRACE_SECONDS)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    log.info("webhook listening on %s:%s", host, port)
    try:
        waiters: list[asyncio.Future[Any]] = [asyncio.ensure_future(stop.wait())]
        if stopped is not None:
            waiters.append(asyncio.ensure_future(stopped))
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        for waiter in waiters:
            waiter.cancel()
        log.info("stopping: no new updates; finishing the ones in hand")
    finally:
        undo()
        _stop_taking_work(app)
        stopping_at = asyncio.get_running_loop().time()
        # Stops listening, then waits for the requests in hand (up to the grace period).
        await runner.cleanup()
        spent = asyncio.get_running_loop().time() - stopping_at
        await _shutdown(app, scheduler, sender, GRACE_SECONDS - spent)


async def run_webhook(settings: Settings) -> None:
    check_webhook_settings(settings)
    app = await create_app(settings)
    frozen = _freeze_heap(app)
    assert settings.webhook_url is not None
    await app.bot.set_webhook(
        settings.webhook_url.rstrip("/") + WEBHOOK_PATH,
        secret_token=settings.webhook_secret,
        allowed_updates=allowed_updates(app),
    )
    try:
        await serve_webhook(app, settings.webhook_host, settings.webhook_port)
    finally:
        frozen.cancel()
