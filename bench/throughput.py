"""Updates per second through the whole stack vs. a bare aiogram echo bot (run by hand).

    python bench/throughput.py [--users 40] [--postgres postgresql://postgres@127.0.0.1:5432/test]

Each simulated job seeker goes through onboarding and the whole werkfit questionnaire with
typed answers (about 30 updates each), round-robin with the other users, so every update
goes through the dispatcher, middleware (dedupe, lock, transaction), flow and database.
The echo bot answers every text with the same text through the same Bot API double.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncGenerator
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.base import BaseSession
from aiogram.methods import SendMessage, SendPhoto, TelegramMethod
from aiogram.types import Chat, Message, Update, User

from powbot.bot.app import create_app
from powbot.config import load_settings

ANSWERS = [
    "5",
    "32",
    "4",
    "1, 2",
    "4",
    "3",
    "ja",
    "4",
    "1",
    "4",
    "1",
    "1",
    "nee",
    "nee",
    "nee",
    "2",
    "30",
    "5",
    "4",
    "1",
    "ja",
    "1",
    "4",
    "Ik kan beginnen",
]
ONBOARDING = ["/start", "Nederlands", "Ik zoek werk", "ja", "/vragenlijst"]


class NullSession(BaseSession):
    """Answers every Bot API call at once, like a very fast Telegram."""

    def __init__(self) -> None:
        super().__init__()
        self.ids = itertools.count(1)
        self.calls = 0

    async def make_request(
        self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None
    ) -> Any:
        self.calls += 1
        if isinstance(method, SendMessage | SendPhoto):
            return Message(
                message_id=next(self.ids),
                date=datetime.now(),
                chat=Chat(id=int(method.chat_id), type="private"),
                text="",
            )
        return True

    async def close(self) -> None:
        pass

    async def stream_content(self, *a: Any, **k: Any) -> AsyncGenerator[bytes, None]:
        yield b""


def text_update(update_id: int, user_id: int, text: str) -> Update:
    chat = Chat(id=user_id, type="private")
    user = User(id=user_id, is_bot=False, first_name="B")
    return Update(
        update_id=update_id,
        message=Message(
            message_id=update_id, date=datetime.now(), chat=chat, from_user=user, text=text
        ),
    )


def script(users: int) -> list[tuple[int, str]]:
    per_user = ONBOARDING + ANSWERS
    return [(1000 + u, per_user[step]) for step in range(len(per_user)) for u in range(users)]


async def measure(feed: Any, steps: list[tuple[int, str]]) -> tuple[float, list[float]]:
    ids = itertools.count(int(time.time() * 1000))
    durations: list[float] = []
    start = time.perf_counter()
    for user_id, text in steps:
        t0 = time.perf_counter()
        await feed(text_update(next(ids), user_id, text))
        durations.append(time.perf_counter() - t0)
    return len(steps) / (time.perf_counter() - start), durations


async def powbot_run(database_url: str, users: int) -> tuple[float, list[float]]:
    settings = load_settings(
        DATABASE_URL=database_url,
        TELEGRAM_BOT_TOKEN="42:BENCH",
        POWBOT_SEND_RATE=1_000_000,
        POWBOT_SEND_RATE_PER_CHAT=1_000_000,
        POWBOT_FLOOD_MESSAGES=1_000_000,
    )
    app = await create_app(settings, session=NullSession())
    try:
        await app.feed(text_update(1, 999, "/start"))  # warm up imports and caches
        return await measure(app.feed, script(users))
    finally:
        await app.close()


async def echo_run(users: int) -> tuple[float, list[float]]:
    router = Router()

    @router.message()
    async def echo(message: Message) -> None:
        await message.answer(message.text or "")

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    bot = Bot("42:ECHO", session=NullSession())
    await dispatcher.feed_update(bot, text_update(1, 999, "warm"))
    return await measure(lambda u: dispatcher.feed_update(bot, u), script(users))


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[94] * 1000


async def scratch_postgres(admin_url: str) -> str:
    import asyncpg

    name = f"powbot_bench_{uuid.uuid4().hex[:8]}"
    connection = await asyncpg.connect(admin_url)
    await connection.execute(f'CREATE DATABASE "{name}"')
    await connection.close()
    return name


async def drop_postgres(admin_url: str, name: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(admin_url)
    await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await connection.close()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    steps = len(script(args.users))
    print(f"{args.users} users, {steps} updates per run")
    echo_rate, echo_d = await echo_run(args.users)
    print(f"echo bot (aiogram, no database)  {echo_rate:8.0f} updates/s  p95 {p95(echo_d):6.2f} ms")
    with tempfile.TemporaryDirectory() as folder:
        rate, durations = await powbot_run(f"sqlite+aiosqlite:///{folder}/bench.db", args.users)
    print(
        f"powbot on SQLite                 {rate:8.0f} updates/s  p95 {p95(durations):6.2f} ms"
        f"  = {100 * rate / echo_rate:.0f}% of echo"
    )
    try:
        name = await scratch_postgres(args.postgres)
    except OSError as exc:
        print(f"PostgreSQL skipped: {exc}")
        return
    try:
        url = args.postgres.rsplit("/", 1)[0] + "/" + name
        rate, durations = await powbot_run(url, args.users)
        print(
            f"powbot on PostgreSQL             {rate:8.0f} updates/s  p95 {p95(durations):6.2f} ms"
            f"  = {100 * rate / echo_rate:.0f}% of echo"
        )
    finally:
        await drop_postgres(args.postgres, name)


if __name__ == "__main__":
    asyncio.run(main())
