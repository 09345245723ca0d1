"""What every flow works with: replies, buttons, callback data and the per-update context.

Flows are plain async Python. They never see aiogram; the handlers turn a Telegram update
into a call on a flow and the flow's replies back into Bot API calls.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any, Protocol

from sqlalchemy import update
from sqlmodel.ext.asyncio.session import AsyncSession

from powbot.clock import from_local, to_local
from powbot.config import Settings
from powbot.knowledge.content import Content
from powbot.storage.models import Outbox, ScheduledItem, User

MAX_CALLBACK_BYTES = 64


@dataclass(frozen=True)
class Button:
    label: str
    data: str | None = None
    url: str | None = None


@dataclass
class Reply:
    text: str
    buttons: list[list[Button]] = field(default_factory=list)
    image: bytes | None = None  # PNG, sent as a photo with the text as caption
    document: tuple[str, bytes] | None = None  # (file name, content)

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "text": self.text,
            "buttons": [[[b.label, b.data, b.url] for b in row] for row in self.buttons],
        }
        if self.image is not None:
            payload["image"] = base64.b64encode(self.image).decode()
        if self.document is not None:
            payload["document"] = [self.document[0], base64.b64encode(self.document[1]).decode()]
        return payload

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> Reply:
        document = payload.get("document")
        return cls(
            text=payload["text"],
            buttons=[[Button(*b) for b in row] for row in payload.get("buttons", [])],
            image=base64.b64decode(payload["image"]) if payload.get("image") else None,
            document=(document[0], base64.b64decode(document[1])) if document else None,
        )


@dataclass(frozen=True)
class Callback:
    """Button data: 'flow:action:arg:screen'. An empty screen means not bound to a step."""

    flow: str
    action: str
    arg: str = ""
    screen: int | None = None

    def encode(self) -> str:
        screen = "" if self.screen is None else str(self.screen)
        data = f"{self.flow}:{self.action}:{self.arg}:{screen}"
        if len(data.encode()) > MAX_CALLBACK_BYTES:
            raise ValueError(f"callback data over {MAX_CALLBACK_BYTES} bytes: {data!r}")
        return data

    @classmethod
    def decode(cls, data: str | None) -> Callback | None:
        """None for anything we did not make ourselves."""
        if not data or len(data.encode()) > MAX_CALLBACK_BYTES:
            return None
        parts = data.split(":")
        if len(parts) != 4 or not parts[0] or not parts[1]:
            return None
        flow, action, arg, screen = parts
        if screen and not screen.isdigit():
            return None
        return cls(flow, action, arg, int(screen) if screen else None)


class Services:
    """Database, settings and content for one unit of work (an update or a job)."""

    def __init__(
        self, session: AsyncSession, settings: Settings, content: Content, now: datetime
    ) -> None:
        self.session = session
        self.settings = settings
        self.content = content
        self.now = now
        self.outbox_written = False

    def text(self, lang: str, key: str, **values: Any) -> str:
        return self.content.catalog.t(lang, key, **values)

    def lang_of(self, user: User) -> str:
        return user.language or self.settings.default_language

    def local(self, moment: datetime) -> datetime:
        return to_local(moment, self.settings.tz)

    def in_quiet_hours(self, moment: datetime) -> bool:
        clock = self.local(moment).time()
        start, end = _clock(self.settings.quiet_start), _clock(self.settings.quiet_end)
        if start <= end:
            return start <= clock < end
        return clock >= start or clock < end

    def after_quiet_hours(self, moment: datetime) -> datetime:
        """The first moment at or after `moment` outside quiet hours (naive UTC)."""
        if not self.in_quiet_hours(moment):
            return moment
        local = self.local(moment)
        end = _clock(self.settings.quiet_end)
        candidate = local.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0)
        if candidate <= local:
            candidate += timedelta(days=1)
        return from_local(candidate.replace(tzinfo=None), self.settings.tz)

    async def notify(
        self,
        user_id: int,
        reply: Reply,
        *,
        urgent: bool = False,
        due_at: datetime | None = None,
    ) -> Outbox:
        """Queue a message for another user; sent by the outbound sender after commit.

        Non-urgent messages wait until quiet hours are over.
        """
        due = due_at or self.now
        if not urgent:
            due = self.after_quiet_hours(due)
        row = Outbox(user_id=user_id, payload=reply.to_payload(), urgent=urgent, due_at=due)
        self.session.add(row)
        self.outbox_written = True
        return row

    async def schedule(
        self,
        kind: str,
        due_at: datetime,
        *,
        user_id: int | None = None,
        ref: str | None = None,
        payload: dict[str, Any] | None = None,
    ) -> ScheduledItem:
        item = ScheduledItem(
            kind=kind, due_at=due_at, user_id=user_id, ref=ref, payload=payload or {}
        )
        self.session.add(item)
        return item

    async def cancel_scheduled(self, ref: str, kind: str | None = None) -> None:
        statement = (
            update(ScheduledItem)
            .where(ScheduledItem.ref == ref, ScheduledItem.status == "pending")  # type: ignore[arg-type]
            .values(status="cancelled", done_at=self.now)
        )
        if kind is not None:
            statement = statement.where(ScheduledItem.kind == kind)  # type: ignore[arg-type]
        await self.session.exec(statement)


class Ctx(Services):
    """The context of one incoming update from one user."""

    def __init__(
        self,
        session: AsyncSession,
        settings: Settings,
        content: Content,
        now: datetime,
        user: User,
    ) -> None:
        super().__init__(session, settings, content, now)
        self.user = user
        self.replies: list[Reply] = []
        self.toast: str | None = None  # short text on the pressed button's spinner
        # A message whose buttons are used up; the transport removes them.
        self.tidy_message_id: int | None = None
        self._screen_bumped = False

    @property
    def lang(self) -> str:
        return self.lang_of(self.user)

    def t(self, key: str, **values: Any) -> str:
        return self.text(self.lang, key, **values)

    def say(
        self,
        text: str,
        buttons: list[list[Button]] | None = None,
        *,
        image: bytes | None = None,
        document: tuple[str, bytes] | None = None,
    ) -> Reply:
        reply = Reply(text=text, buttons=buttons or [], image=image, document=document)
        self.replies.append(reply)
        return reply

    def button(
        self, label: str, flow: str, action: str, arg: str = "", *, bound: bool = True
    ) -> Button:
        """A button. Bound buttons belong to the screen shown now and go stale after it."""
        screen = self._next_screen() if bound else None
        return Button(label=label, data=Callback(flow, action, arg, screen).encode())

    def _next_screen(self) -> int:
        if not self._screen_bumped:
            self.user.screen += 1
            self._screen_bumped = True
        return self.user.screen

    def set_state(self, flow: str | None, step: str | None = None, **data: Any) -> None:
        self.user.flow = flow
        self.user.step = step
        self.user.flow_data = dict(data)

    def update_state(self, step: str | None = None, **data: Any) -> None:
        if step is not None:
            self.user.step = step
        self.user.flow_data = {**self.user.flow_data, **data}


class Flow(Protocol):
    name: str
    roles: frozenset[str | None]

    async def on_text(self, ctx: Ctx, text: str) -> None: ...

    async def on_button(self, ctx: Ctx, callback: Callback) -> None: ...

    async def resume(self, ctx: Ctx) -> None: ...


def _clock(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))
