"""Open Hiring queue benchmark: 10,000 sign-ups on one vacancy, 1,000 offer expiries.

Run by hand:  /work/venv/bin/python bench/open_hiring_bench.py [--signups N] [--expiries N]
              [--concurrency N] [--only sqlite|postgres]

Each sign-up is its own transaction (as from the bot: lock the vacancy, insert, allocate),
`--concurrency` of them in flight at once. Expiries run through the real scheduler pass
(`run_due`) with every offer's deadline passed, so each one hands the place to the next
person in line. PostgreSQL uses a scratch database on 127.0.0.1:5432 (like the tests) and
is skipped with a message when it is not reachable.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import tempfile
import time
import uuid
from collections.abc import AsyncGenerator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from aiogram.client.session.base import BaseSession
from sqlalchemy import func
from sqlmodel import col, select

from powbot.bot.app import create_app
from powbot.bot.scheduler import run_due
from powbot.clock import utcnow
from powbot.config import load_settings
from powbot.domain.open_hiring_queue import sign_up
from powbot.domain.unit import Services
from powbot.storage.models import User
from powbot.storage.models_open_hiring import Offer, Signup, Vacancy

PG_ADMIN_URL = os.environ.get("POWBOT_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


class NullSession(BaseSession):
    """No Telegram: the bench measures the queue and the database, not the network."""

    async def make_request(self, bot: Any, method: Any, timeout: int | None = None) -> Any:
        return True

    async def close(self) -> None:
        pass

    async def stream_content(self, *args: Any, **kwargs: Any) -> AsyncGenerator[bytes, None]:
        yield b""


async def _users(app: Any, first: int, count: int) -> list[int]:
    ids = list(range(first, first + count))
    async with app.runtime.db.transaction() as session:
        session.add_all(
            [User(id=i, chat_id=i, first_name="B", language="nl", role="seeker") for i in ids]
        )
    return ids


async def _vacancy(app: Any, places: int) -> int:
    async with app.runtime.db.transaction() as session:
        vacancy = Vacancy(
            title="Bench",
            organisation="Bench BV",
            city="Utrecht",
            city_key="utrecht",
            places=places,
            start_date=date.today() + timedelta(days=30),
            status="open",
        )
        session.add(vacancy)
        await session.flush()
        assert vacancy.id is not None
        return vacancy.id


async def _sign_ups(app: Any, vacancy_id: int, users: list[int], concurrency: int) -> list[float]:
    runtime = app.runtime
    queue: asyncio.Queue[int] = asyncio.Queue()
    for user in users:
        queue.put_nowait(user)
    latencies: list[float] = []

    async def worker() -> None:
        while not queue.empty():
            user = queue.get_nowait()
            started = time.perf_counter()
            async with runtime.db.transaction() as session:
                services = Services(session, runtime.settings, runtime.content, utcnow())
                await sign_up(services, vacancy_id, user)
            latencies.append(time.perf_counter() - started)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies


async def _check(app: Any, vacancy_id: int, places: int, total: int) -> str:
    async with app.runtime.db.transaction() as session:
        live = (
            await session.exec(
                select(func.count()).where(
                    col(Offer.vacancy_id) == vacancy_id, col(Offer.status) == "open"
                )
            )
        ).one()
        rows = (
            await session.exec(select(func.count()).where(col(Signup.vacancy_id) == vacancy_id))
        ).one()
    ok = live == places and rows == total
    return "ok" if ok else f"WRONG: {live} open offers, {rows} sign-ups"


async def bench(label: str, url: str, signups: int, expiries: int, concurrency: int) -> None:
    settings = load_settings(
        DATABASE_URL=url,
        TELEGRAM_BOT_TOKEN="42:BENCH",
        POWBOT_QUIET_START="00:00",
        POWBOT_QUIET_END="00:00",
    )
    app = await create_app(settings, session=NullSession())
    try:
        # 1. Sign-ups on one vacancy with 10 places.
        users = await _users(app, 1_000_000, signups)
        vacancy_id = await _vacancy(app, places=10)
        started = time.perf_counter()
        latencies = await _sign_ups(app, vacancy_id, users, concurrency)
        took = time.perf_counter() - started
        check = await _check(app, vacancy_id, 10, signups)
        latencies.sort()
        print(
            f"{label:9} {signups:>6} sign-ups   {took:7.2f} s  "
            f"{signups / took:7.0f}/s  median {statistics.median(latencies) * 1000:6.1f} ms  "
            f"p99 {latencies[int(len(latencies) * 0.99) - 1] * 1000:6.1f} ms  "
            f"(concurrency {concurrency}; {check})"
        )

        # 2. Offer expiries: `expiries` open offers, each passing its place on.
        second = await _users(app, 2_000_000, expiries * 2)
        vacancy_id = await _vacancy(app, places=expiries)
        await _sign_ups(app, vacancy_id, second, concurrency)
        later = utcnow() + timedelta(hours=settings.offer_hours + 1)
        started = time.perf_counter()
        counts = await run_due(app.runtime, later, send=False)
        took = time.perf_counter() - started
        async with app.runtime.db.transaction() as session:
            expired = (
                await session.exec(
                    select(func.count()).where(
                        col(Offer.vacancy_id) == vacancy_id, col(Offer.status) == "expired"
                    )
                )
            ).one()
        # Each offer has a reminder and an expiry row; the late reminders are skipped cheaply.
        print(
            f"{label:9} {expired:>6} expiries   {took:7.2f} s  {expired / took:7.0f}/s  "
            f"({counts['items']} scheduled items in one run_due pass; each expiry offers "
            f"the place to the next of {expiries} waiting)"
        )
    finally:
        await app.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--signups", type=int, default=10_000)
    parser.add_argument("--expiries", type=int, default=1_000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    args = parser.parse_args()
    if args.only != "postgres":
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
            await bench("sqlite", url, args.signups, args.expiries, args.concurrency)
    if args.only == "sqlite":
        return
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=0.5).close()
    except OSError:
        print("postgres  skipped: PostgreSQL is not reachable on 127.0.0.1:5432")
        return
    import asyncpg

    name = f"powbot_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(PG_ADMIN_URL)
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    try:
        url = f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
        await bench("postgres", url, args.signups, args.expiries, args.concurrency)
    finally:
        admin = await asyncpg.connect(PG_ADMIN_URL)
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


if __name__ == "__main__":
    asyncio.run(main())
