"""The outbox side of the sender: replies staged in an update's transaction and sent after
its commit, messages for other users claimed in small batches, claims released on error,
shutdown and process death, users who blocked the bot marked unreachable."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import weakref
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from sqlalchemy import delete, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from powbot.clock import utcnow
from powbot.conversation.registry import ON_UNREACHABLE
from powbot.domain.messages import Reply
from powbot.storage.db import Database
from powbot.storage.models import Outbox, User
from powbot.storage.update_unit import UpdateUnit

log = logging.getLogger(__name__)

CLAIM_LEASE = timedelta(minutes=2)
# At most this many rows per claim: even at one message per second to a single chat the
# batch is sent well within the lease, so a live worker never loses its claim.
CLAIM_BATCH = 50
HOST = socket.gethostname()


# The senders alive in this process, by worker name (weak: a dropped app is gone).
_LIVE: weakref.WeakValueDictionary[str, OutboxDelivery] = weakref.WeakValueDictionary()


def claim_owner_is_dead(owner: str, me: str) -> bool:
    """Whether the worker named `owner` (host:pid:token) is certainly gone: a sender of this
    process that was closed or dropped (an earlier incarnation, as after a restart in the
    same container), or a process on this host that no longer runs. Claims of other hosts
    wait for the lease."""
    host, _, rest = owner.partition(":")
    pid_text, _, _ = rest.partition(":")
    if host != HOST or owner == me or not pid_text.isascii() or not pid_text.isdigit():
        return False
    if int(pid_text) == os.getpid():
        sender = _LIVE.get(owner)
        return sender is None or sender.db.closed
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


@dataclass(frozen=True)
class StagedReply:
    """An update's reply as an outbox row claimed by this worker, to send after the commit."""

    id: int
    update_id: int
    attempts: int  # 1 when staged by the update itself; more when a redelivery claimed it
    payload: dict[str, Any]


class Unreachable(Exception):
    """The user blocked the bot or deleted their account."""


