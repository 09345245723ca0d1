"""Data rights: explain, export, erase, retention; logs without personal content."""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import select

from powbot.bot.scheduler import run_due
from powbot.storage.models import QuestionnaireResult, QuestionnaireRun, User
from powbot.storage.personal import NOT_PERSONAL, PERSONAL, erase_user, export_user
from powbot.storage.tables import metadata
from tests.clock_double import clock_now, local_today
from tests.conftest import Harness, onboard
from tests.features.questionnaire.test_questionnaire_flow import READY, fill_in, start_questionnaire


def test_every_table_is_either_personal_or_declared_free_of_personal_data() -> None:
    unknown = set(metadata.tables) - set(PERSONAL) - NOT_PERSONAL
    assert not unknown, f"tables without an export/erase rule: {sorted(unknown)}"
    for entry in PERSONAL.values():
        table = metadata.tables[entry.table]
        for column in (*entry.owner_columns, *entry.scrub_columns, *entry.link_columns):
            assert column in table.c, f"{entry.table}.{column} does not exist"
        if entry.erase == "anonymise":
            for column in (*entry.owner_columns, *entry.scrub_columns):
                assert table.c[column].nullable, f"{entry.table}.{column} must be nullable"


def _dummy(column: sa.Column[Any], owner: int) -> Any:
    """A value of the column's type, for a row that only has to exist."""
    column_type = column.type
    if isinstance(column_type, sa.Boolean):
        return False
    if isinstance(column_type, sa.Integer):
        return owner
    if isinstance(column_type, sa.JSON):
        return {}
    if isinstance(column_type, sa.DateTime) or "DateTime" in type(column_type).__name__:
        return clock_now()
    if isinstance(column_type, sa.Date):
        return local_today()
    return "x"


async def test_export_and_erase_cover_every_personal_table(harness: Harness) -> None:
    """One row in every personal table, owned by one user: all exported, all erased."""
    owner = 555
    async with harness.runtime.db.transaction() as session:
        inserted: dict[str, Any] = {}
        for table in metadata.sorted_tables:
            if table.name not in PERSONAL:
                continue
            entry = PERSONAL[table.name]
            row: dict[str, Any] = {}
            for column in table.columns:
                if column.name in entry.owner_columns or column.name in entry.link_columns:
                    row[column.name] = owner
                elif column.foreign_keys:
                    target = next(iter(column.foreign_keys)).column.table.name
                    row[column.name] = inserted[target]
                elif column.primary_key and column.autoincrement is not False:
                    continue
                elif not column.nullable and column.default is None:
                    row[column.name] = _dummy(column, owner)
            result = await session.exec(sa.insert(table).values(row).returning(*table.primary_key))  # type: ignore[call-overload]
            inserted[table.name] = result.scalar()
    async with harness.runtime.db.transaction() as session:
        exported = await export_user(session, owner)
    assert set(exported) == set(PERSONAL)
    json.dumps(exported)  # the export file is plain JSON
    async with harness.runtime.db.transaction() as session:
        await erase_user(session, owner)
    async with harness.runtime.db.transaction() as session:
        for entry in PERSONAL.values():
            table = metadata.tables[entry.table]
            for column in (*entry.owner_columns, *entry.link_columns):
                left = (await session.exec(sa.select(table).where(table.c[column] == owner))).all()  # type: ignore[call-overload]
                assert left == [], f"{entry.table}.{column} still points at the erased user"


async def test_privacy_says_it_is_a_bot_what_is_kept_and_how_long(harness: Harness) -> None:
    ann = harness.user(600)
    await onboard(ann)
    reply = await ann.send("/privacy")
    text = reply[0].text
    assert "chatbot" in text and "geen mens" in text
    assert "24 maanden" in text and "/mijngegevens" in text and "/verwijder" in text


async def test_my_data_sends_a_readable_summary_and_a_json_file(harness: Harness) -> None:
    bo = await start_questionnaire(harness, 601)
    await fill_in(bo, READY)
    replies = await bo.send("/mijngegevens")
    assert "Uitkomsten van de vragenlijst: 1" in replies[0].text
    document = next(s for s in replies if s.kind == "document")
    data = json.loads(document.file or b"{}")
    assert data["data"]["questionnaire_results"][0]["stage"] == "ready"
    run = data["data"]["questionnaire_runs"][0]
    assert run["answers"]["closing_note"]["value"] == "Ik kan meteen beginnen"


