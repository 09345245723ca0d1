"""One unit of work (an update or a job): the database session, the settings, the content
and the moment it runs at (the injectable clock: `now` is fixed for the whole unit)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import update
from sqlmodel.ext.asyncio.session import AsyncSession

from powbot.clock import from_local, to_local
from powbot.config import Settings
from powbot.domain.messages import Reply
from powbot.knowledge.content import Content
from powbot.storage.models import Outbox, ScheduledItem, User

if TYPE_CHECKING:
    from powbot.storage.update_unit import UpdateUnit


class Services:
    """Database, settings and content for one unit of work (an update or a job)."""

    def __init__(
        self,
        session: AsyncSession | Callable[[], AsyncSession],
        settings: Settings,
        content: Content,
        now: datetime,
    ) -> None:
        # A session, or how to open one when first needed (an update that only moves its
        # user's state needs none: see storage/update_unit.py).
        if isinstance(session, AsyncSession):
            self._session: AsyncSession | None = session
            self._open_session: Callable[[], AsyncSession] | None = None
        else:
            self._session, self._open_session = None, session
        self.settings = settings
        self.content = content
        self.now = now
        self.outbox_written = False
        # An update's unit (set by the transport): for plain statements instead of the
        # session where a hot path needs them (UpdateUnit.plain); None for a job.
        self.unit: UpdateUnit | None = None

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            assert self._open_session is not None
            self._session = self._open_session()
        return self._session

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
        anonymous: bool = False,
    ) -> None:
        """Queue a message for another user; sent by the outbound sender after commit.

        Non-urgent messages wait until quiet hours are over. The row is about the unit's
        subject (`subject_of`: export and erase of that person cover it), unless
        `anonymous` (a notice that must outlive the person it was about)."""
        self.session.add(Outbox(**self.outbox_values(user_id, reply, urgent, due_at, anonymous)))
        self.outbox_written = True

    def subject_of(self, user_id: int) -> int | None:
        """Who a message to `user_id` is about: no one here; an update's or a job's user."""
        return None

    def outbox_values(
        self, user_id: int, reply: Reply, urgent: bool, due_at: datetime | None, anonymous: bool
    ) -> dict[str, Any]:
        """The columns `notify` sets on its outbox row (the rest keep the model's defaults)."""
        due = due_at or self.now
        if not urgent:
            due = self.after_quiet_hours(due)
        return {
            "user_id": user_id,
            "payload": reply.to_payload(),
            "urgent": urgent,
            "due_at": due,
            "subject_id": None if anonymous else self.subject_of(user_id),
        }

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


def _clock(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))
