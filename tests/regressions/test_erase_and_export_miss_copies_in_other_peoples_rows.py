"""Issue 18, defect 6: export and erase missed messages about a person in other people's
outbox rows, the erase notice to a coach named the client, a coach's own rows were neither
exported nor erased, and sent outbox rows were kept forever."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import BigInteger
from sqlmodel import select

from powbot.bot.scheduler import SENT_MEMORY, run_due
from powbot.conversation.context import Ctx
from powbot.domain.messages import Reply
from powbot.storage.models import Outbox, User
from powbot.storage.models_aftercare import CoachMessage, CoachNote
from powbot.storage.personal import NOT_A_USER_ID, NOT_PERSONAL, PERSONAL, export_user
from powbot.storage.tables import metadata
from tests.clock_double import clock_now
from tests.conftest import Harness, onboard


def test_every_user_id_column_of_every_table_is_registered() -> None:
    """Every table is personal or declared free of it; in a personal table every BIGINT
    column (the type of a Telegram user id) is an owner or a link, or declared no user id."""
    missing = []
    for name, table in metadata.tables.items():
        if name in NOT_PERSONAL:
            continue
        entry = PERSONAL.get(name)
        if entry is None:
            missing.append(name)
            continue
        covered = set(entry.owner_columns) | set(entry.link_columns)
        for column in table.columns:
            if isinstance(column.type, BigInteger) and column.name not in covered:
                if f"{name}.{column.name}" not in NOT_A_USER_ID:
                    missing.append(f"{name}.{column.name}")
    assert missing == []


async def test_messages_about_a_person_in_others_rows_go_with_them(harness: Harness) -> None:
    ann = harness.user(5601, first_name="Ann")
    await onboard(ann)
    coach_id, employer_id = 5602, 5603
    async with harness.runtime.db.transaction() as session:
        session.add(User(id=coach_id, chat_id=coach_id, role="coach", language="nl"))
        session.add(User(id=employer_id, chat_id=employer_id, role="employer", language="nl"))
        user = await session.get(User, 5601)
        assert user is not None
        user.coach_id = coach_id
        ctx = Ctx(session, harness.runtime.settings, harness.runtime.content, clock_now(), user)
        await ctx.notify(employer_id, Reply("Ann heeft de plek aangenomen. Contact: 0612345678"))
        session.add(CoachNote(coach_id=coach_id, seeker_id=5601, text="belt morgen"))
        session.add(
            CoachMessage(coach_id=coach_id, seeker_id=5601, direction="to_client", text="Hoi")
        )
    async with harness.runtime.db.transaction() as session:
        mine = await export_user(session, 5601)
        coach_export = await export_user(session, coach_id)
    assert any("0612345678" in row["payload"]["text"] for row in mine["outbox"])
    assert coach_export["coach_notes"][0]["text"] == "belt morgen"  # what the coach wrote
    assert coach_export["coach_messages"][0]["text"] == "Hoi"
    await ann.send("/verwijder")
    await ann.press("Ja")
    async with harness.runtime.db.transaction() as session:
        texts = [row.payload.get("text", "") for row in (await session.exec(select(Outbox))).all()]
    assert not any("0612345678" in text for text in texts)
    notice = [text for text in texts if "cliënten" in text]
    assert notice and all("Ann" not in text for text in notice)


async def test_sent_outbox_rows_are_deleted_after_their_retention(harness: Harness) -> None:
    async with harness.runtime.db.transaction() as session:
        session.add(User(id=5610, chat_id=5610, role="employer", language="nl"))
        session.add(Outbox(user_id=5610, payload=Reply("oud bericht").to_payload()))
    await run_due(harness.runtime)
    assert [sent.text for sent in harness.session.to(5610)] == ["oud bericht"]
    later = clock_now() + SENT_MEMORY + timedelta(days=1)
    async with harness.runtime.db.transaction() as session:
        for row in (await session.exec(select(Outbox))).all():
            row.created_at = clock_now() - SENT_MEMORY - timedelta(days=1)
    await run_due(harness.runtime, later)
    async with harness.runtime.db.transaction() as session:
        assert (await session.exec(select(Outbox))).all() == []