class OutboxDelivery:
    """Mixed into `Sender`, which provides the Bot API calls (`send`, `deliver`)."""

    bot: Bot
    db: Database
    worker: str
    wakeup: asyncio.Event
    _released: bool
    # Set on shutdown: the message in hand is sent, no further one is taken, and what is
    # claimed and not sent goes back (`release_mine`).
    stopping: bool

    async def send(self, chat_id: int, reply: Reply) -> None:
        raise NotImplementedError

    async def mark_unreachable(self, user_id: int) -> None:
        async with self.db.transaction() as session:
            user = await session.get(User, user_id)
            if user is None or user.unreachable_at is not None:
                return
            user.unreachable_at = utcnow()
            await session.exec(
                update(Outbox)
                .where(
                    col(Outbox.user_id) == user_id,
                    col(Outbox.status).in_(("pending", "sending")),
                    or_(col(Outbox.status) == "pending", col(Outbox.claimed_by) == self.worker),
                )
                .values(status="dropped", error="unreachable")
            )
            for hook in ON_UNREACHABLE:
                await hook(session, user_id)
        log.info("user %s blocked the bot; marked unreachable", user_id)

    # --- replies of an update: outbox rows written in its transaction ------------------

    async def stage_replies(
        self, unit: UpdateUnit, chat_id: int, update_id: int, replies: list[Reply]
    ) -> list[StagedReply]:
        """Write the replies of an update as outbox rows in its own transaction, claimed by
        us: after the commit `deliver_staged` sends them; a crash or a network failure in
        between leaves them for a redelivery of the update or for the outbox drain."""
        if not replies:
            return []
        now = utcnow()
        payloads = [reply.to_payload() for reply in replies]
        rows: list[dict[str, Any]] = [
            {
                "user_id": chat_id,
                "payload": payload,
                "urgent": True,
                "created_at": now,
                "due_at": now,
                "status": "sending",
                "claimed_by": self.worker,
                "claimed_at": now,
                "attempts": 1,
                "update_id": update_id,
            }
            for payload in payloads
        ]
        # Plain statements on the update's connection: ORM objects for rows that live a
        # few milliseconds cost more than the insert itself.
        ids = await unit.insert_outbox(rows)
        return [
            StagedReply(id, update_id, 1, payload)
            for id, payload in zip(ids, payloads, strict=True)
        ]

    async def claim_replies(self, session: AsyncSession, update_id: int) -> list[StagedReply]:
        """The unconfirmed replies of a redelivered update, claimed for sending once: those
        waiting, and those claimed by a process that is gone or whose lease ran out."""
        stale = utcnow() - CLAIM_LEASE
        query = (
            select(Outbox)
            .where(
                col(Outbox.update_id) == update_id,
                col(Outbox.status).in_(("pending", "sending")),
            )
            .order_by(col(Outbox.id))
            .with_for_update(skip_locked=True)
        )
        rows = [
            row
            for row in (await session.exec(query)).all()
            if row.status == "pending"
            or row.claimed_by is None
            or (row.claimed_at is not None and row.claimed_at < stale)
            or claim_owner_is_dead(row.claimed_by, self.worker)
        ]
        now = utcnow()
        for row in rows:
            row.status, row.claimed_by, row.claimed_at = "sending", self.worker, now
            row.attempts += 1
        return [
            StagedReply(row.id, update_id, row.attempts, row.payload)
            for row in rows
            if row.id is not None  # always: they come from the database
        ]

    async def deliver_staged(self, chat_id: int, rows: list[StagedReply]) -> None:
        """Send the staged replies in order; confirmed ones are deleted (nothing of their
        text stays), the rest go back to `pending` for the outbox drain."""
        if not rows:
            return
        done: list[int] = []  # to delete: not sent, but nothing more to do with them
        confirmed: list[int] = []  # sent and deleted one by one
        try:
            for row in rows:
                try:
                    await self.send(chat_id, Reply.from_payload(row.payload))
                except TelegramBadRequest as exc:
                    log.error("Telegram refused a reply: %s", exc.message)
                # Confirmed at once, not after the other replies: a kill -9 between
                # Telegram's answer and this record is the one way to a duplicate.
                await self.db.delete_outbox_row(row.id)
                confirmed.append(row.id)
        except Unreachable:
            done = [row.id for row in rows if row.id not in confirmed]
            await self.mark_unreachable(chat_id)
        except (TelegramRetryAfter, TelegramNetworkError, TelegramServerError) as exc:
            log.warning("replies to %s wait for the outbox: %s", chat_id, type(exc).__name__)
            self.wakeup.set()
        finally:
            await self._settle_replies(rows, done, confirmed)

    async def _settle_replies(
        self, rows: list[StagedReply], done: list[int], confirmed: list[int]
    ) -> None:
        rest = [row.id for row in rows if row.id not in done and row.id not in confirmed]
        if not done and not rest:
            return  # the usual case: each was confirmed as it was sent
        async with self.db.transaction() as session:
            if done:
                await session.exec(delete(Outbox).where(col(Outbox.id).in_(done)))
            if rest:
                await session.exec(
                    update(Outbox)
                    .where(col(Outbox.id).in_(rest), col(Outbox.status) == "sending")
                    .values(status="pending", claimed_by=None, claimed_at=None)
                )

    # --- messages for other users ------------------------------------------------------

    async def release_dead_claims(self) -> int:
        """Claims of a process that is gone (killed, or this process before a restart) go
        back to `pending` at once instead of waiting for the lease."""
        async with self.db.transaction() as session:
            owners = (
                await session.exec(
                    select(Outbox.claimed_by)
                    .where(col(Outbox.status) == "sending", col(Outbox.claimed_by).is_not(None))
                    .distinct()
                )
            ).all()
            dead = [owner for owner in owners if owner and claim_owner_is_dead(owner, self.worker)]
            if not dead:
                return 0
            result = await session.exec(
                update(Outbox)
                .where(col(Outbox.status) == "sending", col(Outbox.claimed_by).in_(dead))
                .values(status="pending", claimed_by=None, claimed_at=None)
            )
            return int(result.rowcount or 0)

    async def release_mine(self) -> None:
        """On shutdown: whatever this worker claimed and did not send goes back."""
        async with self.db.transaction() as session:
            await session.exec(
                update(Outbox)
                .where(col(Outbox.status) == "sending", col(Outbox.claimed_by) == self.worker)
                .values(status="pending", claimed_by=None, claimed_at=None)
            )

    async def _claim(self, now: object, only_user: int | None, limit: int) -> list[Outbox]:
        async with self.db.transaction() as session:
            stale = utcnow() - CLAIM_LEASE
            query = (
                select(Outbox)
                .where(
                    col(Outbox.due_at) <= now,
                    or_(
                        col(Outbox.status) == "pending",
                        (col(Outbox.status) == "sending") & (col(Outbox.claimed_at) < stale),
                    ),
                )
                .order_by(col(Outbox.urgent).desc(), col(Outbox.due_at), col(Outbox.id))
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
            if only_user is not None:
                query = query.where(col(Outbox.user_id) == only_user)
            # Never knock again at a door that was closed on us.
            unreachable = select(User.id).where(col(User.unreachable_at).is_not(None))
            query = query.where(col(Outbox.user_id).not_in(unreachable))
            rows = in_reading_order(list((await session.exec(query)).all()))
            claimed_at = utcnow()
            for row in rows:
                row.status = "sending"
                row.claimed_by = self.worker
                row.claimed_at = claimed_at
                row.attempts += 1
            return rows

    async def _finish_row(self, row: Outbox, status: str, error: str | None) -> None:
        if status == "sent" and row.update_id is not None:
            # The reply of an update: confirmed, so nothing of it needs to stay.
            assert row.id is not None  # it was read from the database
            await self.db.delete_outbox_row(row.id)
            return
        values: dict[str, object] = {"status": status, "error": error}
        if status == "sent":
            values["sent_at"] = utcnow()
        if status == "pending":
            values |= {"claimed_by": None, "claimed_at": None}
        await self.db.execute_now(
            update(Outbox)
            .where(col(Outbox.id) == row.id, col(Outbox.claimed_by) == self.worker)
            .values(**values)
        )

    async def _release(self, rows: list[Outbox]) -> None:
        ids = [row.id for row in rows if row.id is not None]
        if not ids:
            return
        async with self.db.transaction() as session:
            await session.exec(
                update(Outbox)
                .where(
                    col(Outbox.id).in_(ids),
                    col(Outbox.status) == "sending",
                    col(Outbox.claimed_by) == self.worker,
                )
                .values(status="pending", claimed_by=None, claimed_at=None)
            )

    async def _has_started(self, user_id: int) -> bool:
        async with self.db.transaction() as session:
            return await session.get(User, user_id) is not None

    async def _send_row(self, row: Outbox, blocked: set[int]) -> tuple[str, str | None]:
        """Send one claimed row; its new status and error."""
        try:
            if row.user_id in blocked:
                raise Unreachable("blocked earlier in this batch")
            await self.send(row.user_id, Reply.from_payload(row.payload))
        except Unreachable:
            if not await self._has_started(row.user_id):
                # Telegram: "bot can't initiate conversation". Kept until they start it.
                return "held", "never started the bot"
            if row.user_id not in blocked:
                blocked.add(row.user_id)
                await self.mark_unreachable(row.user_id)
            return "dropped", "unreachable"
        except TelegramBadRequest as exc:
            return "dropped", exc.message[:500]
        except (TelegramRetryAfter, TelegramNetworkError, TelegramServerError) as exc:
            return "pending", str(exc)[:500]
        except (KeyError, TypeError, ValueError) as exc:  # a row we cannot even read
            log.error("outbox row %s is malformed: %s", row.id, type(exc).__name__)
            return "dropped", f"malformed: {type(exc).__name__}"
        return "sent", None

    async def drain_outbox(
        self, *, now: object = None, only_user: int | None = None, limit: int = CLAIM_BATCH
    ) -> int:
        """Send every due outbox message once; returns how many were sent.

        Claims are small (what can be sent well within the lease); a row that fails for a
        reason that may pass goes back to `pending` together with the rest of its batch,
        so nothing waits for a lease; a cancellation (shutdown) releases the rest too."""
        if not self._released:
            self._released = True
            await self.release_dead_claims()
        sent = 0
        moment = now or utcnow()
        while not self.stopping:
            rows = await self._claim(moment, only_user, limit)
            if not rows:
                return sent
            blocked: set[int] = set()
            handled = 0
            try:
                for row in rows:
                    if self.stopping:
                        break  # shutting down: the rest goes back below
                    status, error = await self._send_row(row, blocked)
                    await self._finish_row(row, status, error)
                    handled += 1
                    if status == "sent":
                        sent += 1
                    elif status == "pending":
                        return sent  # Telegram or the network is struggling: next round
            finally:
                if handled < len(rows):
                    await asyncio.shield(self._release(rows[handled:]))
        return sent

    async def run_forever(self, interval: float = 5.0) -> None:
        """Background task: drain on a wake-up from a handler, or every `interval` seconds,
        until `stopping` is set (and `wakeup` with it)."""
        while not self.stopping:
            try:
                await asyncio.wait_for(self.wakeup.wait(), timeout=interval)
            except TimeoutError:
                pass
            self.wakeup.clear()
            try:
                await self.drain_outbox()
            except Exception:
                log.exception("outbox drain failed; retrying on the next round")


def in_reading_order(rows: list[Outbox]) -> list[Outbox]:
    """Urgent rows jump other people's queue, never one person's own earlier messages (a
    coach read an alert before the message it followed up, tester)."""
    first_seen = {row.user_id: index for index, row in reversed(list(enumerate(rows)))}
    return sorted(rows, key=lambda row: (first_seen[row.user_id], row.due_at, row.id or 0))
