"""Web page tables: single-use login links and server-side sessions.

Neither stores a usable secret: a link token and a session id are kept only as their
SHA-256 hash, so a copy of the database opens no session.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column
from sqlmodel import Field, SQLModel

from powbot.clock import utcnow


class WebLoginToken(SQLModel, table=True):
    """A link a coach or admin asked the bot for: valid 10 minutes, used once."""

    __tablename__ = "web_login_tokens"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    user_id: int = Field(sa_column=Column(BigInteger, index=True, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None


class WebSession(SQLModel, table=True):
    """A signed-in browser. Ends at logout, after the idle timeout, or at the hard limit."""

    __tablename__ = "web_sessions"

    id: int | None = Field(default=None, primary_key=True)
    session_hash: str = Field(max_length=64, unique=True)
    user_id: int = Field(sa_column=Column(BigInteger, index=True, nullable=False))
    csrf_token: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)
    ended_at: datetime | None = None
