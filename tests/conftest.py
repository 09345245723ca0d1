"""Shared fixtures: a real app on a fresh database, and users who talk to it through the
real aiogram Dispatcher with a recording Bot API session (no network)."""

from __future__ import annotations

import asyncio
import itertools
import os
import shutil
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

# powbot.bot first: aiogram's ~450 Telegram types are then built on first use (see
# powbot/bot/telegram_types.py) instead of all at once by its import, which cost every test
# process (each xdist worker and the controller) about 2-4 s of CPU, as the bot's start did.
import powbot.bot  # noqa: F401

# isort: split
import pytest
from aiogram.types import CallbackQuery, Chat, Message, Update, User

from powbot.bot import sender as sender_module
from powbot.bot.app import App, create_app
from powbot.clock import install_clock
from powbot.config import PACKAGE_KNOWLEDGE_DIR, Settings, load_settings
from powbot.knowledge import classifier
from powbot.knowledge.content import Content, load_content
from powbot.knowledge.faq import FaqIndex
from powbot.storage.db import Database
from tests.clock_double import SteppingClock, start_moment
from tests.telegram_double import MESSAGE_DATE, RecordingSession, Sent

UPDATE_IDS = itertools.count(1)
PG_ADMIN_URL = os.environ.get("POWBOT_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(autouse=True)
def clock() -> Any:
    """Every test runs on the test clock (see tests/clock_double.py), never the wall clock."""
    test_clock = SteppingClock(start_moment())
    previous = install_clock(test_clock)
    yield test_clock
    install_clock(previous)


def postgres_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=0.5):
            return True
    except OSError:
        return False


def make_settings(database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "DATABASE_URL": database_url,
        "TELEGRAM_BOT_TOKEN": "42:TEST",
        "POWBOT_SEND_RATE": 10_000,
        "POWBOT_SEND_RATE_PER_CHAT": 10_000,
        "POWBOT_FLOOD_MESSAGES": 1000,
        "POWBOT_QUIET_START": "00:00",
        "POWBOT_QUIET_END": "00:00",
    }
    values.update(overrides)
    return load_settings(**values)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file per test process; each test gets a copy (a fresh migration
    costs about a second, a copy a millisecond). The harness fixtures hand the app the copy
    open, without running Alembic on it again (`make_harness(..., migrated=True)`)."""
    path = tmp_path_factory.mktemp("template") / "powbot.db"

    async def migrate() -> None:
        db = Database(f"sqlite+aiosqlite:///{path}")
        await db.migrate()
        await db.dispose()

    asyncio.run(migrate())
    return path


def fresh_sqlite_url(template: Path, folder: Path) -> str:
    target = folder / "powbot.db"
    shutil.copyfile(template, target)
    return f"sqlite+aiosqlite:///{target}"


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    return fresh_sqlite_url(sqlite_template, tmp_path)


@asynccontextmanager
async def fresh_postgres_database() -> AsyncIterator[str]:
    """A new, empty PostgreSQL database, dropped afterwards."""
    if not postgres_available():
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")
    import asyncpg

    name = f"powbot_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(PG_ADMIN_URL)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    try:
        yield f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        admin = await asyncpg.connect(PG_ADMIN_URL)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    async with fresh_postgres_database() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
async def database_url(
    request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path
) -> AsyncIterator[str]:
    """Runs a test on both databases."""
    if request.param == "sqlite":
        yield fresh_sqlite_url(sqlite_template, tmp_path)
    else:
        async with fresh_postgres_database() as url:
            yield url


class Harness:
    """An app plus the recording Telegram double, with helpers to play users."""

    def __init__(self, app: App, session: RecordingSession) -> None:
        self.app = app
        self.session = session

    @property
    def runtime(self) -> Any:
        return self.app.runtime

    def user(self, user_id: int, first_name: str = "Test", language_code: str = "nl") -> Player:
        return Player(self, user_id, first_name, language_code)

    async def restart(self) -> Harness:
        """A new application instance on the same database (as after a crash or deploy)."""
        settings = self.app.runtime.settings
        await self.app.close()
        session = RecordingSession()
        app = await create_app(settings, session=session, content=shipped_content(settings))
        return Harness(app, session)


class Player:
    """One Telegram user sending messages and pressing buttons."""

    def __init__(self, harness: Harness, user_id: int, first_name: str, language_code: str) -> None:
        self.harness = harness
        self.id = user_id
        self.tg = User(id=user_id, is_bot=False, first_name=first_name, language_code=language_code)
        self.chat = Chat(id=user_id, type="private")

    def inbox(self) -> list[Sent]:
        return self.harness.session.to(self.id)

    def last_keyboard(self) -> Sent:
        for sent in reversed(self.inbox()):
            if sent.buttons:
                return sent
        raise AssertionError("no message with buttons was sent to this user")

    async def feed(self, update: Update) -> list[Sent]:
        before = len(self.inbox())
        await self.harness.app.feed(update)
        return self.inbox()[before:]

    def message_update(self, text: str, update_id: int | None = None) -> Update:
        uid = update_id or next(UPDATE_IDS)
        return Update(
            update_id=uid,
            message=Message(
                message_id=uid, date=MESSAGE_DATE, chat=self.chat, from_user=self.tg, text=text
            ),
        )

    def callback_update(
        self, data: str, message_id: int = 1, update_id: int | None = None
    ) -> Update:
        uid = update_id or next(UPDATE_IDS)
        origin = Message(message_id=message_id, date=MESSAGE_DATE, chat=self.chat, text="")
        return Update(
            update_id=uid,
            callback_query=CallbackQuery(
                id=str(uid), from_user=self.tg, chat_instance="ci", message=origin, data=data
            ),
        )

    async def send(self, text: str) -> list[Sent]:
        return await self.feed(self.message_update(text))

    async def press(self, label: str, source: Sent | None = None) -> list[Sent]:
        """Press the button whose label contains `label` on the latest keyboard (or `source`)."""
        message = source or self.last_keyboard()
        matches = [b for b in message.buttons if label.casefold() in b[0].casefold()]
        assert matches, f"no button {label!r} in {[b[0] for b in message.buttons]}"
        return await self.feed(self.callback_update(matches[0][1] or "", message.message_id))

    async def press_data(self, data: str, message_id: int = 1) -> list[Sent]:
        return await self.feed(self.callback_update(data, message_id))

    def texts(self, sent: list[Sent]) -> str:
        return "\n".join(message.text for message in sent)


@pytest.fixture(scope="session", autouse=True)
def classifier_cache(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Any:
    """The classifiers train once per content, as the bot's processes share one cache folder:
    all xdist workers use one folder (files are written atomically, training is locked), kept
    in pytest's cache between runs, because training the crisis model and the FAQ took ~20 s
    of every run. Its files are keyed by a hash of the content and the training settings, so
    a changed content trains again. The cache tests use folders of their own."""
    cache = getattr(request.config, "cache", None)  # absent with -p no:cacheprovider
    if cache is not None:
        folder = Path(cache.mkdir("classifiers"))
    else:
        base = tmp_path_factory.getbasetemp()
        folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "classifiers"
        folder.mkdir(exist_ok=True)
    previous = classifier.use_cache_dir(folder)
    yield folder
    classifier.use_cache_dir(previous)


@pytest.fixture(autouse=True)
def classifier_cache_put_back(classifier_cache: Path) -> Iterator[None]:
    """After each test, the session's cache folder again. `powbot.cli.main`, which tests run
    in-process (tests/cli_support.py), sets the process's folder from its settings (next to
    the command's SQLite file), as the command must; left so, every later test in the worker
    that first needed a model trained it again in that test's folder (the crisis model
    ~15 s, the FAQ's ~5 s, in a child process each)."""
    yield
    classifier.use_cache_dir(classifier_cache)


