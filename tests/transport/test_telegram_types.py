"""aiogram's types are built on first use (start-up), and then parse updates as before."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import powbot.bot.app
    from aiogram.methods import SendMessage
    from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

    assert not Message.__pydantic_complete__, "aiogram's types were all built at import"
    raw = {
        "update_id": 7,
        "callback_query": {
            "id": "1", "chat_instance": "c", "data": "flow:go",
            "from": {"id": 5, "is_bot": False, "first_name": "Ann", "language_code": "nl"},
            "message": {
                "message_id": 3, "date": 1700000000, "text": "Kies",
                "chat": {"id": 5, "type": "private"},
                "entities": [{"type": "bold", "offset": 0, "length": 4}],
                "reply_markup": {"inline_keyboard": [[{"text": "Ja", "callback_data": "y"}]]},
                "reply_to_message": {
                    "message_id": 2, "date": 1700000000, "chat": {"id": 5, "type": "private"},
                    "photo": [{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}],
                },
            },
        },
    }
    update = Update.model_validate(raw)
    query = update.callback_query
    assert query.from_user.first_name == "Ann"
    assert query.message.reply_markup.inline_keyboard[0][0].callback_data == "y"
    assert query.message.reply_to_message.photo[0].width == 1
    assert Update.model_validate(update.model_dump()) == update
    markup = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Ja", url="https://x.nl")]])
    call = SendMessage(chat_id=5, text="hallo", reply_markup=markup)
    assert call.reply_markup.inline_keyboard[0][0].url == "https://x.nl"
    # The session parses each answer of the Bot API as Response[<what the method returns>].
    from aiogram.methods import GetUpdates
    from aiogram.methods.base import Response
    sent = {"message_id": 4, "date": 1700000000, "chat": {"id": 5, "type": "private"}}
    answer = Response[SendMessage.__returning__].model_validate({"ok": True, "result": sent})
    assert answer.result.chat.id == 5
    polled = Response[GetUpdates.__returning__].model_validate({"ok": True, "result": [raw]})
    assert polled.result[0].callback_query.data == "flow:go"
    try:
        Update.model_validate({"update_id": "not a number"})
    except ValueError:
        pass
    else:
        raise AssertionError("a malformed update was accepted")
    print("ok")
    """
)


def test_updates_and_bot_api_calls_parse_with_types_built_on_first_use() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
