"""The long-lived parts shared by every update: settings, database, content, sender, limits.

Both per-user structures here cost O(1) per update and stay bounded: the flood guard forgets
users who were quiet for a window, and a user's lock exists only while someone holds or
waits on it. Neither hands work to a thread (the hot path runs on the event loop alone).
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol

from powbot.config import Settings
from powbot.knowledge.content import Content
from powbot.storage.db import Database

if TYPE_CHECKING:  # the sender brings aiogram; what imports the runtime alone need not
    from powbot.bot.sender import Sender

Clock = Callable[[], float]


class Window(Protocol):
    async def hit(self, key: Hashable) -> bool: ...


class MemoryWindow:
    """At most `limit` hits per key in any `seconds` (a moving window), in this process.

    A dict of deques in least-recently-used order: a hit drops the expired timestamps of its
    own key and forgets keys whose last hit left the window, so memory follows the users
    active in the last window (and never exceeds `max_keys` keys), at O(1) amortised per hit.
    """

    def __init__(
        self, limit: int, seconds: float, *, max_keys: int = 100_000, clock: Clock = time.monotonic
    ) -> None:
        self.limit = limit
        self.seconds = seconds
        self.max_keys = max_keys
        self.clock = clock
        self._hits: OrderedDict[Hashable, deque[float]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._hits)

    def allow(self, key: Hashable) -> bool:
        now = self.clock()
        cutoff = now - self.seconds
        hits = self._hits.get(key)
        if hits is None:
            hits = self._hits[key] = deque()
        else:
            self._hits.move_to_end(key)
            while hits and hits[0] <= cutoff:
                hits.popleft()
        allowed = len(hits) < self.limit
        if allowed:
            hits.append(now)
        self._forget_idle(cutoff)
        return allowed

    async def hit(self, key: Hashable) -> bool:
        return self.allow(key)

    def _forget_idle(self, cutoff: float) -> None:
        hits = self._hits
        while len(hits) > self.max_keys:
            hits.popitem(last=False)
        # The least recently touched keys come first; stop at the first one still active.
        for _ in range(2):  # two per hit: the map shrinks faster than it grows
            oldest = next(iter(hits.values()))
            if oldest and oldest[-1] > cutoff:
                return
            hits.popitem(last=False)
            if not hits:
                return


# One moving window in a sorted set per key, on the Redis server's clock (workers' clocks may
# differ): drop what left the window, refuse when full, else record this hit.
_REDIS_WINDOW = """
local now = redis.call('TIME')
local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local window_ms = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now_ms - window_ms)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[1], now_ms, now[1] .. now[2] .. ARGV[3])
redis.call('PEXPIRE', KEYS[1], window_ms)
return 1
"""


class RedisWindow:
    """The same moving window in Redis, so every worker counts the same messages."""

    def __init__(self, client: Any, name: str, limit: int, seconds: float) -> None:
        self.client = client
        self.name = name
        self.limit = limit
        self.window_ms = max(1, int(seconds * 1000))
        self.script = client.register_script(_REDIS_WINDOW)

    async def hit(self, key: Hashable) -> bool:
        member = secrets.token_hex(4)  # two hits in one microsecond are still two hits
        keys = [f"powbot/{self.name}/{key}"]
        return bool(await self.script(keys=keys, args=[self.window_ms, self.limit, member]))


class FloodGuard:
    """Counts messages per user in a moving window; in Redis when configured (shared by
    workers), otherwise in this process."""

    def __init__(self, settings: Settings, *, clock: Clock = time.monotonic) -> None:
        seconds = settings.flood_seconds
        limits = {
            "msg": (settings.flood_messages, seconds),
            "warn": (1, seconds),
            "code": (5, 600.0),  # wrong start codes: slow guessing down hard
        }
        self.windows: dict[str, Window]
        if settings.redis_url:
            from redis.asyncio import Redis

            client = Redis.from_url(settings.redis_url)
            self.windows = {n: RedisWindow(client, n, *limit) for n, limit in limits.items()}
        else:
            self.windows = {n: MemoryWindow(*limit, clock=clock) for n, limit in limits.items()}

    async def allow_message(self, user_id: int) -> bool:
        return await self.windows["msg"].hit(user_id)

    async def allow_warning(self, user_id: int) -> bool:
        return await self.windows["warn"].hit(user_id)

    async def allow_code_attempt(self, user_id: int) -> bool:
        return await self.windows["code"].hit(user_id)


class _Held:
    __slots__ = ("lock", "users")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.users = 0  # holding or waiting


class _UserLock:
    """`async with`: holds the user's lock; the last one out removes it from the map."""

    __slots__ = ("held", "locks", "user_id")

    def __init__(self, locks: UserLocks, user_id: int) -> None:
        self.locks = locks
        self.user_id = user_id
        self.held: _Held | None = None

    async def __aenter__(self) -> None:
        held = self.locks.held.get(self.user_id)
        if held is None:
            held = self.locks.held[self.user_id] = _Held()
        held.users += 1  # counted before waiting, so a waiter's lock is never dropped
        self.held = held
        try:
            await held.lock.acquire()
        except BaseException:  # cancelled while waiting
            self._leave(held)
            raise

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        held = self.held
        assert held is not None
        held.lock.release()
        self._leave(held)

    def _leave(self, held: _Held) -> None:
        held.users -= 1
        if held.users == 0 and self.locks.held.get(self.user_id) is held:
            del self.locks.held[self.user_id]


class UserLocks:
    """One asyncio.Lock per user, kept only while someone holds or waits on it: the map
    holds the users being handled right now, not every user ever seen."""

    def __init__(self) -> None:
        self.held: dict[int, _Held] = {}

    def __len__(self) -> int:
        return len(self.held)

    def __call__(self, user_id: int) -> _UserLock:
        return _UserLock(self, user_id)


@dataclass
class Runtime:
    settings: Settings
    db: Database
    content: Content
    sender: Sender
    flood: FloodGuard
    locks: UserLocks = field(default_factory=UserLocks)

    def user_lock(self, user_id: int) -> _UserLock:
        """Updates of one user are handled one at a time within this process; across
        processes the row lock on the user (PostgreSQL) or the write lock (SQLite) holds."""
        return self.locks(user_id)