@pytest.fixture(scope="session")
def faq_index(classifier_cache: Any) -> FaqIndex:
    """The shipped FAQ, indexed once per worker: the index every app on the shipped content
    uses (built on first use, then read-only; the product shares it between apps too). The
    FAQ tests search it, never change it; a test that needs another index builds its own."""
    return shipped().faq_index


@pytest.fixture(autouse=True)
def no_network_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Bot API double fails at once, so the retries need not wait 0.5 + 1 + 2 s each."""
    monkeypatch.setattr(sender_module, "NETWORK_BACKOFF", 0.0)


_CONTENT: dict[Path, Content] = {}


def shipped() -> Content:
    """The content is read-only, so tests on the shipped folder share one load per process
    (loading and training the FAQ classifier costs about a second)."""
    if PACKAGE_KNOWLEDGE_DIR not in _CONTENT:
        _CONTENT[PACKAGE_KNOWLEDGE_DIR] = load_content(PACKAGE_KNOWLEDGE_DIR)
    return _CONTENT[PACKAGE_KNOWLEDGE_DIR]


def shipped_content(settings: Settings) -> Content | None:
    """The shared shipped content when the settings point at it (None: load your own)."""
    if settings.knowledge_dir != PACKAGE_KNOWLEDGE_DIR:
        return None
    return shipped()


async def make_harness(settings: Settings, *, migrated: bool = False) -> Harness:
    """migrated: the database is a copy of the migrated template (`sqlite_url`), so the app
    is handed it open instead of running Alembic on it (~20 ms of CPU a test, for nothing);
    every other database is migrated at start-up, as the bot does."""
    session = RecordingSession()
    db = Database(settings.database_url) if migrated else None
    app = await create_app(settings, session=session, content=shipped_content(settings), db=db)
    return Harness(app, session)


@pytest.fixture
async def harness(sqlite_url: str) -> AsyncIterator[Harness]:
    h = await make_harness(make_settings(sqlite_url), migrated=True)
    yield h
    await h.app.close()


@pytest.fixture
async def any_harness(database_url: str) -> AsyncIterator[Harness]:
    """The same app on SQLite and on PostgreSQL."""
    is_template_copy = database_url.startswith("sqlite")
    h = await make_harness(make_settings(database_url), migrated=is_template_copy)
    yield h
    await h.app.close()


async def onboard(player: Player, role: str = "seeker", language: str = "nl") -> None:
    """Helper: /start, language, role, (consent)."""
    await player.send("/start")
    await player.press("Nederlands" if language == "nl" else "English")
    label = {"seeker": ("Ik zoek werk", "looking for work"), "employer": ("werkgever", "employer")}[
        role
    ]
    await player.press(label[0] if language == "nl" else label[1])
    if role == "seeker":
        await player.press("Ja" if language == "nl" else "Yes")
