"""Issue 18, defect 1: answers in progress were wiped by ordinary commands.

Every command a job seeker has and every button not bound to a step is used in the middle of
the questionnaire; afterwards the answers given so far are still there (/vragenlijst offers
to continue at the next question, and the run row holds them).
"""

from __future__ import annotations

import itertools

from sqlmodel import col, select

from powbot.domain.messages import Callback
from powbot.storage.models import QuestionnaireRun, User
from tests.conftest import Harness, Player, onboard
from tests.features.questionnaire.test_questionnaire_flow import READY, answer_for

ANSWERED = 3
SEEKER_COMMANDS = [
    "/start",
    "/menu",
    "/help",
    "/hulp",
    "/taal",
    "/stop",
    "/privacy",
    "/mijngegevens",
    "/vragenlijst",
    "/profiel",
    "/vacatures",
    "/aanmeldingen",
    "/werk",
    "/coach",
    "/checkin",
    "/vraag",
    "/web",
    "/onbekend",
]
IDS = itertools.count(918_000)


async def _midway(harness: Harness) -> Player:
    player = harness.user(next(IDS))
    await onboard(player)
    await player.send("/vragenlijst")
    for _ in range(ANSWERED):
        await player.send(answer_for(player.inbox()[-1].text, READY))
    return player


async def _answers_kept(harness: Harness, player: Player) -> int:
    async with harness.runtime.db.transaction() as session:
        user = await session.get(User, player.id)
        run = (
            await session.exec(
                select(QuestionnaireRun)
                .where(QuestionnaireRun.user_id == player.id)
                .order_by(col(QuestionnaireRun.id).desc())
            )
        ).first()
    assert user is not None and run is not None
    if user.flow == "questionnaire" and "answers" in user.flow_data:
        return len(user.flow_data["answers"])
    return len(run.answers)


async def _unbound_buttons(harness: Harness) -> set[str]:
    """Every button without a step that a job seeker is shown by a command."""
    scout = harness.user(next(IDS))
    await onboard(scout)
    found: set[str] = set()
    for command in SEEKER_COMMANDS:
        for sent in await scout.send(command):
            for _, data in sent.buttons:
                callback = Callback.decode(data)
                if callback is not None and callback.screen is None:
                    found.add(data or "")
    return found


async def test_no_command_or_unbound_button_loses_answers_in_progress(harness: Harness) -> None:
    buttons = await _unbound_buttons(harness)
    assert any(data.startswith("menu:go:") for data in buttons)
    cases = [(command, None) for command in SEEKER_COMMANDS] + [
        ("/verwijder", "Nee"),
        *[(None, data) for data in sorted(buttons)],
    ]
    lost: list[str] = []
    for command, then in cases:
        player = await _midway(harness)
        if command is not None:
            await player.send(command)
            if then is not None:
                await player.press(then)
        else:
            await player.press_data(then or "")
        if await _answers_kept(harness, player) < ANSWERED:
            lost.append(command or then or "")
            continue
        await player.send("/stop")  # whatever the screen was, leave it
        offer = await player.send("/vragenlijst")
        if not any(f"vraag {ANSWERED + 1} " in sent.text.lower() for sent in offer):
            lost.append(f"{command or then}: {offer[-1].text[:60]}")
    assert lost == []
