"""Tracing for the crash bench (bench/crash.py): the server child wraps its three send
paths (an update's replies after its commit, a redelivered update's replies, the outbox
worker) and writes one JSON line per send, before and after the Bot API call and after each
confirmation; `explain` names the path and the kill behind a duplicate."""

from __future__ import annotations

import contextvars
import hashlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

SEND_PATH: contextvars.ContextVar[str] = contextvars.ContextVar("send_path", default="other")


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:10]


def child() -> int:
    """The server, with every send traced (one JSON line each, written before the call, so
    a kill right after Telegram's answer still leaves the line)."""
    from powbot.bot.outbox_delivery import OutboxDelivery
    from powbot.bot.sender import Sender
    from powbot.cli import main as powbot_main
    from powbot.storage.db import Database

    trace = Path(os.environ["CRASH_TRACE"]).open("a", buffering=1)

    def note(event: str, **fields: Any) -> None:
        line = {"event": event, "pid": os.getpid(), "at": time.monotonic(), **fields}
        trace.write(json.dumps(line) + "\n")

    def traced(path: str, original: Any) -> Any:
        async def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            token = SEND_PATH.set(path)
            try:
                return await original(self, *args, **kwargs)
            finally:
                SEND_PATH.reset(token)

        return wrapper

    original_send = Sender.send
    original_staged = OutboxDelivery.deliver_staged
    original_row = OutboxDelivery._send_row
    original_delete = Database.delete_outbox_row
    original_execute = Database.execute_now

    async def send(self: Any, chat_id: int, reply: Any) -> None:
        note("send", path=SEND_PATH.get(), chat=chat_id, text=text_key(reply.text))
        await original_send(self, chat_id, reply)
        note("sent", path=SEND_PATH.get(), chat=chat_id, text=text_key(reply.text))

    async def deliver_staged(self: Any, chat_id: int, rows: list[Any]) -> None:
        # A fresh update's rows were staged with attempts 1; a redelivery claimed them again.
        path = "update" if all(row.attempts == 1 for row in rows) else "redelivery"
        note(path, chat=chat_id, rows=[[row.id, row.update_id, row.attempts] for row in rows])
        await traced(path, original_staged)(self, chat_id, rows)

    async def send_row(self: Any, row: Any, blocked: set[int]) -> Any:
        note("outbox", chat=row.user_id, rows=[[row.id, row.update_id, row.attempts]])
        return await traced("outbox", original_row)(self, row, blocked)

    async def delete_outbox_row(self: Any, row_id: int) -> None:
        await original_delete(self, row_id)
        note("confirmed", path=SEND_PATH.get())

    async def execute_now(self: Any, statement: Any, parameters: Any = None) -> None:
        await original_execute(self, statement, parameters)
        note("confirmed", path=SEND_PATH.get())

    Sender.send = send  # type: ignore[method-assign]
    Sender.deliver_staged = deliver_staged  # type: ignore[method-assign]
    Sender._send_row = send_row  # type: ignore[method-assign]
    Sender.deliver = traced("direct", Sender.deliver)  # type: ignore[method-assign]
    Database.delete_outbox_row = delete_outbox_row  # type: ignore[method-assign]
    Database.execute_now = execute_now  # type: ignore[method-assign]
    return powbot_main(["run", "--webhook"])


def explain(
    trace_path: Path,
    kills: list[tuple[float, int]],
    chat_id: int,
    inbox: list[dict[str, Any]],
    text: str,
) -> None:
    """Which paths sent a duplicated message, and what their processes did next."""
    events = [json.loads(line) for line in trace_path.read_text().splitlines() if line.strip()]
    key = text_key(text)
    arrivals = [round(m["at"], 3) for m in inbox if m["text"] == text]
    print(f"DUPLICATE chat {chat_id} {text[:50]!r} arrived at {arrivals}", file=sys.stderr)
    killed_at = {pid: at for at, pid in kills}
    for index, event in enumerate(events):
        if event["event"] != "send" or event["chat"] != chat_id or event["text"] != key:
            continue
        pid = event["pid"]
        before = [e for e in events[max(0, index - 30) : index] if e["pid"] == pid][-1:]
        after = [e for e in events[index + 1 :] if e["pid"] == pid][:3]
        killed = killed_at.get(pid)
        print(
            f"  pid {pid} ({'killed at ' + str(round(killed, 3)) if killed else 'not killed'})"
            f": {before} -> SEND {event['path']} at {round(event['at'], 3)} -> {after}",
            file=sys.stderr,
        )
