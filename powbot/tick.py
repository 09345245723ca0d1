"""`powbot tick`: one pass of all due work, for cron-style deployments and tests."""

from __future__ import annotations

from powbot.clock import parse_iso
from powbot.config import Settings


async def tick(settings: Settings, now_text: str | None) -> int:
    # No dispatcher, and aiogram only loads when a message is due and there is a token.
    from powbot.bot.app import close_runtime, create_runtime
    from powbot.bot.scheduler import run_due

    now = parse_iso(now_text, settings.tz) if now_text else None
    runtime = await create_runtime(settings)
    try:
        # Without a token there is no Telegram to send to: messages stay queued for
        # `powbot chat --user ID`, which shows them when that user opens it.
        counts = await run_due(runtime, now, send=bool(settings.telegram_bot_token))
    finally:
        await close_runtime(runtime)
    print(f"due items processed: {counts['items']}, messages sent: {counts['sent']}")
    return 0
