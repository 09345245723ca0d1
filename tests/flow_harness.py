"""The fast tier: conversations run without aiogram and without the Telegram double.

Each `send`/`press` is one unit of work as the transport makes it (load the user row,
build a `Ctx`, route the text or button, commit), minus the transport itself: no update
parsing, no middleware, no Bot API calls. Replies come back as `Reply` objects. Use the
real Dispatcher (tests/conftest.py `Harness`) only for what the transport adds.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from powbot.config import Settings
from powbot.conversation.context import Ctx
from powbot.domain.messages import Reply
from powbot.features import routing
from powbot.features.compose import compose
from powbot.knowledge.content import Content
from powbot.storage.db import Database
from powbot.storage.models import User
from tests.clock_double import clock_now
from tests.conftest import make_settings, shipped_content


@dataclass
class FlowHarness:
    settings: Settings
    content: Content
    db: Database

    async def _unit(self, user_id: int, action: str, value: str) -> list[Reply]:
        async with self.db.transaction() as session:
            user = await session.get(User, user_id, with_for_update=True)
            if user is None:
                user = User(id=user_id, chat_id=user_id, first_name="Test", created_at=clock_now())
                session.add(user)
                await session.flush()
            ctx = Ctx(session, self.settings, self.content, clock_now(), user)
            if action == "text":
                await routing.handle_text(ctx, value)
            else:
                await routing.handle_button(ctx, value)
            return ctx.replies

    async def send(self, user_id: int, text: str) -> list[Reply]:
        return await self._unit(user_id, "text", text)

    async def press(self, user_id: int, replies: list[Reply], label: str) -> list[Reply]:
        """Press the button whose label contains `label` on the last reply that has buttons."""
        with_buttons = [reply for reply in replies if reply.buttons]
        assert with_buttons, "no buttons were shown"
        buttons = [button for row in with_buttons[-1].buttons for button in row]
        match = [b for b in buttons if label.casefold() in b.label.casefold()]
        assert match, f"no button {label!r} in {[b.label for b in buttons]}"
        return await self._unit(user_id, "button", match[0].data or "")

    async def user(self, user_id: int) -> User | None:
        async with self.db.transaction() as session:
            return await session.get(User, user_id)


@pytest.fixture
async def flows(sqlite_url: str) -> AsyncIterator[FlowHarness]:
    settings = make_settings(sqlite_url)
    content = shipped_content(settings)
    assert content is not None
    compose()
    db = Database(settings.database_url)  # a copy of the migrated template: nothing to migrate
    yield FlowHarness(settings, content, db)
    await db.dispose()


def text_of(replies: list[Reply]) -> str:
    return "\n".join(reply.text for reply in replies)
