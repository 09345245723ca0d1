"""SQLite on the event loop: another process holding the write lock makes an update wait
without freezing the bot for everyone else, and nothing written is lost."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from sqlmodel import select

from powbot.storage.db import Database
from powbot.storage.models import User


async def test_a_write_lock_held_elsewhere_delays_the_update_but_not_the_bot(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bot.db"
    db = Database(f"sqlite:///{path}")
    try:
        await db.migrate()
        other = sqlite3.connect(path, isolation_level=None)  # say `powbot tick` from cron
        other.execute("BEGIN IMMEDIATE")

        async def write() -> None:
            async with db.transaction() as session:
                session.add(User(id=7, chat_id=7))

        writing = asyncio.create_task(write())
        ticks = 0
        for _ in range(20):  # the loop keeps serving others while the write waits
            await asyncio.sleep(0.005)
            ticks += 1
        assert ticks == 20 and not writing.done()
        other.execute("COMMIT")
        other.close()
        await asyncio.wait_for(writing, 10)
        async with db.transaction() as session:
            assert (await session.exec(select(User).where(User.id == 7))).first() is not None
    finally:
        await db.dispose()


async def test_the_wal_file_does_not_grow_without_end(tmp_path: Path) -> None:
    """Checkpoints run in the background, so the WAL does not grow without end."""
    path = tmp_path / "bot.db"
    db = Database(f"sqlite:///{path}")
    try:
        await db.migrate()
        for n in range(1, 1200):
            async with db.transaction() as session:
                session.add(User(id=n, chat_id=n))
            if n % 100 == 0:
                await asyncio.sleep(0.05)  # let a background checkpoint run, as idle time would
        wal_pages = _wal_pages(path)
        # Never checkpointed, the WAL holds every commit's pages (about 5 each: 6,400);
        # checkpointed every 500 commits it is reused from the start (about 2,700).
        assert wal_pages < 3 * 1199
        with sqlite3.connect(path) as check:
            assert check.execute("SELECT count(*) FROM users").fetchone()[0] == 1199
    finally:
        await db.dispose()


def _wal_pages(database: Path) -> int:
    return Path(f"{database}-wal").stat().st_size // 4096


async def test_the_connection_goes_back_to_the_pool_after_each_update_whatever_happened(
    tmp_path: Path,
) -> None:
    """An update's connection is given back straight away (no greenlet: pooled.py); after
    a commit, a rollback and a broken connection (connected again) the next update and the
    ORM's transactions still get it, and each update's change is there or not, as it ended."""
    from powbot.storage.pooled import UpdateConnection

    db = Database(f"sqlite:///{tmp_path / 'bot.db'}")
    pool = db.engine.sync_engine.pool
    try:
        await db.migrate()
        async with db.transaction() as session:
            session.add(User(id=7, chat_id=7))

        async def step(to: str) -> None:
            async with db.update_unit() as unit:
                user = await unit.locked_user(7)
                assert user is not None
                user.step = to

        await step("committed")
        assert pool.checkedin() == 1  # type: ignore[attr-defined]
        try:
            async with db.update_unit() as unit:
                user = await unit.locked_user(7)
                assert user is not None
                user.step = "rolled back"
                raise RuntimeError("a handler failed")
        except RuntimeError:
            pass
        assert pool.checkedin() == 1  # type: ignore[attr-defined]
        broken = await UpdateConnection.check_out(db.engine)
        await broken.give_back(broken=True)  # invalidated: the next checkout connects again
        await step("after a new connection")
        async with db.transaction() as session:
            stored = await session.get(User, 7)
            assert stored is not None and stored.step == "after a new connection"
        assert pool.checkedin() == 1  # type: ignore[attr-defined]
    finally:
        await db.dispose()
