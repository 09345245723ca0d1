"""Core tables: users and their conversation state, questionnaire data, durable work.

Every table that holds personal data names its owner column in PERSONAL_DATA (see
powbot/storage/personal.py), so export and erase cannot silently miss a table.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, Text
from sqlmodel import Field, SQLModel

from powbot.clock import utcnow


def _json_column() -> Any:
    return Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class User(SQLModel, table=True):
    """A Telegram user and where their conversation stands."""

    __tablename__ = "users"

    id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    first_name: str | None = Field(default=None, max_length=64)
    language: str | None = Field(default=None, max_length=2)
    role: str | None = Field(default=None, max_length=16, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    last_active_at: datetime = Field(default_factory=utcnow, index=True)
    consent_at: datetime | None = None
    unreachable_at: datetime | None = None
    coach_id: int | None = Field(
        default=None, sa_column=Column(BigInteger, index=True, nullable=True)
    )
    share_with_coach: bool = False
    # Conversation state, committed in the same transaction as the answers it describes.
    flow: str | None = Field(default=None, max_length=32)
    step: str | None = Field(default=None, max_length=64)
    flow_data: dict[str, Any] = _json_column()
    # Bumped whenever a screen with step-bound buttons is shown; older buttons are stale.
    screen: int = 0


class ProcessedUpdate(SQLModel, table=True):
    """Telegram update ids already handled, so a redelivered update is applied once."""

    __tablename__ = "processed_updates"

    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    processed_at: datetime = Field(default_factory=utcnow, index=True)


class QuestionnaireRun(SQLModel, table=True):
    __tablename__ = "questionnaire_runs"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(BigInteger, index=True, nullable=False))
    questionnaire: str = Field(max_length=32)
    version: int = 1
    status: str = Field(default="active", max_length=16)  # active, paused, finished, abandoned
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    # Question ids in the order they were answered; "back" pops from here.
    path: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # {question_id: {"value": ...} | {"skipped": true} | {"prefer_not": true}, each with "at"}.
    # One row per run keeps an answer to one UPDATE, committed with the conversation state.
    answers: dict[str, Any] = _json_column()


class QuestionnaireResult(SQLModel, table=True):
    __tablename__ = "questionnaire_results"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(BigInteger, index=True, nullable=False))
    run_id: int = Field(foreign_key="questionnaire_runs.id")
    questionnaire: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, index=True)
    stage: str = Field(max_length=32)
    # {domain_id: "green" | "orange" | "red" | "unknown"}
    domains: dict[str, str] = _json_column()
    advice: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Outbox(SQLModel, table=True):
    """A message for a user who is not the one we are answering right now."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(BigInteger, index=True, nullable=False))
    # A serialised powbot.domain.messages.Reply.
    payload: dict[str, Any] = _json_column()
    urgent: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    due_at: datetime = Field(default_factory=utcnow)
    status: str = Field(default="pending", max_length=16)  # pending, sending, sent, dropped
    attempts: int = 0
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_at: datetime | None = None
    sent_at: datetime | None = None
    error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    # The Telegram update whose replies this row holds (sent after that update's commit,
    # and again on a redelivery while unconfirmed); None for messages to other users.
    update_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    # Whom the message is about when that is not the recipient (export and erase follow it).
    subject_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))


class ScheduledItem(SQLModel, table=True):
    """Durable timed work: offer expiries, reminders, check-ins, digests."""

    __tablename__ = "scheduled_items"
    __table_args__ = (Index("ix_scheduled_due", "status", "due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32, index=True)
    due_at: datetime = Field(index=False)
    user_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    # What the item is about, e.g. "offer:12"; used to cancel items of one object.
    ref: str | None = Field(default=None, max_length=64, index=True)
    payload: dict[str, Any] = _json_column()
    status: str = Field(default="pending", max_length=16)  # pending, claimed, done, cancelled
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_at: datetime | None = None
    done_at: datetime | None = None
    attempts: int = 0
    error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class AuditEntry(SQLModel, table=True):
    """Who looked at or changed whose personal data."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    # Either may become NULL when that person erased their data; the entry stays.
    actor_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    subject_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    action: str = Field(max_length=64)


class InviteCode(SQLModel, table=True):
    """Single-use codes: admins invite coaches and employers, coaches link clients.

    Only a hash of the code is stored, so a database leak does not hand out invites.
    """

    __tablename__ = "invite_codes"

    id: int | None = Field(default=None, primary_key=True)
    code_hash: str = Field(max_length=64, unique=True)
    purpose: str = Field(max_length=16)  # coach, employer, link
    created_by: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_by: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    used_at: datetime | None = None


class Placement(SQLModel, table=True):
    """Someone started work. Created by an accepted Open Hiring offer or by their coach."""

    __tablename__ = "placements"

    id: int | None = Field(default=None, primary_key=True)
    # NULL once the worker erased their data; the row stays for the counts.
    seeker_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    coach_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    employer_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    employer_name: str | None = Field(default=None, max_length=120)
    job_title: str | None = Field(default=None, max_length=120)
    start_date: date
    hours_per_week: int | None = None
    vacancy_id: int | None = Field(default=None, index=True)
    source: str = Field(max_length=16)  # open_hiring, coach
    status: str = Field(default="active", max_length=16)  # active, ended
    created_at: datetime = Field(default_factory=utcnow)
    ended_at: datetime | None = None
    end_reason: str | None = Field(default=None, max_length=32)
