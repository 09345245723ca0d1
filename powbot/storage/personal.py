"""Which tables hold personal data, and whose.

Export (/mijngegevens) and erase (/verwijder) walk this registry, and a test fails when a
table is neither registered here nor declared free of personal data, so a new table
cannot silently escape either.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class PersonalTable:
    table: str
    owner_columns: tuple[str, ...]
    # delete: the rows go. anonymise: the rows stay for counts, the owner columns become
    # NULL and `scrub_columns` are cleared.
    erase: Literal["delete", "anonymise"] = "delete"
    scrub_columns: tuple[str, ...] = ()


PERSONAL: dict[str, PersonalTable] = {}
NOT_PERSONAL: set[str] = set()


def personal(
    table: str,
    *owner_columns: str,
    erase: Literal["delete", "anonymise"] = "delete",
    scrub: tuple[str, ...] = (),
) -> None:
    PERSONAL[table] = PersonalTable(table, owner_columns, erase, scrub)


def not_personal(table: str) -> None:
    NOT_PERSONAL.add(table)


personal("users", "id")
personal("questionnaire_runs", "user_id")
personal("questionnaire_results", "user_id")
personal("outbox", "user_id")
personal("scheduled_items", "user_id")
personal("audit_log", "subject_id", "actor_id", erase="anonymise")
personal("invite_codes", "used_by", "created_by", erase="anonymise")
personal(
    "placements",
    "seeker_id",
    erase="anonymise",
    scrub=("employer_name", "job_title", "hours_per_week"),
)
not_personal("processed_updates")
personal("employer_profiles", "user_id")
# Vacancies, sign-ups and offers stay (without owner) so the counts remain right.
personal("vacancies", "employer_id", erase="anonymise")
personal("oh_signups", "user_id", erase="anonymise")
personal("oh_offers", "user_id", erase="anonymise", scrub=("contact",))
# Aftercare: check-ins and alerts are about the worker; notes and relayed messages too.
personal("aftercare_checkins", "seeker_id")
personal("aftercare_answers", "seeker_id")
personal("aftercare_alerts", "seeker_id")
personal("coach_notes", "seeker_id")
personal("coach_messages", "seeker_id")
# FAQ: feedback and unanswered questions (free text, may hold personal data) go with the
# user; callback requests belong to the employer who left them.
personal("faq_feedback", "user_id")
personal("faq_unanswered", "user_id")
personal("callback_requests", "user_id")
