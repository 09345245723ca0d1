"""Aftercare tables: check-ins and their answers, alerts for coaches, notes and messages.

Times are aware UTC (powbot.clock.utcnow); Telegram user ids are BigInteger. No foreign keys
between these tables: personal-data erasure may delete them in any order. What the worker
types during a check-in is kept with it (CheckInWords): it is part of their answer, shown to
their coach only while they share, exported and erased with the rest.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from powbot.clock import utcnow


def _json_list() -> Any:
    return Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class CheckIn(SQLModel, table=True):
    """One planned contact moment with a worker, and what came of it."""

    __tablename__ = "aftercare_checkins"
    __table_args__ = (Index("ix_checkins_seeker_day", "seeker_id", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    seeker_id: int = Field(sa_column=Column(BigInteger, index=True, nullable=False))
    placement_id: int = Field(index=True)
    moment: str = Field(max_length=32)
    day: date
    due_at: datetime
    # Question ids of this moment, fixed when planned so a content change never shifts an
    # answer to another question halfway.
    questions: list[str] = _json_list()
    # scheduled -> sent -> (reminded) -> started -> answered; or missed / cancelled
    status: str = Field(default="scheduled", max_length=16, index=True)
    sent_at: datetime | None = None
    reminded_at: datetime | None = None
    answered_at: datetime | None = None
    mood: int | None = None
    # Risk rule ids raised by words typed during the check-in (the words: CheckInWords).
    typed_risks: list[str] = _json_list()
    risks: list[str] = _json_list()
    # Answered after it was marked missed (accepted until the next check-in goes out).
    late: bool = False
    # worker: the worker answers; employer: the placement's employer answers about them.
    audience: str = Field(default="worker", max_length=16)
    recipient_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))


class CheckInWords(SQLModel, table=True):
    """Something typed during a check-in that was not a button answer: kept with it."""

    __tablename__ = "aftercare_words"

    id: int | None = Field(default=None, primary_key=True)
    checkin_id: int = Field(index=True)
    seeker_id: int = Field(sa_column=Column(BigInteger, index=True, nullable=False))
    # Who typed it: the worker, or the employer in an employer check-in.
    author_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    step: str = Field(max_length=32)  # "mood" or the question id it was typed at
    text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class PlacementTerms(SQLModel, table=True):
    """What aftercare needs to know about a placement's pay and contract."""

    __tablename__ = "aftercare_terms"

    id: int | None = Field(default=None, primary_key=True)
    placement_id: int = Field(unique=True, index=True)
    pay_frequency: str = Field(default="month", max_length=16)  # month, four_weeks, week
    pay_day: int | None = None  # day of the month, for a monthly wage
    first_payday: date | None = None
    contract_end: date | None = None
    probation_end: date | None = None


class CheckInAnswer(SQLModel, table=True):
    __tablename__ = "aftercare_answers"
    __table_args__ = (UniqueConstraint("checkin_id", "question_id"),)

    id: int | None = Field(default=None, primary_key=True)
    checkin_id: int = Field(index=True)
    seeker_id: int = Field(sa_column=Column(BigInteger, index=True, nullable=False))
    question_id: str = Field(max_length=32)
    answer: str = Field(max_length=32)
    answered_at: datetime = Field(default_factory=utcnow)


class Alert(SQLModel, table=True):
    """Something a coach should act on: a risk in a check-in, no answer, blocked bot."""

    __tablename__ = "aftercare_alerts"

    id: int | None = Field(default=None, primary_key=True)
    seeker_id: int = Field(sa_column=Column(BigInteger, index=True, nullable=False))
    coach_id: int = Field(sa_column=Column(BigInteger, index=True, nullable=False))
    checkin_id: int | None = Field(default=None, index=True)
    kind: str = Field(max_length=16)  # risk, no_answer, unreachable, employer, urgent
    reasons: list[str] = _json_list()
    # The concrete answers behind it, to name them in plain words: [{"q": id, "a": id}],
    # and {"said": text} for words typed (kept only when the client shares).
    details: list[dict[str, str]] = _json_list()
    # The client's wish about contact: "contact", "no_contact" or None (not asked).
    wish: str | None = Field(default=None, max_length=16)
    phase: str | None = Field(default=None, max_length=16)  # before_start, first_week, later
    # True when the worker does not share check-ins but asked for contact: the coach then
    # sees only that request, nothing else from the check-in.
    limited: bool = False
    status: str = Field(
        default="open", max_length=16, index=True
    )  # open, contacted, snoozed, closed
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    snoozed_until: datetime | None = None
    contacted_at: datetime | None = None
    closed_at: datetime | None = None


class CoachNote(SQLModel, table=True):
    """A short note a coach adds to an alert about a client."""

    __tablename__ = "coach_notes"

    id: int | None = Field(default=None, primary_key=True)
    coach_id: int = Field(sa_column=Column(BigInteger, index=True, nullable=False))
    seeker_id: int = Field(sa_column=Column(BigInteger, index=True, nullable=False))
    alert_id: int | None = Field(default=None, index=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class CoachMessage(SQLModel, table=True):
    """A message relayed between a coach and a client through the bot."""

    __tablename__ = "coach_messages"

    id: int | None = Field(default=None, primary_key=True)
    coach_id: int = Field(sa_column=Column(BigInteger, index=True, nullable=False))
    seeker_id: int = Field(sa_column=Column(BigInteger, index=True, nullable=False))
    direction: str = Field(max_length=12)  # to_client, to_coach
    text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    # The client may answer a coach's message once; set when they did.
    answered_at: datetime | None = None
