"""The flood guard: a moving window per user that costs O(1) per message and forgets users
who went quiet, in this process or (with REDIS_URL) shared by the workers through Redis."""

from __future__ import annotations

import random
import socket

import pytest

from powbot.bot.runtime import FloodGuard, MemoryWindow
from tests.conftest import make_settings


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_user_over_the_limit_is_refused_until_the_window_moves_on() -> None:
    clock = FakeClock()
    window = MemoryWindow(3, 10.0, clock=clock)
    assert [window.allow(7) for _ in range(4)] == [True, True, True, False]
    clock.now += 5
    assert not window.allow(7)  # the first three are still inside the window
    clock.now += 5.5
    assert window.allow(7)  # the first three left it


def test_the_window_moves_one_message_at_a_time() -> None:
    clock = FakeClock()
    window = MemoryWindow(2, 10.0, clock=clock)
    assert window.allow(7)
    clock.now += 6
    assert window.allow(7)
    clock.now += 5  # the first message left the window, the second did not
    assert window.allow(7)
    assert not window.allow(7)


def test_refused_messages_do_not_extend_the_penalty() -> None:
    clock = FakeClock()
    window = MemoryWindow(1, 10.0, clock=clock)
    assert window.allow(7)
    for _ in range(9):
        clock.now += 1
        assert not window.allow(7)
    clock.now += 1.5
    assert window.allow(7)


def test_one_users_flood_does_not_touch_another() -> None:
    window = MemoryWindow(2, 10.0, clock=FakeClock())
    assert [window.allow(1) for _ in range(3)] == [True, True, False]
    assert window.allow(2)


def test_users_who_went_quiet_are_forgotten() -> None:
    clock = FakeClock()
    window = MemoryWindow(20, 10.0, clock=clock)
    for user in range(10_000):
        window.allow(user)
        clock.now += 0.001
    clock.now += 11  # all of them went quiet; ten others keep writing
    for turn in range(5_000):
        window.allow(20_000 + turn % 10)
    assert len(window) == 10  # only the users of the last window stay in memory


def test_the_map_never_exceeds_its_bound_even_when_everybody_is_active() -> None:
    window = MemoryWindow(20, 10.0, max_keys=100, clock=FakeClock())
    for user in range(1000):
        window.allow(user)
    assert len(window) == 100


async def test_flood_guard_limits_messages_warnings_and_start_codes_separately() -> None:
    clock = FakeClock()
    guard = FloodGuard(make_settings("sqlite://", POWBOT_FLOOD_MESSAGES=2), clock=clock)
    assert [await guard.allow_message(5) for _ in range(3)] == [True, True, False]
    assert [await guard.allow_warning(5) for _ in range(2)] == [True, False]  # told once
    assert [await guard.allow_code_attempt(5) for _ in range(6)] == [True] * 5 + [False]
    clock.now += 11
    assert await guard.allow_message(5) and await guard.allow_warning(5)
    assert not await guard.allow_code_attempt(5)  # code guessing stays slowed for 10 minutes


def redis_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


async def test_workers_share_one_window_in_redis() -> None:
    if not redis_available():
        pytest.skip("Redis is not reachable on 127.0.0.1:6379")
    settings = make_settings(
        "sqlite://", REDIS_URL="redis://127.0.0.1:6379/0", POWBOT_FLOOD_MESSAGES=3
    )
    first, second = FloodGuard(settings), FloodGuard(settings)
    user = random.randint(10**9, 2 * 10**9)  # fresh keys in the shared Redis
    answers = [await (first if turn % 2 else second).allow_message(user) for turn in range(5)]
    assert answers == [True, True, True, False, False]
    assert await first.allow_message(user + 1)  # another user has their own window
