"""Crash attack: kill -9 the webhook server at random points under a stream of updates and
redeliveries, on SQLite and PostgreSQL, and count what went wrong. Run by hand:

    .venv/bin/python bench/crash.py [--users 8] [--pg postgresql://postgres@127.0.0.1:5432/test]

A fake Bot API (in this process) records every message; `powbot run --webhook` runs as a
child process and is killed with SIGKILL every 0.3-2.5 s while job seekers go through
onboarding and the whole questionnaire. Like Telegram, an update is posted again until it
is answered with 200, and now and then once more after that. At the end the server runs
once more, is stopped with SIGTERM, and the database is read. Reported (all should be 0):
lost answers (acknowledged answers missing from the database), lost replies (an
acknowledged update whose reply never arrived), duplicates (a message that reached a chat
twice) and stranded rows (outbox rows or scheduled items still pending or claimed).

Every Bot API send of the server is traced (the child runs through `--child`, which wraps
the three send paths: an update's replies after its commit, a redelivered update's replies,
the outbox worker); a duplicate is reported with the paths that sent it and the kills
around it, so a figure that is not 0 says where it came from.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import signal
import socket
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

SELF = Path(__file__).resolve()
ROOT = SELF.parent.parent
sys.path.insert(0, str(ROOT))

from bench.crash_trace import child, explain  # noqa: E402
from tests.features.questionnaire.test_questionnaire_flow import READY, answer_for  # noqa: E402

SECRET = "crash-bench-secret"
TOKEN = "42:CRASH"
REPLY_WAIT = 90.0  # seconds an acknowledged update may take to show its reply


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class FakeTelegram:
    """The Bot API as far as the bot uses it: messages are recorded per chat."""

    chats: defaultdict[int, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"].lower()
        form = dict(await request.post()) if request.can_read_body else {}
        if method in ("sendmessage", "sendphoto", "senddocument"):
            chat_id = int(str(form["chat_id"]))
            markup = json.loads(str(form.get("reply_markup") or "null")) or {}
            buttons = [
                (button["text"], button.get("callback_data"))
                for row in markup.get("inline_keyboard", [])
                for button in row
            ]
            text = str(form.get("text") or form.get("caption") or "")
            message_id = next(self.ids)
            self.chats[chat_id].append(
                {"text": text, "buttons": buttons, "id": message_id, "at": time.monotonic()}
            )
            result: Any = {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"},
                "text": text,
            }
        else:
            result = True
        return web.json_response({"ok": True, "result": result})


@dataclass
class Figures:
    updates: int = 0
    deliveries: int = 0
    acknowledged: int = 0
    answers_acknowledged: Counter[int] = field(default_factory=Counter)
    lost_replies: int = 0
    kills: int = 0
    stuck: int = 0  # conversations that could not go on (a reply missing or unexpected)


class Server:
    """`powbot run --webhook` as a child process, restarted after every kill."""

    def __init__(self, env: dict[str, str], port: int, log: Path) -> None:
        self.env = env
        self.port = port
        self.log = log.open("ab")  # the servers' logs, for a look when a figure is not 0
        self.process: asyncio.subprocess.Process | None = None
        self.kills: list[tuple[float, int]] = []  # (monotonic time, pid)

    async def start(self) -> None:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            str(SELF),
            "--child",
            cwd=str(ROOT),
            env=self.env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=self.log,
        )
        async with aiohttp.ClientSession() as http:
            while True:
                if self.process.returncode is not None:
                    raise RuntimeError(f"server exited with {self.process.returncode}")
                try:
                    async with http.get(f"http://127.0.0.1:{self.port}/health") as response:
                        if response.status == 200:
                            return
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.1)

    async def kill(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.kills.append((time.monotonic(), self.process.pid))
            self.process.send_signal(signal.SIGKILL)
            await self.process.wait()

    async def stop(self) -> int:
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.process.wait(), 60)


class Player:
    def __init__(self, user_id: int, bench: Bench) -> None:
        self.id = user_id
        self.bench = bench

    @property
    def inbox(self) -> list[dict[str, Any]]:
        return self.bench.telegram.chats[self.id]

    def _update(self, update_id: int, text: str | None, data: str | None) -> dict[str, Any]:
        user = {"id": self.id, "is_bot": False, "first_name": "Crash"}
        chat = {"id": self.id, "type": "private"}
        if data is not None:
            message = {"message_id": 1, "date": 0, "chat": chat, "text": ""}
            query = {"id": str(update_id), "from": user, "chat_instance": "c", "data": data}
            return {"update_id": update_id, "callback_query": {**query, "message": message}}
        message = {"message_id": update_id, "date": 0, "chat": chat, "from": user, "text": text}
        return {"update_id": update_id, "message": message}

    async def step(self, text: str | None = None, data: str | None = None) -> bool:
        """One update, posted until acknowledged; True when its reply arrived."""
        bench = self.bench
        update = self._update(next(bench.update_ids), text, data)
        before = len(self.inbox)
        bench.figures.updates += 1
        await bench.post(update)
        if random.random() < 0.15:
            await bench.post(update)  # Telegram delivers an update twice now and then
        deadline = time.monotonic() + REPLY_WAIT
        while len(self.inbox) == before:
            if time.monotonic() > deadline:
                bench.figures.lost_replies += 1
                return False
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)  # the rest of a multi-message reply
        return True

    async def press(self, label: str) -> bool:
        for message in reversed(self.inbox):
            for text, data in message["buttons"]:
                if label.casefold() in text.casefold() and data:
                    return await self.step(data=data)
        raise RuntimeError(f"no button {label!r} for user {self.id}")

    async def converse(self) -> None:
        try:
            await self._converse()
        except (AssertionError, RuntimeError, IndexError):
            self.bench.figures.stuck += 1

    async def _converse(self) -> None:
        await self.step("/start")
        await self.press("Nederlands")
        await self.press("Ik zoek werk")
        await self.press("Ja")
        await self.step("/vragenlijst")
        for _ in range(40):
            current = self.inbox[-1]["text"]
            if any("werkfit-profiel (" in message["text"] for message in self.inbox[-4:]):
                return
            if await self.step(answer_for(current, READY)):
                self.bench.figures.answers_acknowledged[self.id] += 1


class Bench:
    def __init__(self, database_url: str, folder: Path) -> None:
        self.telegram = FakeTelegram()
        self.figures = Figures()
        self.update_ids = itertools.count(1)
        self.port = free_port()
        self.api_port = free_port()
        env = dict(os.environ)
        env.update(
            DATABASE_URL=database_url,
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE=f"http://127.0.0.1:{self.api_port}",
            POWBOT_WEBHOOK_URL="https://crash.example",
            POWBOT_WEBHOOK_SECRET=SECRET,
            POWBOT_WEBHOOK_HOST="127.0.0.1",
            POWBOT_WEBHOOK_PORT=str(self.port),
            POWBOT_TICK_SECONDS="1",
            POWBOT_FLOOD_MESSAGES="1000",
            POWBOT_SEND_RATE="10000",
            POWBOT_SEND_RATE_PER_CHAT="10000",
            POWBOT_QUIET_START="00:00",
            POWBOT_QUIET_END="00:00",
            POWBOT_CACHE_DIR=str(folder / "cache"),
            CRASH_TRACE=os.environ.get("CRASH_TRACE", str(folder / "trace.jsonl")),
        )
        self.server = Server(
            env, self.port, Path(os.environ.get("CRASH_LOG", folder / "server.log"))
        )
        self.up = asyncio.Event()
        self.http: aiohttp.ClientSession | None = None

    async def post(self, update: dict[str, Any]) -> None:
        """Like Telegram: again and again until the bot answers 200."""
        assert self.http is not None
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        url = f"http://127.0.0.1:{self.port}/telegram"
        while True:
            await self.up.wait()
            self.figures.deliveries += 1
            try:
                async with self.http.post(url, json=update, headers=headers) as response:
                    if response.status == 200:
                        self.figures.acknowledged += 1
                        return
            except (TimeoutError, aiohttp.ClientError):
                pass
            await asyncio.sleep(0.2)

    async def killer(self, stop: asyncio.Event) -> None:
        """Kill -9 at a random moment: a random 0-400 ms after a random number (1-6) of
        updates were answered since the last start (so every start makes progress), while
        other updates are in hand: before, during or after their commit, or between a
        commit and its replies."""
        while not stop.is_set():
            target = self.figures.acknowledged + random.randint(1, 6)
            while self.figures.acknowledged < target and not stop.is_set():  # noqa: ASYNC110
                await asyncio.sleep(0.01)
            if stop.is_set():
                break
            await asyncio.sleep(random.uniform(0.0, 0.4))
            self.up.clear()
            await self.server.kill()
            self.figures.kills += 1
            print(
                f"  kill {self.figures.kills}: {self.figures.updates} updates, "
                f"{self.figures.deliveries} deliveries",
                file=sys.stderr,
                flush=True,
            )
            await self.server.start()
            self.up.set()

    async def run(self, users: int) -> dict[str, Any]:
        api = web.Application()
        api.router.add_post("/bot{token}/{method}", self.telegram.handle)
        runner = web.AppRunner(api)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", self.api_port).start()
        self.http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        try:
            await self.server.start()
            self.up.set()
            stop = asyncio.Event()
            killing = asyncio.create_task(self.killer(stop))
            players = [Player(700_000 + n, self) for n in range(users)]
            await asyncio.gather(*(player.converse() for player in players))
            stop.set()
            await killing
            await asyncio.sleep(3)  # a scheduler pass or two: the outbox drains
            exit_code = await self.server.stop()
            return await self._report(players, exit_code)
        finally:
            await self.http.close()
            await runner.cleanup()

    async def _report(self, players: list[Player], exit_code: int) -> dict[str, Any]:
        from sqlalchemy import func
        from sqlmodel import col, select

        from powbot.storage.db import Database
        from powbot.storage.models import Outbox, QuestionnaireRun, ScheduledItem, User

        db = Database(self.server.env["DATABASE_URL"])
        lost_answers = 0
        try:
            async with db.transaction() as session:
                for player in players:
                    user = await session.get(User, player.id)
                    runs = (
                        await session.exec(
                            select(QuestionnaireRun).where(QuestionnaireRun.user_id == player.id)
                        )
                    ).all()
                    stored = max((len(run.answers) for run in runs), default=0)
                    if user is not None and user.flow == "questionnaire":
                        stored = max(stored, len(user.flow_data.get("answers", {})))
                    acknowledged = self.figures.answers_acknowledged[player.id]
                    lost_answers += max(0, acknowledged - stored)
                outbox = (
                    await session.exec(
                        select(func.count())
                        .select_from(Outbox)
                        .where(col(Outbox.status).in_(("pending", "sending")))
                    )
                ).one()
                items = (
                    await session.exec(
                        select(func.count())
                        .select_from(ScheduledItem)
                        .where(col(ScheduledItem.status) == "claimed")
                    )
                ).one()
        finally:
            await db.dispose()
        duplicates = 0
        for player in players:
            texts = Counter(message["text"] for message in player.inbox)
            duplicates += sum(count - 1 for count in texts.values())
            for text, count in texts.items():
                if count > 1:
                    explain(
                        Path(self.server.env["CRASH_TRACE"]),
                        self.server.kills,
                        player.id,
                        player.inbox,
                        text,
                    )
        return {
            "kills": self.figures.kills,
            "updates": self.figures.updates,
            "deliveries": self.figures.deliveries,
            "answers": sum(self.figures.answers_acknowledged.values()),
            "lost_answers": lost_answers,
            "lost_replies": self.figures.lost_replies,
            "duplicates": duplicates,
            "stranded_rows": int(outbox) + int(items),
            "stuck_conversations": self.figures.stuck,
            "sigterm_exit": exit_code,
        }


async def one(database_url: str, label: str, users: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        figures = await Bench(database_url, Path(folder)).run(users)
        figures["seconds"] = round(time.perf_counter() - started)
        print(f"{label:10s} " + json.dumps(figures), flush=True)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--only", choices=("sqlite", "postgres"), default=None)
    args = parser.parse_args()
    if args.seed is not None:
        random.seed(args.seed)
    if args.only != "postgres":
        with tempfile.TemporaryDirectory() as folder:
            await one(f"sqlite+aiosqlite:///{folder}/crash.db", "SQLite", args.users)
    if args.only == "sqlite":
        return
    import asyncpg

    try:
        admin = await asyncpg.connect(args.pg)
    except (OSError, asyncpg.PostgresError) as exc:
        print(f"PostgreSQL skipped: {exc}")
        return
    name = f"powbot_crash_{uuid.uuid4().hex[:8]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        await one(f"{args.pg.rsplit('/', 1)[0]}/{name}", "PostgreSQL", args.users)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


if __name__ == "__main__":
    if sys.argv[1:] == ["--child"]:
        sys.exit(child())
    asyncio.run(main())
