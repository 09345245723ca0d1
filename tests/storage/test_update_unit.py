"""Issue 19: an update's user row is read and written with plain statements, and the ORM
session is opened only when a feature asks for it. Whichever way an update goes, what it
changed is saved exactly once, one object stands for the user, and an error saves nothing."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import AsyncIterator

import pytest
from sqlalchemy.engine import make_url
from sqlmodel import select

from powbot.storage.db import Database
from powbot.storage.models import Outbox, User
from powbot.storage.update_unit import UpdateUnit
from tests.clock_double import clock_now

USER = 4242


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    await database.migrate()
    async with database.transaction() as session:
        session.add(User(id=USER, chat_id=USER, created_at=clock_now(), flow="form", step="q1"))
    yield database
    await database.dispose()


async def _stored(db: Database) -> User:
    async with db.transaction() as session:
        user = await session.get(User, USER)
        assert user is not None
        return user


async def test_a_step_moved_without_a_session_is_saved(db: Database) -> None:
    async with db.update_unit() as unit:
        user = await unit.locked_user(USER)
        assert user is not None and user.step == "q1"
        user.step, user.screen = "q2", user.screen + 1
        user.flow_data = {"answers": {"q1": "32"}}
    assert not unit.session_opened
    stored = await _stored(db)
    assert (stored.step, stored.screen, stored.flow_data) == ("q2", 1, {"answers": {"q1": "32"}})


async def test_an_answer_added_in_place_is_saved_too(db: Database) -> None:
    """Features may add to flow_data without assigning a new dict; that answer must stay."""
    async with db.update_unit() as unit:
        user = await unit.locked_user(USER)
        assert user is not None
        user.flow_data.setdefault("answers", {})["q1"] = "veertig"
    assert (await _stored(db)).flow_data == {"answers": {"q1": "veertig"}}


async def test_changes_before_and_after_the_session_opened_are_both_saved(db: Database) -> None:
    async with db.update_unit() as unit:
        user = await unit.locked_user(USER)
        assert user is not None
        user.step = "q2"  # before any feature used the session
        session = unit.session()
        # The session knows the same object: a lookup does not make a second copy.
        assert await session.get(User, USER) is user
        user.language = "en"
        session.add(Outbox(user_id=USER, payload={"text": "hi"}))
    stored = await _stored(db)
    assert (stored.step, stored.language) == ("q2", "en")
    async with db.transaction() as session:
        assert len((await session.exec(select(Outbox))).all()) == 1


async def test_an_error_saves_nothing_of_the_update(db: Database) -> None:
    with pytest.raises(RuntimeError):
        async with db.update_unit() as unit:
            user = await unit.locked_user(USER)
            assert user is not None
            user.step = "q2"
            unit.session().add(Outbox(user_id=USER, payload={"text": "hi"}))
            raise RuntimeError("a crash in a handler")
    assert (await _stored(db)).step == "q1"
    async with db.transaction() as session:
        assert (await session.exec(select(Outbox))).all() == []


async def test_an_unknown_user_is_none(db: Database) -> None:
    async with db.update_unit() as unit:
        assert await unit.locked_user(USER + 1) is None


async def test_replies_and_the_users_step_are_saved_together_and_once(db: Database) -> None:
    """The update id, the user's change and the replies' outbox rows (on PostgreSQL joined
    into fewer statements) are saved together; the ids come back in the replies' order; the
    same update again is known as a redelivery and still finds the user."""
    texts = ["eerste", "tweede", "derde"]
    async with db.update_unit() as unit:
        assert await unit.first_time(77, clock_now(), USER)
        user = await unit.locked_user(USER)
        assert user is not None and user.step == "q1"
        user.step = "q2"
        now = clock_now()
        rows = [  # as stage_replies writes them: every column with a default given
            {"user_id": USER, "payload": {"text": text}, "urgent": True, "created_at": now}
            | {"due_at": now, "status": "sending", "attempts": 1}
            for text in texts
        ]
        ids = await unit.insert_outbox(rows)
    assert (await _stored(db)).step == "q2"
    async with db.transaction() as session:
        stored = {row.id: row.payload["text"] for row in (await session.exec(select(Outbox)))}
    assert [stored[row_id] for row_id in ids] == texts
    async with db.update_unit() as unit:
        assert not await unit.first_time(77, clock_now(), USER)
        again = await unit.locked_user(USER)
        assert again is not None and again.step == "q2"


async def test_an_unknown_user_after_recording_the_update_is_none(db: Database) -> None:
    async with db.update_unit() as unit:
        assert await unit.first_time(78, clock_now(), USER + 1)
        assert await unit.locked_user(USER + 1) is None


async def test_two_updates_of_the_same_user_at_once_both_count(db: Database) -> None:
    """Several workers (PostgreSQL) may handle two updates of one user at the same time. The
    one that writes last read the row before the other's change: it writes nothing and runs
    again on the new row (on SQLite the second waits for the first). Neither change is lost,
    and each update id is recorded once."""
    inside, release = asyncio.Event(), asyncio.Event()

    async def first(unit: UpdateUnit) -> None:
        assert await unit.first_time(80, clock_now(), USER)
        user = await unit.locked_user(USER)
        assert user is not None
        user.step = "q7"
        inside.set()
        await release.wait()

    async def second(unit: UpdateUnit) -> None:
        assert await unit.first_time(81, clock_now(), USER)
        user = await unit.locked_user(USER)
        assert user is not None
        user.screen += 1

    first_task = asyncio.create_task(db.run_update(first))
    await inside.wait()
    second_task = asyncio.create_task(db.run_update(second))
    for _ in range(20):
        await asyncio.sleep(0.01)
    release.set()
    await asyncio.gather(first_task, second_task)
    stored = await _stored(db)
    assert (stored.step, stored.screen) == ("q7", 1)
    for update_id in (80, 81):
        async with db.update_unit() as unit:
            assert not await unit.first_time(update_id, clock_now(), USER)


async def test_an_update_that_opens_the_session_after_another_change_runs_again(
    postgres_url: str,
) -> None:
    """PostgreSQL reads the user without a lock; a feature that opens the ORM session locks
    the row then. If another worker changed it in between, the update (its ORM work too)
    is run again on the new row: the other's change stays and the reply is staged once."""
    database = Database(postgres_url)
    await database.migrate()
    async with database.transaction() as session:
        session.add(User(id=USER, chat_id=USER, created_at=clock_now(), flow="form", step="q1"))
    runs: list[str | None] = []

    async def work(unit: UpdateUnit) -> None:
        assert await unit.first_time(90, clock_now(), USER)
        user = await unit.locked_user(USER)
        assert user is not None
        runs.append(user.language)
        if len(runs) == 1:  # another worker writes to the user meanwhile
            async with database.transaction() as other:
                changed = await other.get(User, USER)
                assert changed is not None
                changed.language = "en"
        user.step = "q2"
        unit.session().add(Outbox(user_id=USER, payload={"text": "hi"}))

    try:
        await database.run_update(work)
        assert runs == [None, "en"]
        stored = await _stored(database)
        assert (stored.language, stored.step) == ("en", "q2")
        async with database.transaction() as session:
            assert len((await session.exec(select(Outbox))).all()) == 1
    finally:
        await database.dispose()


