"""Which tables hold personal data, and whose.

Export (/mijngegevens) and erase (/verwijder) walk this registry, and a test fails when a
table is neither registered here nor declared free of personal data, so a new table
cannot silently escape either.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import delete, or_, select, update
from sqlmodel.ext.asyncio.session import AsyncSession


@dataclass(frozen=True)
class PersonalTable:
    table: str
    owner_columns: tuple[str, ...]
    # delete: the rows go. anonymise: the rows stay for counts, the owner columns become
    # NULL and `scrub_columns` are cleared.
    erase: Literal["delete", "anonymise"] = "delete"
    scrub_columns: tuple[str, ...] = ()
    # Columns in other people's rows that merely point at this user (a client's coach):
    # set to NULL on erase, and not part of this user's export.
    link_columns: tuple[str, ...] = ()


PERSONAL: dict[str, PersonalTable] = {}
NOT_PERSONAL: set[str] = set()


def personal(
    table: str,
    *owner_columns: str,
    erase: Literal["delete", "anonymise"] = "delete",
    scrub: tuple[str, ...] = (),
    links: tuple[str, ...] = (),
) -> None:
    PERSONAL[table] = PersonalTable(table, owner_columns, erase, scrub, links)


def not_personal(table: str) -> None:
    NOT_PERSONAL.add(table)


# BIGINT columns in registered tables that hold no user id (the registry test checks every
# other one is an owner or link column).
NOT_A_USER_ID: set[str] = {"users.chat_id", "outbox.update_id"}
# Tables touched by erasures since the database files were last scrubbed (see
# Database.scrub_erased: a WAL checkpoint on SQLite, a VACUUM of these tables on PostgreSQL).
ERASED_TABLES: set[str] = set()


personal("users", "id", links=("coach_id",))
personal("questionnaire_runs", "user_id")
personal("questionnaire_results", "user_id")
# Messages for a user, and messages about a user held in someone else's outbox (an
# employer's "… accepted, contact: …", a coach's copy of a client's words): subject_id.
personal("outbox", "user_id", "subject_id")
personal("scheduled_items", "user_id")
personal("audit_log", "subject_id", "actor_id", erase="anonymise")
personal("invite_codes", "used_by", "created_by", erase="anonymise")
personal(
    "placements",
    "seeker_id",
    erase="anonymise",
    scrub=("employer_name", "job_title", "hours_per_week"),
    links=("coach_id", "employer_id"),
)
not_personal("processed_updates")
personal("employer_profiles", "user_id")
# Vacancies, sign-ups and offers stay (without owner) so the counts remain right.
personal("vacancies", "employer_id", erase="anonymise", scrub=("contact_name", "contact_phone"))
personal("oh_signups", "user_id", erase="anonymise")
personal("oh_offers", "user_id", erase="anonymise", scrub=("contact",))
# Aftercare: check-ins and alerts are about the worker; notes and relayed messages too.
personal("aftercare_checkins", "seeker_id", links=("recipient_id",))
personal("aftercare_answers", "seeker_id")
# A coach's alerts, notes and messages go with the coach too (and are in their export).
personal("aftercare_alerts", "seeker_id", "coach_id")
# What a worker (or their employer, in an employer check-in) typed during a check-in.
personal("aftercare_words", "seeker_id", "author_id")
# A placement's pay and contract dates: no person in them (the placement row has the owner).
not_personal("aftercare_terms")
personal("coach_notes", "seeker_id", "coach_id")
personal("coach_messages", "seeker_id", "coach_id")
# FAQ: feedback and unanswered questions (free text, may hold personal data) go with the
# user; callback requests belong to the employer who left them.
personal("faq_feedback", "user_id")
personal("faq_unanswered", "user_id")
personal("callback_requests", "user_id")


# --- export and erase -------------------------------------------------------------------
# Tables are handled in reverse registration order on erase, so rows that refer to other
# rows (answers to runs, results to runs) go before what they refer to, and users last.


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


async def export_user(session: AsyncSession, user_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every row held about this user, per table (the /mijngegevens file)."""
    from powbot.storage.tables import metadata

    export: dict[str, list[dict[str, Any]]] = {}
    for entry in PERSONAL.values():
        table = metadata.tables[entry.table]
        condition = or_(*(table.c[column] == user_id for column in entry.owner_columns))
        rows = (await session.exec(select(table).where(condition))).mappings().all()  # type: ignore[call-overload]
        if rows:
            export[entry.table] = [{k: _jsonable(v) for k, v in row.items()} for row in rows]
    return export


async def erase_user(session: AsyncSession, user_id: int) -> dict[str, int]:
    """Erase (or anonymise) this user's rows everywhere; returns rows touched per table."""
    from powbot.storage.tables import metadata

    touched: dict[str, int] = {}
    for entry in reversed(list(PERSONAL.values())):
        table = metadata.tables[entry.table]
        count = 0
        for column in entry.link_columns:
            result = await session.exec(
                update(table).where(table.c[column] == user_id).values({column: None})
            )
            count += result.rowcount
        condition = or_(*(table.c[column] == user_id for column in entry.owner_columns))
        if entry.erase == "delete":
            result = await session.exec(delete(table).where(condition))
            count += result.rowcount
        else:
            for column in entry.owner_columns:
                values = {column: None} | {scrub: None for scrub in entry.scrub_columns}
                result = await session.exec(
                    update(table).where(table.c[column] == user_id).values(values)
                )
                count += result.rowcount
        if count:
            touched[entry.table] = count
    ERASED_TABLES.update(touched)
    return touched


# Web page: login links and sessions belong to the coach or admin who signed in.
personal("web_login_tokens", "user_id")
personal("web_sessions", "user_id")
