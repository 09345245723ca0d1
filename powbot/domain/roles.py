"""Who someone is to the bot. The values are what `users.role` stores; a StrEnum member
equals its string, so stored rows and older code compare the same."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    SEEKER = "seeker"
    EMPLOYER = "employer"
    COACH = "coach"
    ADMIN = "admin"


SEEKERS = frozenset({Role.SEEKER})
EMPLOYERS = frozenset({Role.EMPLOYER})
COACHES = frozenset({Role.COACH})
EVERY_ROLE = frozenset(Role)
