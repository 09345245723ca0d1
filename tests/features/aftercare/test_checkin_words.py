"""Every word kept (issue 14): what a worker types during a check-in is stored with it and
gets a fitting reply; crisis words get help first and are kept too; a request to the bot
("menu") is not taken for words about work."""

from __future__ import annotations

from sqlmodel import select

from powbot.storage.models_aftercare import CheckInAnswer, CheckInWords
from tests.aftercare_support import (
    alerts,
    checkins,
    make_client,
    make_coach,
    place,
    send_checkin,
    tomorrow,
)
from tests.conftest import Harness, onboard


async def kept(harness: Harness) -> list[tuple[str, str]]:
    async with harness.runtime.db.transaction() as session:
        rows = (await session.exec(select(CheckInWords).order_by(CheckInWords.id))).all()
    return [(row.step, row.text) for row in rows]


async def test_words_at_a_question_are_kept_and_the_question_comes_again(
    harness: Harness,
) -> None:
    cas = harness.user(730, "Cas")
    await onboard(cas)
    await place(harness, cas.id, tomorrow())
    await send_checkin(harness, cas.id, questions=["workload", "health"])
    await cas.press("🙂")
    reply = await cas.send("de eerste dag was lang, ik moest veel staan")
    text = cas.texts(reply)
    assert "Ik heb dit bij je check-in bewaard." in text and "coach" not in text.lower()
    assert "Hoe is het werk zelf?" in reply[-1].text  # the same question again
    assert "begreep ik niet" not in text and "weet ik helaas niet" not in text
    assert await kept(harness) == [("workload", "de eerste dag was lang, ik moest veel staan")]


async def test_crisis_words_get_help_first_and_are_kept_with_the_checkin(
    harness: Harness,
) -> None:
    coach = await make_coach(harness, 731, "Anna")
    bram = await make_client(harness, coach, 732, "Bram")
    await place(harness, bram.id, tomorrow())
    await send_checkin(harness, bram.id, questions=["workload", "health"])
    reply = await bram.send("ik wil dood, het werk is te veel")
    text = bram.texts(reply)
    assert "113" in text  # the safety layer answered first
    assert reply[-1].buttons and reply[-1].buttons[0][0] == "😞"  # then the check-in goes on
    assert await kept(harness) == [("mood", "ik wil dood, het werk is te veel")]


async def test_a_request_to_the_bot_is_not_taken_for_words_about_work(harness: Harness) -> None:
    coach = await make_coach(harness, 733, "Anna")
    bram = await make_client(harness, coach, 734, "Bram")
    await place(harness, bram.id, tomorrow())
    await send_checkin(harness, bram.id)
    await bram.send("menu")
    assert await kept(harness) == []
    assert (await checkins(harness, bram.id))[0].status == "sent"  # still open for later


async def test_asking_for_the_coach_by_name_is_a_request_not_words_about_work(
    harness: Harness,
) -> None:
    """'kan ik met anna praten' at a check-in question was kept as words about work: the
    coach's first name counts as a person to talk to. The way to the coach is shown and the
    check-in goes on where it was; a 'hoi' left it for the menu."""
    coach = await make_coach(harness, 735, "Anna")
    bram = await make_client(harness, coach, 736, "Bram")
    await place(harness, bram.id, tomorrow())
    await send_checkin(harness, bram.id, questions=["workload", "health"])
    await bram.press("🙂")
    reply = await bram.send("kan ik met anna praten")
    assert "Je coach is Anna" in bram.texts(reply)
    assert "Hoe is het werk zelf?" in reply[-1].text  # then the check-in goes on
    assert await kept(harness) == []
    hello = await bram.send("hoi")
    assert "Hoe is het werk zelf?" in hello[-1].text  # a greeting keeps the check-in too


async def test_regression_words_beyond_a_label_are_not_read_as_that_label(
    harness: Harness,
) -> None:
    """'nee, ik heb geen fiets' at 'is there enough money until your first pay?' was stored
    as 'Nee, ik kom geld tekort' and the coach was alerted that money was short. An answer
    with more to say than a label is kept as the worker's words, and the question comes
    again; a plain 'nee' is still the answer."""
    coach = await make_coach(harness, 737, "Anna")
    bram = await make_client(harness, coach, 738, "Bram")
    await place(harness, bram.id, tomorrow())
    await send_checkin(harness, bram.id, questions=["money_until_pay"])
    await bram.press("🙂")
    reply = await bram.send("nee, ik heb geen fiets")
    assert "bewaard" in bram.texts(reply)
    assert await kept(harness) == [("money_until_pay", "nee, ik heb geen fiets")]
    async with harness.runtime.db.transaction() as session:
        answers = (await session.exec(select(CheckInAnswer))).all()
    assert [a.question_id for a in answers] == []  # nothing read into it
    assert await alerts(harness, bram.id) == []  # and no alert that money is short
    await bram.send("nee")
    async with harness.runtime.db.transaction() as session:
        answers = (await session.exec(select(CheckInAnswer))).all()
    assert [(a.question_id, a.answer) for a in answers] == [("money_until_pay", "not_enough")]


async def test_a_bare_yes_where_the_question_has_other_answers_is_not_kept(
    harness: Harness,
) -> None:
    """'ja' at 'how are your colleagues?' was kept as the worker's words ("Ik heb dit bij je
    check-in bewaard"), and the coach read "ja"; the choices are shown again instead."""
    cas = harness.user(739, "Cas")
    await onboard(cas)
    await place(harness, cas.id, tomorrow())
    await send_checkin(harness, cas.id, questions=["colleagues"])
    await cas.press("🙂")
    reply = await cas.send("ja")
    assert "bewaard" not in cas.texts(reply) and reply[-1].buttons
    assert await kept(harness) == []
