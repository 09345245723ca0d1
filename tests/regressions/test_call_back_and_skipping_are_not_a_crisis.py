"""An employer's 'please call me back' got a 'just in case' Veilig Thuis line, 'I would like
someone to call me' a 113 line; a job seeker's 'ik sla deze vraag over' (I skip this
question; 'sla' also means 'hit') got Veilig Thuis. Asking for a call back and skipping
are everyday requests; the same words with danger in them still get help."""

from __future__ import annotations

from tests.conftest import Harness, onboard


async def test_asking_for_a_call_back_gets_the_call_back_not_crisis_help(
    harness: Harness,
) -> None:
    for offset, text in enumerate(("please call me back", "I would like someone to call me")):
        boss = harness.user(9201 + 100 * offset)
        await onboard(boss, role="employer", language="en")
        said = boss.texts(await boss.send(text))
        assert "Veilig Thuis" not in said and "113" not in said
        assert "What is your name?" in said or "call-back" in said
    boss = harness.user(9401)
    await onboard(boss, role="employer", language="en")
    danger = boss.texts(await boss.send("please call me, my employee says he wants to die"))
    assert "113" in danger


async def test_skipping_a_question_is_not_hitting_someone(harness: Harness) -> None:
    ann = harness.user(9202)
    await onboard(ann)
    said = ann.texts(await ann.send("ik sla deze vraag over"))
    assert "Veilig Thuis" not in said
    assert "Veilig Thuis" in ann.texts(await ann.send("mijn man slaat me elke avond"))
