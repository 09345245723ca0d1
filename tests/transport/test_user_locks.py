"""The per-user lock map: updates of one user run one at a time, and the map holds only the
users being handled right now (not one lock per user ever seen)."""

from __future__ import annotations

import asyncio

import pytest

from powbot.bot.runtime import UserLocks


async def test_the_map_is_empty_once_every_user_was_handled() -> None:
    locks = UserLocks()
    for user in range(10_000):
        async with locks(user):
            pass
    assert len(locks) == 0


async def test_updates_of_one_user_wait_for_each_other_and_the_lock_stays_while_waited_on() -> None:
    locks = UserLocks()
    order: list[str] = []
    release = asyncio.Event()

    async def first() -> None:
        async with locks(1):
            order.append("first in")
            await release.wait()
            order.append("first out")

    async def second() -> None:
        async with locks(1):
            order.append("second in")

    one = asyncio.create_task(first())
    await asyncio.sleep(0)
    two = asyncio.create_task(second())
    await asyncio.sleep(0)
    assert len(locks) == 1  # held by the first, waited on by the second
    async with locks(2):  # another user is not held up
        order.append("other user")
    release.set()
    await asyncio.gather(one, two)
    assert order == ["first in", "other user", "first out", "second in"]
    assert len(locks) == 0


async def test_a_waiter_that_is_cancelled_leaves_the_lock_to_the_others() -> None:
    locks = UserLocks()
    release = asyncio.Event()
    entered: list[str] = []

    async def hold() -> None:
        async with locks(1):
            await release.wait()

    async def wait(name: str) -> None:
        async with locks(1):
            entered.append(name)

    holder = asyncio.create_task(hold())
    await asyncio.sleep(0)
    cancelled, patient = (
        asyncio.create_task(wait("cancelled")),
        asyncio.create_task(wait("patient")),
    )
    await asyncio.sleep(0)
    cancelled.cancel()
    with pytest.raises(asyncio.CancelledError):
        await cancelled
    assert len(locks) == 1
    release.set()
    await asyncio.gather(holder, patient)
    assert entered == ["patient"] and len(locks) == 0


async def test_an_error_inside_releases_and_forgets_the_lock() -> None:
    locks = UserLocks()
    with pytest.raises(RuntimeError):
        async with locks(3):
            raise RuntimeError("handler failed")
    assert len(locks) == 0
    async with locks(3):  # and the user can be handled again
        pass
