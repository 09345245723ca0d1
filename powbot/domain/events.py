"""Domain events: what happened in one capability that others react to, in the same
transaction (a placement starts aftercare; a user's erasure withdraws their sign-ups).

Subscribers come from each feature's `Feature.subscribers`, installed at composition
(`powbot/conversation/registry.py::install`); the domain only publishes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Any

from powbot.domain.unit import Services


class Event(StrEnum):
    PLACEMENT_CREATED = "placement.created"  # subject: the new Placement (flushed, has an id)
    PLACEMENT_ENDED = "placement.ended"  # subject: the Placement, status already "ended"


Subscriber = Callable[[Services, Any], Awaitable[None]]

_SUBSCRIBERS: dict[Event, list[Subscriber]] = {}


def install_subscribers(subscribers: dict[Event, list[Subscriber]]) -> None:
    _SUBSCRIBERS.clear()
    _SUBSCRIBERS.update({event: list(handlers) for event, handlers in subscribers.items()})


async def publish(event: Event, services: Services, subject: Any) -> None:
    for subscriber in _SUBSCRIBERS.get(event, ()):
        await subscriber(services, subject)
