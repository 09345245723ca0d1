"""`powbot chat`: the real bot in a terminal, without Telegram.

Updates are built from what you type and fed to the same Dispatcher as in production;
a Bot API session that prints instead of calling Telegram shows the replies. Buttons are
numbered: type the number or the label to press one.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import sys
import time
from collections.abc import AsyncGenerator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.methods import (
    AnswerCallbackQuery,
    EditMessageReplyMarkup,
    SendDocument,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiogram.types import CallbackQuery, Chat, InlineKeyboardMarkup, Message, Update, User
from sqlmodel import select

from powbot.bot.app import App, create_app
from powbot.bot.scheduler import run_due
from powbot.clock import ShiftedClock, install_clock, parse_iso, to_local, utcnow
from powbot.config import Settings
from powbot.conversation.registry import FLOWS
from powbot.knowledge.text import normalise
from powbot.storage.models import Outbox
from powbot.storage.models import User as DbUser


class TerminalSession(BaseSession):
    """A Bot API 'server' that writes to a terminal and remembers the last keyboard."""

    def __init__(self, out: TextIO, files_dir: Path) -> None:
        super().__init__()
        self.out = out
        self.files_dir = files_dir
        self.message_ids = itertools.count(1)
        self.keyboard: list[tuple[str, str | None, str | None]] = []  # (label, data, url)
        self.keyboard_message: tuple[int, int] | None = None  # (chat, message)

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[Any],
        timeout: int | None = None,
    ) -> Any:
        if isinstance(method, SendMessage):
            return self._show(method.chat_id, method.text, method.reply_markup)
        if isinstance(method, SendPhoto):
            path = self._save(method.photo, "png")
            return self._show(
                method.chat_id, f"{method.caption or ''}\n🖼  {path}".strip(), method.reply_markup
            )
        if isinstance(method, SendDocument):
            path = self._save(method.document, "json")
            return self._show(method.chat_id, f"📎 {path}", None)
        if isinstance(method, AnswerCallbackQuery):
            if method.text:
                self.out.write(f"   ({method.text})\n")
            return True
        if isinstance(method, EditMessageReplyMarkup):
            if self.keyboard_message == (method.chat_id, method.message_id):
                self.keyboard, self.keyboard_message = [], None
            return True
        return True  # setMyCommands and friends: nothing to show

    def _save(self, upload: Any, extension: str) -> Path:
        self.files_dir.mkdir(parents=True, exist_ok=True)
        name = getattr(upload, "filename", None) or f"file.{extension}"
        path = self.files_dir / f"{int(time.time() * 1000)}-{name}"
        data = getattr(upload, "data", b"")
        path.write_bytes(data)
        return path

    def _show(self, chat_id: Any, text: str | None, markup: Any) -> Message:
        message_id = next(self.message_ids)
        self.out.write(f"bot: {(text or '').replace(chr(10), chr(10) + '     ')}\n")
        if int(chat_id) == self.keyboard_message_chat() and not isinstance(
            markup, InlineKeyboardMarkup
        ):
            # A newer message without buttons: typed numbers are text again.
            self.keyboard, self.keyboard_message = [], None
        if isinstance(markup, InlineKeyboardMarkup):
            self.keyboard = [
                (button.text, button.callback_data, button.url)
                for row in markup.inline_keyboard
                for button in row
            ]
            self.keyboard_message = (int(chat_id), message_id)
            self.show_keyboard()
            self._keep_keyboard()
        self.out.flush()
        return Message(
            message_id=message_id,
            date=utcnow(),
            chat=Chat(id=int(chat_id), type="private"),
            text=text,
        )

    def show_keyboard(self) -> None:
        for number, (label, _, _) in enumerate(self.keyboard, start=1):
            self.out.write(f"     [{number}] {label}\n")

    def _kept_file(self, chat_id: int) -> Path:
        return self.files_dir / f"buttons-{chat_id}.json"

    def _keep_keyboard(self) -> None:
        """The last buttons survive a restart of the chat: a number typed after reopening it
        pressed a main-menu item instead of the button on the screen (tester)."""
        if self.keyboard_message is None:
            return
        self.files_dir.mkdir(parents=True, exist_ok=True)
        kept = {"message": self.keyboard_message, "buttons": self.keyboard}
        self._kept_file(self.keyboard_message[0]).write_text(json.dumps(kept), encoding="utf-8")

    def restore_keyboard(self, chat_id: int) -> bool:
        """The buttons that were on the screen when this user's chat last closed."""
        try:
            kept = json.loads(self._kept_file(chat_id).read_text(encoding="utf-8"))
            self.keyboard = [(str(label), data, url) for label, data, url in kept["buttons"]]
            self.keyboard_message = (int(kept["message"][0]), int(kept["message"][1]))
        except (OSError, ValueError, KeyError, TypeError):
            return False
        return bool(self.keyboard)

    def keyboard_message_chat(self) -> int | None:
        return self.keyboard_message[0] if self.keyboard_message else None

    def pick(self, line: str) -> tuple[str, str | None, str | None] | None:
        """The button a typed line means: its number or its label."""
        if not self.keyboard:
            return None
        stripped = line.strip()
        if stripped.isdigit() and 1 <= int(stripped) <= len(self.keyboard):
            return self.keyboard[int(stripped) - 1]
        wanted = normalise(stripped)
        for button in self.keyboard:
            if wanted and normalise(button[0]) == wanted:
                return button
        return None

    async def close(self) -> None:
        pass

    async def stream_content(self, *args: Any, **kwargs: Any) -> AsyncGenerator[bytes, None]:
        yield b""