async def test_erase_removes_everything_tells_the_coach_and_start_is_fresh(
    harness: Harness,
) -> None:
    coach = harness.user(700, first_name="Coach")
    async with harness.runtime.db.transaction() as session:
        session.add(User(id=700, chat_id=700, language="nl", role="coach", first_name="Coach"))
    cy = await start_questionnaire(harness, 602)
    async with harness.runtime.db.transaction() as session:
        user = await session.get(User, 602)
        assert user is not None
        user.coach_id = 700
        user.share_with_coach = True
    await fill_in(cy, READY)
    confirm = await cy.send("/verwijder")
    assert "kan niet ongedaan" in confirm[-1].text
    done = await cy.press("Ja, wis alles")
    assert "gewist" in done[-1].text
    async with harness.runtime.db.transaction() as session:
        assert await session.get(User, 602) is None
        assert (await session.exec(select(QuestionnaireResult))).all() == []
        assert (await session.exec(select(QuestionnaireRun))).all() == []
        exported = await export_user(session, 602)
        assert exported == {}
    await run_due(harness.runtime)
    assert any("laten wissen" in s.text for s in coach.inbox())
    again = await cy.send("/start")
    assert "Welke taal" in again[0].text


async def test_erase_can_be_cancelled(harness: Harness) -> None:
    di = harness.user(603)
    await onboard(di)
    await di.send("/verwijder")
    kept = await di.press("Nee, toch niet")
    assert "niets gewist" in kept[-1].text
    async with harness.runtime.db.transaction() as session:
        assert await session.get(User, 603) is not None


async def test_retention_erases_inactive_users_and_old_results(harness: Harness) -> None:
    old, recent = await start_questionnaire(harness, 604), await start_questionnaire(harness, 605)
    await fill_in(old, READY)
    await fill_in(recent, READY)
    now = clock_now()
    async with harness.runtime.db.transaction() as session:
        stale = await session.get(User, 604)
        assert stale is not None
        stale.last_active_at = now - timedelta(days=25 * 31)
        result = (
            await session.exec(
                select(QuestionnaireResult).where(QuestionnaireResult.user_id == 605)
            )
        ).one()
        result.created_at = now - timedelta(days=25 * 31)
    await run_due(harness.runtime)
    async with harness.runtime.db.transaction() as session:
        assert await session.get(User, 604) is None
        assert await session.get(User, 605) is not None
        assert (await session.exec(select(QuestionnaireResult))).all() == []


async def test_logs_hold_no_answers_free_text_or_token(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    eve = await start_questionnaire(harness, 606)
    answers = dict(READY)
    answers["nog iets vertellen"] = "mijn geheime schuld bij de buurman"
    await fill_in(eve, answers)
    await eve.send("vertrouwelijk bericht over mijn gezondheid")
    assert "geheime schuld" not in caplog.text
    assert "vertrouwelijk bericht" not in caplog.text
    assert "42:TEST" not in caplog.text


async def test_erasing_a_person_with_an_offer_passes_the_place_on(harness: Harness) -> None:
    from tests.open_hiring_helpers import make_vacancy, offers, seeker, sign_up_via_chat

    vacancy_id = await make_vacancy(harness, places=1, title="Magazijn")
    first = await seeker(harness, 610, "Ann")
    second = await seeker(harness, 611, "Bob")
    await sign_up_via_chat(first, "Magazijn", answers=0)
    await sign_up_via_chat(second, "Magazijn", answers=0)
    assert [o.user_id for o in await offers(harness, vacancy_id)] == [610]
    await first.send("/verwijder")
    await first.press("Ja, wis alles")
    made = await offers(harness, vacancy_id)
    assert [o.user_id for o in made] == [None, 611]  # the erased offer is anonymous now
    assert made[1].status == "open"
    await run_due(harness.runtime)
    assert any("aan de beurt" in s.text for s in second.inbox())


async def test_an_employer_is_asked_in_u_without_a_job_seekers_profile(harness: Harness) -> None:
    """/verwijder asked employers "Weet je het zeker? ... je profiel, je antwoorden ... Je
    coach krijgt bericht" — a job seeker's text in the wrong voice."""
    boss = harness.user(9801)
    await onboard(boss, role="employer")
    asked = await boss.send("/verwijder")
    assert asked[-1].text.startswith("Weet u het zeker?")
    assert "profiel" not in asked[-1].text and "coach" not in asked[-1].text
    done = await boss.send("ja")
    assert "Al uw gegevens zijn gewist" in done[-1].text
    seeker = harness.user(9802)
    await onboard(seeker)
    asked = await seeker.send("/verwijder")
    assert asked[-1].text.startswith("Weet je het zeker?") and "Heb je een coach?" in asked[-1].text
