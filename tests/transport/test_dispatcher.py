"""Around the flows: errors, limits, odd updates, the webhook and the local chat."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from aiogram.types import Chat, Message, Update
from aiohttp.test_utils import TestClient, TestServer

from powbot.bot.sender import split_text
from powbot.bot.serve import WEBHOOK_PATH, webhook_application
from powbot.domain.messages import Reply
from powbot.features.questionnaire import typed
from tests.conftest import Harness, Player, make_harness, make_settings, onboard
from tests.telegram_double import MESSAGE_DATE


async def test_unexpected_error_apologises_with_a_code_and_keeps_the_conversation(
    harness: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    ann = harness.user(300)
    await onboard(ann)
    await ann.press("Werkfit-vragenlijst")
    await ann.send("4")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(typed, "parse_answer", broken)  # fails while reading the answer
    with caplog.at_level(logging.ERROR):
        sorry = await ann.send("my secret health detail 12")
    assert "Foutcode:" in sorry[-1].text
    code = sorry[-1].text.rsplit(" ", 1)[-1]
    assert code in caplog.text
    assert "secret health detail" not in caplog.text  # user text never reaches the logs
    monkeypatch.undo()
    retry = await ann.send("20")
    assert "Vraag 3 van" in retry[-1].text  # nothing lost, nothing half-saved


def test_long_replies_are_split_within_telegram_limits() -> None:
    text = ("Een zin van een regel. " * 40 + "\n") * 12
    parts = split_text(text)
    assert len(parts) > 1
    assert all(len(part) <= 4096 for part in parts)
    assert "".join(part.replace("\n", "").replace(" ", "") for part in parts) == text.replace(
        "\n", ""
    ).replace(" ", "")


async def test_long_reply_reaches_the_user_in_parts(harness: Harness) -> None:
    await harness.runtime.sender.deliver(301, [Reply("x " * 5000)])
    sent = harness.session.to(301)
    assert len(sent) == 3 and all(len(s.text) <= 4096 for s in sent)


async def test_photos_stickers_and_edits_get_a_kind_answer(harness: Harness) -> None:
    bo = harness.user(302)
    await onboard(bo)
    sticker = Update(
        update_id=990001,
        message=Message(message_id=5, date=MESSAGE_DATE, chat=bo.chat, from_user=bo.tg),
    )
    reply = await bo.feed(sticker)
    assert "alleen tekst" in reply[0].text
    edited = Update(
        update_id=990002,
        edited_message=Message(
            message_id=6, date=MESSAGE_DATE, chat=bo.chat, from_user=bo.tg, text="oops"
        ),
    )
    reply = await bo.feed(edited)
    assert "aangepast" in reply[0].text


def _from(player: Player, update_id: int, *, edited: bool = False, **fields: str) -> Update:
    """An update with a message (or an edit of one) from this player: text or caption."""
    message = Message(
        message_id=update_id, date=MESSAGE_DATE, chat=player.chat, from_user=player.tg, **fields
    )
    if edited:
        return Update(update_id=update_id, edited_message=message)
    return Update(update_id=update_id, message=message)


async def test_danger_in_a_caption_or_an_edit_gets_help_at_once(harness: Harness) -> None:
    """A photo's caption went unread ("I can only read text") and an edited message only got
    "send it again", even when it said someone was in danger."""
    cas = harness.user(305)
    await onboard(cas)

    async def said(update: Update) -> str:
        return "\n".join(sent.text for sent in await cas.feed(update))

    photo = await said(_from(cas, 990003, caption="hij slaat me weer, ik durf niet naar huis"))
    assert "0800-2000" in photo  # Veilig Thuis
    assert "niet bekijken" in photo  # and that the photo itself was not looked at
    edit = await said(_from(cas, 990004, edited=True, text="ik wil niet meer leven"))
    assert "113" in edit and "aangepast" not in edit
    asked = await said(_from(cas, 990005, caption="mag ik bijverdienen naast mijn uitkering?"))
    assert "❓" in asked  # the words with a photo are read like a typed question


async def test_oversized_text_is_refused_politely(harness: Harness) -> None:
    cy = harness.user(303)
    await onboard(cy)
    reply = await cy.send("a" * 3000)
    assert "te lang" in reply[0].text


async def test_group_chats_are_ignored_except_a_short_note_for_commands(harness: Harness) -> None:
    di = harness.user(304)
    group = Chat(id=-100123, type="supergroup", title="Team")
    chatter = Update(
        update_id=990003,
        message=Message(message_id=1, date=MESSAGE_DATE, chat=group, from_user=di.tg, text="hoi"),
    )
    await harness.app.feed(chatter)
    assert harness.session.to(-100123) == []
    command = Update(
        update_id=990004,
        message=Message(
            message_id=2, date=MESSAGE_DATE, chat=group, from_user=di.tg, text="/start"
        ),
    )
    await harness.app.feed(command)
    assert "privégesprek" in harness.session.to(-100123)[0].text


async def test_flood_is_slowed_down_for_that_user_only(sqlite_url: str) -> None:
    harness = await make_harness(make_settings(sqlite_url, POWBOT_FLOOD_MESSAGES=5))
    try:
        fast, calm = harness.user(305), harness.user(306)
        for _ in range(8):
            await fast.send("/help")
        warnings = [s for s in fast.inbox() if "veel berichten" in s.text]
        assert len(warnings) == 1  # told once, not once per message
        assert len([s for s in fast.inbox() if "powbot" in s.text]) == 5
        reply = await calm.send("/help")
        assert "powbot" in reply[0].text
    finally:
        await harness.app.close()


async def test_forged_callback_data_gets_a_neutral_answer(harness: Harness) -> None:
    ed = harness.user(307)
    await onboard(ed)
    before = len(ed.inbox())
    for data in ("questionnaire:a:999:", "nonsense", "x" * 64, "menu:go:admin:", "coach:x::"):
        await ed.press_data(data)
    assert harness.session.toasts[-5:] == ["Deze knop werkt niet meer."] * 5
    assert ed.inbox()[before:] == []  # nothing started, nothing revealed


async def test_webhook_requires_the_secret_token_and_has_a_health_check(sqlite_url: str) -> None:
    harness = await make_harness(
        make_settings(
            sqlite_url, POWBOT_WEBHOOK_SECRET="s3cret-token", POWBOT_WEBHOOK_URL="https://x"
        )
    )
    client = TestClient(TestServer(webhook_application(harness.app)))
    await client.start_server()
    try:
        health = await client.get("/health")
        assert health.status == 200 and (await health.json())["status"] == "ok"
        update = {
            "update_id": 77,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": 308, "type": "private"},
                "from": {"id": 308, "is_bot": False, "first_name": "W"},
                "text": "/start",
            },
        }
        refused = await client.post(WEBHOOK_PATH, json=update)
        assert refused.status == 401
        wrong = await client.post(
            WEBHOOK_PATH, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "guess"}
        )
        assert wrong.status == 401
        assert harness.session.to(308) == []
        accepted = await client.post(
            WEBHOOK_PATH, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"}
        )
        assert accepted.status == 200
        assert "Welke taal" in harness.session.to(308)[0].text
    finally:
        await client.close()
        await harness.app.close()


def test_local_chat_runs_a_scripted_conversation(tmp_path: Path) -> None:
    script = "/start\n1\n1\n1\n1\n5\n'2\n"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'chat.db'}"}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    result = subprocess.run(
        [sys.executable, "-m", "powbot.cli", "chat", "--user", "42"],
        input=script,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "[1] 🇳🇱 Nederlands" in out
    assert "Vraag 1 van" in out and "Vraag 2 van" in out
    # "'2" is sent as text (2 hours), not as a press on button 2
    assert "Vraag 3 van" in out


def redis_available() -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


async def test_flood_limit_is_shared_by_workers_through_redis(tmp_path: Path) -> None:
    if not redis_available():
        pytest.skip("Redis is not reachable on 127.0.0.1:6379")
    import random

    url = f"sqlite+aiosqlite:///{tmp_path / 'shared.db'}"
    settings = {"REDIS_URL": "redis://127.0.0.1:6379/0", "POWBOT_FLOOD_MESSAGES": 4}
    first = await make_harness(make_settings(url, **settings))
    second = await make_harness(make_settings(url, **settings))
    try:
        user_id = random.randint(10**9, 2 * 10**9)  # fresh keys in the shared Redis
        on_first, on_second = first.user(user_id), second.user(user_id)
        for turn in range(6):  # alternate between the two workers
            await (on_first if turn % 2 == 0 else on_second).send("/help")
        answered = [s for s in on_first.inbox() + on_second.inbox() if "powbot" in s.text]
        warned = [s for s in on_first.inbox() + on_second.inbox() if "veel berichten" in s.text]
        assert len(answered) == 4 and len(warned) == 1
    finally:
        await first.app.close()
        await second.app.close()


async def test_a_database_constraint_error_is_not_mistaken_for_a_redelivery(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import IntegrityError

    ann = harness.user(309)
    await onboard(ann)
    await ann.press("Werkfit-vragenlijst")

    async def clash(*args: object, **kwargs: object) -> None:
        raise IntegrityError("INSERT ...", {}, Exception("unique constraint"))

    monkeypatch.setattr(typed, "store", clash)
    reply = await ann.send("4")
    assert "Foutcode:" in reply[-1].text  # the user hears something went wrong
