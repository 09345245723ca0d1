"""The capabilities the app is composed of, and the lookup tables the engine routes through.

Each feature package declares one `Feature` (its flows, menu entries, /start codes, timed jobs
and domain-event subscribers). The composition root (`powbot/features/compose.py`) passes them
to `install()` once at start-up; nothing registers itself as a side effect of an import.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from powbot.conversation.context import Ctx, Flow
from powbot.domain.events import Event, Subscriber, install_subscribers
from powbot.domain.unit import Services
from powbot.storage.models import ScheduledItem, User

Job = Callable[[Services, ScheduledItem], Awaitable[None]]
StartCode = Callable[[Ctx, str], Awaitable[bool]]  # True when it recognised the code
FreeText = Callable[[Ctx, str], Awaitable[None]]
# A question typed inside another conversation: answered only when sure (True when answered).
SideAnswer = Callable[[Ctx, str], Awaitable[bool]]
# Text that may be meant for a person; the third argument says (when asked: it costs a FAQ
# search) whether the FAQ knows it as a question, which then goes first. True when handled.
ForAPerson = Callable[[Ctx, str, Callable[[], bool]], Awaitable[bool]]
# A reply typed to a question the bot pushed (a job offer's "do you want this job?", a
# check-in). The third argument: only a question pushed after this moment counts (the
# person's previous message, when another conversation is running; None: any open one).
# Returns what answering it does, or None when the text is no such reply; the caller
# leaves the running conversation first (kept for later).
PushedReply = Callable[[Ctx, str, datetime | None], Awaitable[Callable[[], Awaitable[None]] | None]]
UserEvent = Callable[[Services, User], Awaitable[None]]
# The sender marks a user unreachable in its own session, without content or settings.
UnreachableEvent = Callable[[Any, int], Awaitable[None]]
Periodic = Callable[[Services], Awaitable[None]]


@dataclass(frozen=True)
class MenuItem:
    id: str
    label_key: str
    roles: frozenset[str]
    entry: Callable[[Ctx], Awaitable[None]]
    order: int = 50


@dataclass(frozen=True)
class Feature:
    """One capability. Events: `on_erase` runs in the erasing transaction just before a
    user's rows go (the user row is still there); `on_return` when a user who had blocked
    the bot writes again; `on_unreachable` when Telegram says a user blocked the bot;
    `periodic` once per scheduler pass, each in its own transaction (keep them cheap);
    `subscribers` react to domain events (powbot/domain/events.py)."""

    name: str
    flows: tuple[Flow, ...] = ()
    menu: tuple[MenuItem, ...] = ()
    start_codes: tuple[StartCode, ...] = ()
    jobs: Mapping[str, Job] = field(default_factory=dict)
    free_text: Mapping[str, FreeText] = field(default_factory=dict)  # per role
    side_answers: Mapping[str, SideAnswer] = field(default_factory=dict)  # per role
    # Text that may be meant for a person the user talks to through the bot (a job seeker's
    # coach, a coach's client): handled before the free-text handler.
    for_a_person: Mapping[str, ForAPerson] = field(default_factory=dict)  # per role
    pushed_replies: tuple[PushedReply, ...] = ()
    on_erase: tuple[UserEvent, ...] = ()
    on_return: tuple[UserEvent, ...] = ()
    on_unreachable: tuple[UnreachableEvent, ...] = ()
    periodic: tuple[Periodic, ...] = ()
    subscribers: Mapping[Event, tuple[Subscriber, ...]] = field(default_factory=dict)


FLOWS: dict[str, Flow] = {}
MENU: list[MenuItem] = []
START_CODES: list[StartCode] = []
JOBS: dict[str, Job] = {}
FREE_TEXT: dict[str | None, FreeText] = {}
SIDE_ANSWERS: dict[str | None, SideAnswer] = {}
FOR_A_PERSON: dict[str | None, ForAPerson] = {}
PUSHED_REPLIES: list[PushedReply] = []
ON_ERASE: list[UserEvent] = []
ON_RETURN: list[UserEvent] = []
ON_UNREACHABLE: list[UnreachableEvent] = []
PERIODIC: list[Periodic] = []
INSTALLED: list[Feature] = []


def install(features: Iterable[Feature]) -> None:
    """Fill the lookup tables from these features (replacing what was there)."""
    for table in (FLOWS, JOBS, FREE_TEXT, SIDE_ANSWERS, FOR_A_PERSON):
        table.clear()
    for items in (
        MENU,
        START_CODES,
        PUSHED_REPLIES,
        ON_ERASE,
        ON_RETURN,
        ON_UNREACHABLE,
        PERIODIC,
        INSTALLED,
    ):
        items.clear()
    subscribers: dict[Event, list[Subscriber]] = {}
    for feature in features:
        INSTALLED.append(feature)
        for event, handlers in feature.subscribers.items():
            subscribers.setdefault(event, []).extend(handlers)
        for flow in feature.flows:
            _add_unique(FLOWS, flow.name, flow, "flow")
        for kind, job in feature.jobs.items():
            _add_unique(JOBS, kind, job, "job")
        _add_per_role(feature)
        MENU.extend(feature.menu)
        START_CODES.extend(feature.start_codes)
        PUSHED_REPLIES.extend(feature.pushed_replies)
        ON_ERASE.extend(feature.on_erase)
        ON_RETURN.extend(feature.on_return)
        ON_UNREACHABLE.extend(feature.on_unreachable)
        PERIODIC.extend(feature.periodic)
    install_subscribers(subscribers)
    ids = [item.id for item in MENU]
    if len(ids) != len(set(ids)):
        raise ValueError(f"menu ids declared twice: {sorted(ids)}")
    MENU.sort(key=lambda entry: entry.order)


def _add_per_role(feature: Feature) -> None:
    per_role: tuple[tuple[dict[Any, Any], Mapping[str, Any], str], ...] = (
        (FREE_TEXT, feature.free_text, "free-text handler for role"),
        (SIDE_ANSWERS, feature.side_answers, "side answer for role"),
        (FOR_A_PERSON, feature.for_a_person, "text for a person for role"),
    )
    for table, handlers, what in per_role:
        for role, handler in handlers.items():
            _add_unique(table, role, handler, what)


def _add_unique(table: dict[Any, Any], key: Any, value: Any, what: str) -> None:
    if key in table:
        raise ValueError(f"{what} {key!r} declared by two features")
    table[key] = value
