"""FAQ tables: answer feedback, questions the bot could not answer, callback requests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from powbot.clock import utcnow


class FaqFeedback(SQLModel, table=True):
    """👍/👎 on an answer; one row per user and entry (a second press changes it)."""

    __tablename__ = "faq_feedback"
    __table_args__ = (UniqueConstraint("user_id", "entry_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(BigInteger, index=True, nullable=False))
    entry_id: str = Field(max_length=64, index=True)
    helpful: bool
    at: datetime = Field(default_factory=utcnow)
    # The employer's typed question this entry was the answer to (normalised), so authors see
    # which phrasings got a wrong answer. None when the entry was opened from a button.
    question: str | None = Field(default=None, max_length=500)


class FaqUnanswered(SQLModel, table=True):
    """A question the bot did not know; one row per user and normalised question text."""

    __tablename__ = "faq_unanswered"
    __table_args__ = (UniqueConstraint("user_id", "question"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(BigInteger, index=True, nullable=False))
    role: str | None = Field(default=None, max_length=16)
    # Normalised (lower case, no accents or punctuation) so the same question groups together.
    question: str = Field(max_length=500, index=True)
    language: str = Field(max_length=2)  # language the question was written in
    count: int = 1
    first_at: datetime = Field(default_factory=utcnow)
    last_at: datetime = Field(default_factory=utcnow)


class CallbackRequest(SQLModel, table=True):
    """An employer asked to be called back by a person of the WSP."""

    __tablename__ = "callback_requests"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(BigInteger, index=True, nullable=False))
    name: str = Field(max_length=80)
    organisation: str = Field(max_length=120)
    contact: str = Field(max_length=120)  # phone number or e-mail address
    question: str = Field(sa_column=Column(Text, nullable=False))
    language: str = Field(max_length=2)
    created_at: datetime = Field(default_factory=utcnow)
    notified: int = 0  # how many WSP contacts were sent the request
