"""Issue 18, defect 8: a button pressed in a group chat was never answered (the spinner
kept turning)."""

from __future__ import annotations

from datetime import datetime

from aiogram.methods import AnswerCallbackQuery
from aiogram.types import CallbackQuery, Chat, Message, Update, User

from tests.conftest import Harness


async def test_a_button_in_a_group_is_answered(harness: Harness) -> None:
    group = Chat(id=-100123, type="group")
    origin = Message(message_id=1, date=datetime(2026, 1, 1), chat=group, text="")
    update = Update(
        update_id=990_001,
        callback_query=CallbackQuery(
            id="g1",
            from_user=User(id=6001, is_bot=False, first_name="G"),
            chat_instance="ci",
            message=origin,
            data="menu:go:faq:",
        ),
    )
    await harness.app.feed(update)
    assert any(isinstance(call, AnswerCallbackQuery) for call in harness.session.calls)
