"""Where capabilities plug in: flows by name, menu items, /start codes and timed jobs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from powbot.conversation.context import Ctx, Flow
from powbot.domain.unit import Services
from powbot.storage.models import ScheduledItem, User

FLOWS: dict[str, Flow] = {}
MENU: list[MenuItem] = []
# Each returns True when it recognised and handled the code.
START_CODES: list[Callable[[Ctx, str], Awaitable[bool]]] = []
JOBS: dict[str, Callable[[Services, ScheduledItem], Awaitable[None]]] = {}


@dataclass(frozen=True)
class MenuItem:
    id: str
    label_key: str
    roles: frozenset[str]
    entry: Callable[[Ctx], Awaitable[None]]
    order: int = 50


def register_flow(flow: Flow) -> Flow:
    if flow.name in FLOWS:
        raise ValueError(f"flow {flow.name!r} registered twice")
    FLOWS[flow.name] = flow
    return flow


def register_menu(item: MenuItem) -> None:
    if any(existing.id == item.id for existing in MENU):
        return
    MENU.append(item)
    MENU.sort(key=lambda entry: entry.order)


def register_job(kind: str, handler: Callable[[Services, ScheduledItem], Awaitable[None]]) -> None:
    JOBS[kind] = handler


def register_start_code(handler: Callable[[Ctx, str], Awaitable[bool]]) -> None:
    if handler not in START_CODES:
        START_CODES.append(handler)


# Free text outside any conversation, per role (for example the FAQ for employers).
FREE_TEXT: dict[str | None, Callable[[Ctx, str], Awaitable[None]]] = {}


def register_free_text(role: str | None, handler: Callable[[Ctx, str], Awaitable[None]]) -> None:
    FREE_TEXT[role] = handler


# Called in the erasing transaction just before a user's rows are erased (withdraw their
# sign-ups, tell their coach, ...). The user row is still there.
ON_ERASE: list[Callable[[Services, User], Awaitable[None]]] = []


def register_on_erase(hook: Callable[[Services, User], Awaitable[None]]) -> None:
    if hook not in ON_ERASE:
        ON_ERASE.append(hook)


# Called once per scheduler pass, each in its own transaction (retention, keeping a
# daily digest planned, ...). Keep them cheap and bounded.
PERIODIC: list[Callable[[Services], Awaitable[None]]] = []


def register_periodic(task: Callable[[Services], Awaitable[None]]) -> None:
    if task not in PERIODIC:
        PERIODIC.append(task)


# Called when a user who had blocked the bot writes again (in that update's transaction).
ON_RETURN: list[Callable[[Services, User], Awaitable[None]]] = []


def register_on_return(hook: Callable[[Services, User], Awaitable[None]]) -> None:
    if hook not in ON_RETURN:
        ON_RETURN.append(hook)
