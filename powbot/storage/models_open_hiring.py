"""Open Hiring tables: approved employers, vacancies, the sign-up queue and timed offers.

Fairness lives in the schema as much as in the code:
- `oh_signups.id` is the queue order (an autoincrement assigned while the vacancy row is
  locked, so id order is commit order);
- a partial unique index allows one live sign-up per person per vacancy;
- a partial unique index on (vacancy, slot) over live offers means one place can never be
  offered to two people at once, whatever the code above it does.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, ForeignKey, Index, Integer, text
from sqlmodel import Field, SQLModel

from powbot.clock import utcnow

# Sign-ups that hold a spot: on the list, holding an offer, or hired.
LIVE_SIGNUP = ("waiting", "offered", "accepted")
# Offers that occupy a place.
LIVE_OFFER = ("open", "accepted")


def _in(values: tuple[str, ...]) -> Any:
    return text("status IN (" + ", ".join(f"'{value}'" for value in values) + ")")


class EmployerProfile(SQLModel, table=True):
    """An employer allowed to post vacancies (approved by redeeming an admin's invite)."""

    __tablename__ = "employer_profiles"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    organisation: str | None = Field(default=None, max_length=120)
    approved_at: datetime | None = None
    invite_id: int | None = None
    created_at: datetime = Field(default_factory=utcnow)


class Vacancy(SQLModel, table=True):
    __tablename__ = "vacancies"

    id: int | None = Field(default=None, primary_key=True)
    # NULL after the employer erased their data; the row stays for counts.
    employer_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    organisation: str = Field(default="", max_length=120)
    title: str = Field(max_length=120)
    workplace: str = Field(default="", max_length=120)
    city: str = Field(default="", max_length=80)
    city_key: str = Field(default="", max_length=40, index=True)  # normalised, for the filter
    hours_per_week: int = 0
    # The top of a range ("24 tot 32" uur); 0 when the hours are one number.
    hours_max: int = 0
    shifts: str = Field(default="", max_length=200)
    places: int = 1
    start_date: date
    # What the work is, in the employer's words (B1), and what it pays: an hourly wage in
    # cents, or the collective agreement's scale as text ("cao Bakkers, schaal B").
    description: str = Field(default="", max_length=500)
    pay_cents: int | None = None
    pay_scale: str = Field(default="", max_length=120)
    # Optional: what to bring or wear, whether travel costs are paid.
    bring: str = Field(default="", max_length=200)
    travel_paid: bool | None = None
    # For the first day: the time to be there and whom to ask for (shared on accepting).
    start_time: str = Field(default="", max_length=5)
    # Nullable: erasing the employer anonymises the vacancy and clears its contact person.
    contact_name: str | None = Field(default="", max_length=80)
    contact_phone: str | None = Field(default="", max_length=30)
    # Ids from knowledge/content/open_hiring.yaml, and up to two typed questions.
    questions: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    custom_questions: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    # The employer's English versions of `custom_questions` ("" where none was given).
    custom_questions_en: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    status: str = Field(default="draft", max_length=16, index=True)  # draft open paused closed
    created_at: datetime = Field(default_factory=utcnow)
    published_at: datetime | None = None
    closed_at: datetime | None = None


class Signup(SQLModel, table=True):
    """One person on one vacancy's list. Only the fact that all answers were yes is kept."""

    __tablename__ = "oh_signups"
    __table_args__ = (
        Index(
            "uq_oh_signup_live",
            "vacancy_id",
            "user_id",
            unique=True,
            sqlite_where=_in(LIVE_SIGNUP),
            postgresql_where=_in(LIVE_SIGNUP),
        ),
        Index("ix_oh_signup_queue", "vacancy_id", "status", "id"),
    )

    # The queue order: first come, first served by this number.
    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    vacancy_id: int = Field(sa_column=Column(Integer, ForeignKey("vacancies.id"), nullable=False))
    user_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    # waiting, offered, accepted, declined, expired, withdrawn, closed
    status: str = Field(default="waiting", max_length=16)
    created_at: datetime = Field(default_factory=utcnow)
    ended_at: datetime | None = None
    # The place in line we last told this person, so we only message real changes.
    told_position: int | None = None


class Offer(SQLModel, table=True):
    """A place offered to the first person in line, with a deadline."""

    __tablename__ = "oh_offers"
    __table_args__ = (
        Index(
            "uq_oh_offer_slot",
            "vacancy_id",
            "slot",
            unique=True,
            sqlite_where=_in(LIVE_OFFER),
            postgresql_where=_in(LIVE_OFFER),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    vacancy_id: int = Field(
        sa_column=Column(Integer, ForeignKey("vacancies.id"), nullable=False, index=True)
    )
    signup_id: int = Field(
        sa_column=Column(Integer, ForeignKey("oh_signups.id"), nullable=False, unique=True)
    )
    user_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    slot: int  # which of the vacancy's places (1..places) this offer holds
    # open, accepted, declined, expired, withdrawn, cancelled
    status: str = Field(default="open", max_length=16)
    created_at: datetime = Field(default_factory=utcnow)
    seen_from: datetime = Field(default_factory=utcnow)  # when the offer message is delivered
    deadline_at: datetime
    start_date: date
    answered_at: datetime | None = None
    # What the candidate chose to share with the employer on accepting.
    contact: str | None = Field(default=None, max_length=120)
