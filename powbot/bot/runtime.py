"""The long-lived parts shared by every update: settings, database, content, sender, limits."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass, field

from limits import RateLimitItemPerSecond
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter

from powbot.bot.sender import Sender
from powbot.config import Settings
from powbot.knowledge.content import Content
from powbot.storage.db import Database


class FloodGuard:
    """Counts messages per user in a moving window; in Redis when configured (shared by workers)."""

    def __init__(self, settings: Settings) -> None:
        storage: Storage
        if settings.redis_url:
            url = settings.redis_url.replace("redis://", "async+redis://", 1)
            # redis-py is already a dependency; limits would otherwise want coredis.
            storage = RedisStorage(url, implementation="redispy", key_prefix="powbot")
        else:
            storage = MemoryStorage()
        self.storage = storage
        self.limiter = MovingWindowRateLimiter(storage)
        self.messages = RateLimitItemPerSecond(settings.flood_messages, int(settings.flood_seconds))
        self.warnings = RateLimitItemPerSecond(1, int(settings.flood_seconds))
        # Wrong start codes: slow guessing down hard.
        self.codes = RateLimitItemPerSecond(5, 600)

    async def allow_message(self, user_id: int) -> bool:
        return await self.limiter.hit(self.messages, "msg", str(user_id))

    async def allow_warning(self, user_id: int) -> bool:
        return await self.limiter.hit(self.warnings, "warn", str(user_id))

    async def allow_code_attempt(self, user_id: int) -> bool:
        return await self.limiter.hit(self.codes, "code", str(user_id))


@dataclass
class Runtime:
    settings: Settings
    db: Database
    content: Content
    sender: Sender
    flood: FloodGuard
    _locks: defaultdict[int, asyncio.Lock] = field(
        default_factory=lambda: defaultdict(asyncio.Lock)
    )

    def user_lock(self, user_id: int) -> asyncio.Lock:
        """Updates of one user are handled one at a time within this process; across
        processes the row lock on the user (PostgreSQL) or the write lock (SQLite) holds."""
        return self._locks[user_id]
