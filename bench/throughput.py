"""Updates per second through the whole stack vs. a bare aiogram echo bot (run by hand).

    .venv/bin/python bench/throughput.py [--users 40] [--runs 3] [--json]
        [--postgres postgresql://postgres@127.0.0.1:5432/test | --no-postgres]

Each simulated job seeker goes through onboarding and the whole werkfit questionnaire with
typed answers (37 updates each, every one an answer the step understands), so every update
goes through the dispatcher, middleware (dedupe, lock, transaction), flow and database. The echo bot answers every text
with the same text through the same Bot API double.

Two feeds, each measured for the echo bot, powbot on SQLite and powbot on PostgreSQL:
- sequential: one update at a time, round-robin over the users (latency without queueing);
- concurrent: every user is a task sending its next message as soon as the last one is
  handled (like polling with handle_as_tasks), so updates of different users overlap.

The machine is shared and noisy: within one run every system is measured back to back and
each ratio is taken against the echo bot of the same round; with --runs N the figures are
the medians over N rounds. --json prints one JSON object; its keys echo_ups, sqlite_ups,
sqlite_ratio, sqlite_p95_ms, pg_ups, pg_ratio are the sequential feed, the same names with
the suffix _concurrent are the concurrent feed. "cpu ms" (keys *_cpu_ms) is the process's
CPU time per update, all threads included: on a loaded machine it swings far less than
wall-clock rates, so compare it too (a thread hand-off costs CPU as well as waiting);
"hops" (keys *_hops) counts thread round trips per update, which load does not change.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncGenerator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.base import BaseSession
from aiogram.methods import SendMessage, SendPhoto, TelegramMethod
from aiogram.types import Chat, Message, Update, User

from powbot.bot.app import create_app
from powbot.bot.heap import freeze_startup_heap
from powbot.config import load_settings
from powbot.knowledge.classifier import use_cache_dir

CACHE = Path(tempfile.gettempdir()) / "powbot-bench-cache"
WARM_IDS = itertools.count(1)

# One typed answer per question of the werkfit questionnaire, in its order (36 questions; the
# ones shown only after another answer stay hidden), so every update is an answer the step
# understands, up to the result.
ANSWERS = [
    "5",  # motivation_want
    "32",  # motivation_hours
    "4",  # experience_years
    "1, 2",  # experience_fields
    "4",  # experience_learning
    "3",  # education_level
    "ja",  # education_certificates
    "4",  # physical_health
    "1",  # physical_limits
    "4",  # mental_wellbeing
    "1",  # housing_situation
    "1",  # money_enough
    "nee",  # money_debts
    "1",  # money_benefit
    "1",  # paperwork_post
    "1",  # safety_home
    "nee",  # care_children
    "nee",  # care_other
    "2",  # transport_how
    "30",  # transport_minutes
    "5",  # language_speaking
    "4",  # language_reading
    "1",  # activity_now
    "1",  # rhythm_wakeup
    "1",  # rhythm_on_time
    "ja",  # rhythm_activities
    "1",  # digital_skills
    "1",  # digital_digid
    "4",  # network_support
    "1",  # substances_use
    "1",  # justice_vog
    "Ik kan beginnen",  # closing_note
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


Feed = Callable[[Update], Awaitable[Any]]
FEEDS = ("sequential", "concurrent")


@dataclass
class Result:
    ups: float
    durations: list[float]
    cpu_ms: float = 0.0  # CPU time of the whole process (all threads) per update
    hops: float = 0.0  # thread round trips per update (results handed back to the loop)

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.durations) * 1000

    @property
    def p95_ms(self) -> float:
        return statistics.quantiles(self.durations, n=100)[94] * 1000


def _ids() -> Iterator[int]:
    return itertools.count(int(time.time() * 1000))


async def sequential(feed: Feed, users: int) -> Result:
    ids = _ids()
    durations: list[float] = []
    steps = script(users)
    start, cpu = time.perf_counter(), time.process_time()
    for user_id, text in steps:
        t0 = time.perf_counter()
        await feed(text_update(next(ids), user_id, text))
        durations.append(time.perf_counter() - t0)
    cpu_ms = (time.process_time() - cpu) * 1000 / len(steps)
    return Result(len(steps) / (time.perf_counter() - start), durations, cpu_ms)


async def concurrent(feed: Feed, users: int) -> Result:
    ids = _ids()
    durations: list[float] = []
    per_user = ONBOARDING + ANSWERS

    async def one_user(user_id: int) -> None:
        for text in per_user:
            t0 = time.perf_counter()
            await feed(text_update(next(ids), user_id, text))
            durations.append(time.perf_counter() - t0)

    start, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(one_user(2000 + u) for u in range(users)))
    cpu_ms = (time.process_time() - cpu) * 1000 / len(durations)
    return Result(len(durations) / (time.perf_counter() - start), durations, cpu_ms)


async def run_feed(feed: Feed, kind: str, users: int) -> Result:
    """Also counts thread round trips: every result a worker thread (asyncio.to_thread,
    aiosqlite's connection thread) hands back to the loop goes through call_soon_threadsafe.
    Unlike rates, this count does not depend on the machine's load."""
    loop = asyncio.get_running_loop()
    original = loop.call_soon_threadsafe
    calls = 0

    def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return original(*args, **kwargs)

    loop.call_soon_threadsafe = counting  # type: ignore[method-assign]
    try:
        result = await (sequential if kind == "sequential" else concurrent)(feed, users)
    finally:
        loop.call_soon_threadsafe = original  # type: ignore[method-assign]
    result.hops = calls / len(result.durations)
    return result


async def powbot_run(database_url: str, users: int, kind: str) -> Result:
    settings = load_settings(
        DATABASE_URL=database_url,
        TELEGRAM_BOT_TOKEN="42:BENCH",
        POWBOT_SEND_RATE=1_000_000,
        POWBOT_SEND_RATE_PER_CHAT=1_000_000,
        POWBOT_FLOOD_MESSAGES=1_000_000,
    )
    use_cache_dir(CACHE)  # as the CLI does: classifiers train once, not at every start
    app = await create_app(settings, session=NullSession())
    try:
        # Warm up imports and caches, free text included (the safety and FAQ models).
        for text in ("/start", "1", "hallo, hoe werkt dit?"):
            await app.feed(text_update(next(WARM_IDS), 999, text))
        # The start-up's warm-up thread (crisis, language and FAQ models: ~1 s of CPU) ran
        # on during the feed, its CPU counted per update: measure the bot once it is warm.
        if app.warming is not None:
            await asyncio.to_thread(app.warming.join)
        # As `powbot run` does once the app is built (bot/heap.py): the start-up's objects
        # out of the collector's full passes.
        freeze_startup_heap()
        return await run_feed(app.feed, kind, users)
    finally:
        await app.close()


async def echo_run(users: int, kind: str) -> Result:
    router = Router()

    @router.message()
    async def echo(message: Message) -> None:
        await message.answer(message.text or "")

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    bot = Bot("42:ECHO", session=NullSession())
    await dispatcher.feed_update(bot, text_update(1, 999, "warm"))
    return await run_feed(lambda u: dispatcher.feed_update(bot, u), kind, users)


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


async def one_round(users: int, postgres: str | None) -> dict[tuple[str, str], Result]:
    """Every system and feed once, back to back, so their ratios share the machine's load."""
    results: dict[tuple[str, str], Result] = {}
    for kind in FEEDS:
        results["echo", kind] = await echo_run(users, kind)
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite+aiosqlite:///{folder}/bench.db"
            results["sqlite", kind] = await powbot_run(url, users, kind)
        if postgres is None:
            continue
        name = await scratch_postgres(postgres)
        try:
            url = postgres.rsplit("/", 1)[0] + "/" + name
            results["pg", kind] = await powbot_run(url, users, kind)
        finally:
            await drop_postgres(postgres, name)
    return results


def summarise(rounds: list[dict[tuple[str, str], Result]]) -> dict[str, float]:
    """Medians over the rounds; each ratio is taken inside its round, then the median."""
    out: dict[str, float] = {}
    for kind in FEEDS:
        suffix = "" if kind == "sequential" else "_concurrent"
        for system in ("echo", "sqlite", "pg"):
            runs = [r[system, kind] for r in rounds if (system, kind) in r]
            if not runs:
                continue
            out[f"{system}_ups{suffix}"] = statistics.median(r.ups for r in runs)
            out[f"{system}_p50_ms{suffix}"] = statistics.median(r.p50_ms for r in runs)
            out[f"{system}_p95_ms{suffix}"] = statistics.median(r.p95_ms for r in runs)
            out[f"{system}_cpu_ms{suffix}"] = statistics.median(r.cpu_ms for r in runs)
            out[f"{system}_hops{suffix}"] = statistics.median(r.hops for r in runs)
            if system != "echo":
                ratios = [r[system, kind].ups / r["echo", kind].ups for r in rounds]
                out[f"{system}_ratio{suffix}"] = statistics.median(ratios)
    return out


LABELS = {
    "echo": "echo bot (aiogram, no db)",
    "sqlite": "powbot on SQLite",
    "pg": "powbot on PostgreSQL",
}


def table(summary: dict[str, float]) -> str:
    lines = [
        f"{'':28}{'feed':>12}{'upd/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'of echo':>9}{'cpu ms':>9}{'hops':>7}"
    ]
    for kind in FEEDS:
        suffix = "" if kind == "sequential" else "_concurrent"
        for system, label in LABELS.items():
            if f"{system}_ups{suffix}" not in summary:
                continue
            ratio = summary.get(f"{system}_ratio{suffix}", 1.0)
            lines.append(
                f"{label:28}{kind:>12}{summary[f'{system}_ups{suffix}']:9.0f}"
                f"{summary[f'{system}_p50_ms{suffix}']:9.2f}"
                f"{summary[f'{system}_p95_ms{suffix}']:9.2f}{100 * ratio:8.1f}%"
                f"{summary[f'{system}_cpu_ms{suffix}']:9.2f}"
                f"{summary[f'{system}_hops{suffix}']:7.1f}"
            )
    return "\n".join(lines)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--runs", type=int, default=1, help="rounds; figures are medians")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    postgres: str | None = None if args.no_postgres else args.postgres
    if postgres is not None:
        try:
            await drop_postgres(postgres, "powbot_bench_probe")
        except OSError as exc:
            print(f"PostgreSQL skipped: {exc}", file=sys.stderr)
            postgres = None
    rounds = []
    for number in range(args.runs):
        rounds.append(await one_round(args.users, postgres))
        print(f"round {number + 1}/{args.runs} done", file=sys.stderr)
    summary = summarise(rounds)
    steps = len(script(args.users))
    heading = f"{args.users} users, {steps} updates per feed, median of {args.runs} round(s)"
    # With --json the table still goes to stderr, so one run gives both.
    out = sys.stderr if args.json else sys.stdout
    print(heading, table(summary), sep="\n", file=out)
    if args.json:
        print(json.dumps({key: round(value, 4) for key, value in summary.items()}))


if __name__ == "__main__":
    asyncio.run(main())