def _update_ids() -> itertools.count[int]:
    # Unique across runs on the same database, so the duplicate check never bites.
    return itertools.count(time.time_ns() // 1000)


async def takes_number(app: App, user_id: int) -> bool:
    """Whether the user's current step asks for a number: then a bare number typed is that
    number, not the button at that position (a flow says so with `takes_number(content, step)`)."""
    async with app.runtime.db.transaction() as session:
        user = await session.get(DbUser, user_id)
    if user is None or user.flow is None:
        return False
    check = getattr(FLOWS.get(user.flow), "takes_number", None)
    return bool(check is not None and check(app.runtime.content, user.step))


async def pending_for(app: App, user_id: int) -> tuple[int, list[datetime]]:
    """Messages waiting for this user: how many are due now (shown at once), and when each
    of the others is due (held for quiet hours or planned for later)."""
    now = utcnow()
    async with app.runtime.db.transaction() as session:
        rows = await session.exec(
            select(Outbox.due_at).where(Outbox.user_id == user_id, Outbox.status == "pending")
        )
        due_times = [as_utc(due) for due in rows.all()]
    return sum(due <= now for due in due_times), sorted(due for due in due_times if due > now)


def as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def waiting_lines(app: App, due: int, held: list[datetime]) -> list[str]:
    catalog, settings = app.runtime.content.catalog, app.runtime.settings
    lang = settings.default_language
    lines = [catalog.t(lang, "localchat.waiting", count=due)] if due else []
    if held:
        first = to_local(held[0], settings.tz).strftime("%d-%m-%Y %H:%M")
        lines.append(catalog.t(lang, "localchat.held", count=len(held), when=first))
    return lines


async def chat(
    settings: Settings, user_id: int, first_name: str, stdin: TextIO, out: TextIO
) -> None:
    session = TerminalSession(out, Path("data") / "local-chat")
    # A terminal has no flood limits to respect: pacing replies would only slow scripts down.
    settings = settings.model_copy(update={"send_rate": 1_000_000, "send_rate_per_chat": 1_000_000})
    app = await create_app(settings, session=session, warm_faq=False)  # /start asks nothing
    interactive = stdin.isatty()
    tg_user = User(
        id=user_id, is_bot=False, first_name=first_name, language_code=settings.default_language
    )
    chat_obj = Chat(id=user_id, type="private")
    ids = _update_ids()
    try:
        _opening_lines(app, session, user_id, interactive)
        due, held = await pending_for(app, user_id)
        for line in waiting_lines(app, due, held):
            out.write(line + "\n")
        await run_due(app.runtime, only_user=user_id)
        while True:
            if interactive:
                out.write("> ")
                out.flush()
            line = await asyncio.to_thread(stdin.readline)
            if not line:
                break
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if not interactive:
                out.write(f"> {line}\n")
            if line.strip().isdigit() and await takes_number(app, user_id):
                line = "'" + line  # a number question: the number is the answer
            if not _opens_a_link(session, line):
                await app.feed(_to_update(session, next(ids), tg_user, chat_obj, line))
                await run_due(app.runtime, only_user=user_id)
    finally:
        await app.close()


def _opening_lines(app: App, session: TerminalSession, user_id: int, interactive: bool) -> None:
    """The intro, and the buttons that were on the screen when this user's chat closed."""
    catalog, lang = app.runtime.content.catalog, app.runtime.settings.default_language
    if interactive:
        session.out.write(catalog.t(lang, "localchat.intro", user=user_id) + "\n")
    if session.restore_keyboard(user_id):
        session.out.write(catalog.t(lang, "localchat.buttons_kept") + "\n")
        session.show_keyboard()


def _opens_a_link(session: TerminalSession, line: str) -> bool:
    """A link button (🔗 Bron) chosen: the terminal shows its address, as a phone would open
    it; it went to the bot as the text '2' and opened a main-menu item (tester)."""
    button = session.pick(line) if not line.startswith("'") else None
    if button is None or button[1] is not None or not button[2]:
        return False
    session.out.write(f"     🔗 {button[2]}\n")
    return True


def _to_update(
    session: TerminalSession, update_id: int, user: User, chat_obj: Chat, line: str
) -> Update:
    if line.startswith("'"):
        line = line[1:]  # a leading apostrophe sends the rest as text, never as a button
        button = None
    else:
        button = session.pick(line)
    if button is not None and button[1] is not None:
        message_id = session.keyboard_message[1] if session.keyboard_message else 0
        origin = Message(message_id=message_id, date=utcnow(), chat=chat_obj, text="")
        return Update(
            update_id=update_id,
            callback_query=CallbackQuery(
                id=str(update_id),
                from_user=user,
                chat_instance="local",
                message=origin,
                data=button[1],
            ),
        )
    return Update(
        update_id=update_id,
        message=Message(
            message_id=update_id % 2_000_000_000,
            date=utcnow(),
            chat=chat_obj,
            from_user=user,
            text=line,
        ),
    )


def run_chat(settings: Settings, user_id: int, first_name: str, now: str | None = None) -> None:
    """`now`: run at this pretend (local ISO) time, as `powbot tick --now` does, so offers,
    check-ins and reminders planned for later can be tried; the clock runs on from there."""
    if now is not None:
        install_clock(ShiftedClock(parse_iso(now, settings.tz)))
    asyncio.run(chat(settings, user_id, first_name, sys.stdin, sys.stdout))
