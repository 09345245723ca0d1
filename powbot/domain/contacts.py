"""Whether the bot can reach the people named in the settings (WSP contacts, admins).

Telegram lets a bot write only to someone who started it. A call-back request for a WSP
contact who never did is kept in the outbox as `held` and delivered when they start the bot.
"""

from __future__ import annotations

from sqlalchemy import bindparam, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from powbot.storage.models import Outbox, User

REACHABLE, NEVER_STARTED, BLOCKED = "reachable", "never started the bot", "blocked the bot"


async def contact_states(session: AsyncSession, user_ids: list[int]) -> dict[int, str]:
    ids = list(dict.fromkeys(user_ids))
    if not ids:
        return {}
    users = (await session.exec(select(User).where(col(User.id).in_(ids)))).all()
    known = {user.id: user for user in users}
    return {
        user_id: NEVER_STARTED
        if user_id not in known
        else (BLOCKED if known[user_id].unreachable_at is not None else REACHABLE)
        for user_id in ids
    }


async def held_messages(session: AsyncSession, user_ids: list[int]) -> dict[int, int]:
    """How many messages wait for each of these people to start the bot."""
    rows = (
        await session.exec(
            select(Outbox.user_id).where(
                col(Outbox.user_id).in_(user_ids), col(Outbox.status) == "held"
            )
        )
    ).all()
    counts: dict[int, int] = {}
    for user_id in rows:
        counts[user_id] = counts.get(user_id, 0) + 1
    return counts


_OUTBOX = Outbox.__table__  # type: ignore[attr-defined]
# What waited for someone who had not started the bot yet, released (a plain statement, built
# once: on SQLite the first contact runs it on the update's connection, without a session).
RELEASE_HELD = (
    update(_OUTBOX)
    .where(_OUTBOX.c.user_id == bindparam("user_key"), _OUTBOX.c.status == "held")
    .values(status="pending", error=None)
)


async def release_held(session: AsyncSession, user_id: int) -> int:
    """They started the bot: what waited for them is sent now."""
    result = await session.exec(RELEASE_HELD, params={"user_key": user_id})
    return int(result.rowcount or 0)