async def test_sqlite_stores_what_the_orm_would_store(sqlite_url: str) -> None:
    """On SQLite the unit writes with sqlite3 itself: dates must be the same text as the ORM
    writes (the scheduler compares them as text in SQL), JSON the same text."""
    database = Database(sqlite_url)
    await database.migrate()
    moment = clock_now().replace(microsecond=123456)
    document = {"a": [1, "é", None, 2.5], "b": {"c": True, "d": '▰ "x"\n'}}
    try:
        async with database.transaction() as session:
            session.add(User(id=USER, chat_id=USER, created_at=moment, last_active_at=moment))
            session.add(User(id=USER + 1, chat_id=USER + 1, flow_data=document))
        async with database.update_unit() as unit:
            user = await unit.locked_user(USER)
            assert user is not None and user.created_at == moment
            user.consent_at, user.flow_data = moment, document
        async with database.engine.connect() as connection:
            row, by_orm = (
                await connection.exec_driver_sql(
                    "SELECT created_at, consent_at, flow_data FROM users ORDER BY id"
                )
            ).all()
        assert row[1] == row[0]  # written by the unit == written by the ORM
        assert row[2] == by_orm[2] and json.loads(row[2]) == document
    finally:
        await database.dispose()


async def test_another_process_cannot_write_while_an_update_runs(sqlite_url: str) -> None:
    """The update's transaction is begun on the sqlite3 connection itself: it must still take
    the write lock at its start, or `powbot tick` from cron could claim the same rows."""
    database = Database(sqlite_url)
    await database.migrate()
    other = sqlite3.connect(str(make_url(sqlite_url).database), timeout=0, isolation_level=None)
    try:
        async with database.update_unit() as unit:
            assert await unit.locked_user(USER) is None
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again once the update committed
        other.execute("ROLLBACK")
    finally:
        other.close()
        await database.dispose()


async def test_a_reply_confirmed_during_another_update_stays_confirmed_after_its_rollback(
    sqlite_url: str,
) -> None:
    """A sent reply's outbox row is deleted on the one SQLite connection. While another
    update's transaction is open on it the delete must wait, not join that transaction:
    a rollback there would bring the row back and the reply would be sent twice."""
    database = Database(sqlite_url)
    await database.migrate()
    try:
        async with database.transaction() as session:
            row = Outbox(user_id=USER, payload={"text": "sent"})
            session.add(row)
            await session.flush()
            row_id = row.id
        assert row_id is not None
        inside, release = asyncio.Event(), asyncio.Event()

        async def failing_update() -> None:
            async with database.update_unit() as unit:
                await unit.first_time(1, clock_now(), 1)
                inside.set()
                await release.wait()
                raise RuntimeError("a crash in a handler")

        update = asyncio.create_task(failing_update())
        await inside.wait()
        delete = asyncio.create_task(database.delete_outbox_row(row_id))
        for _ in range(5):
            await asyncio.sleep(0)
        assert not delete.done()  # waits for the update's transaction
        release.set()
        with pytest.raises(RuntimeError):
            await update
        await delete
        async with database.transaction() as session:
            assert await session.get(Outbox, row_id) is None
    finally:
        await database.dispose()
