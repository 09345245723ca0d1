"""`powbot run`: long polling by default, or a webhook server behind a load balancer."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web
from sqlalchemy import text

from powbot.bot.app import App, create_app
from powbot.bot.commands import set_commands
from powbot.bot.scheduler import start_scheduler
from powbot.config import ConfigError, Settings

log = logging.getLogger(__name__)
WEBHOOK_PATH = "/telegram"


async def _background(app: App) -> tuple[object, asyncio.Task[None]]:
    await set_commands(app.bot, app.runtime.content.catalog)
    scheduler = start_scheduler(app.runtime)
    sender = asyncio.create_task(app.runtime.sender.run_forever())
    return scheduler, sender


async def run_polling(settings: Settings) -> None:
    app = await create_app(settings)
    scheduler, sender = await _background(app)
    try:
        await app.bot.delete_webhook(drop_pending_updates=False)
        await app.dispatcher.start_polling(
            app.bot, allowed_updates=app.dispatcher.resolve_used_update_types()
        )
    finally:
        scheduler.shutdown(wait=False)  # type: ignore[attr-defined]
        sender.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sender
        await app.close()


def webhook_application(app: App) -> web.Application:
    """The aiohttp app: Telegram's updates (secret token required) and a health check."""
    settings = app.runtime.settings
    if not settings.webhook_secret:
        raise ConfigError("setting POWBOT_WEBHOOK_SECRET: required for webhook mode")
    web_app = web.Application()
    # Processed before answering, so a crash makes Telegram redeliver (we drop duplicates).
    SimpleRequestHandler(
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


async def run_webhook(settings: Settings) -> None:
    if not settings.webhook_url:
        raise ConfigError("setting POWBOT_WEBHOOK_URL: required for webhook mode")
    app = await create_app(settings)
    web_app = webhook_application(app)
    scheduler, sender = await _background(app)
    await app.bot.set_webhook(
        settings.webhook_url.rstrip("/") + WEBHOOK_PATH,
        secret_token=settings.webhook_secret,
        allowed_updates=app.dispatcher.resolve_used_update_types(),
    )
    runner = web.AppRunner(web_app)
    await runner.setup()
    site = web.TCPSite(runner, settings.webhook_host, settings.webhook_port)
    await site.start()
    log.info("webhook listening on %s:%s", settings.webhook_host, settings.webhook_port)
    try:
        await asyncio.Event().wait()
    finally:
        scheduler.shutdown(wait=False)  # type: ignore[attr-defined]
        sender.cancel()
        await runner.cleanup()
        await app.close()
