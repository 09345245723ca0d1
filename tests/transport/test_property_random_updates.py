"""Thousands of random updates through the real dispatcher (hypothesis).

Random text, commands, numbers, button presses (own, another user's, forged, replayed),
stickers and redelivered updates, from users of every role, in random order. Afterwards:
no unhandled error, every call within Telegram's limits (the Bot API double asserts them),
no user received another user's data, and the database is consistent.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from datetime import timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from aiogram.types import Message, Update
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from powbot.bot.commands import ALL_COMMANDS
from powbot.bot.scheduler import run_due
from powbot.domain.unit import Services
from powbot.features.onboarding.invites import create_invite
from powbot.storage.personal import PERSONAL
from powbot.storage.tables import metadata
from tests.clock_double import clock_now
from tests.conftest import Harness, Player, make_harness, make_settings, onboard
from tests.telegram_double import MESSAGE_DATE

# First names double as secrets: one user's name must never reach another user.
NAMES = {901: "Qalpha", 902: "Qbravo", 903: "Qcharlie", 904: "Qdelta", 905: "Qecho", 906: "Qfox"}
ADMIN = 905
IDS = itertools.count(5_000_000)

texts = st.one_of(
    st.text(max_size=120),
    st.sampled_from(sorted(ALL_COMMANDS)).map(lambda c: "/" + c),
    st.sampled_from(["/start", "/start abc", "/start " + "x" * 64]),
    st.integers(min_value=-5, max_value=60).map(str),
    st.sampled_from(["ja", "nee", "Yes", "klaar", "done", "stop", "LKS aanvragen", "proef"]),
    st.just("lang " * 900),
)
events = st.lists(
    st.tuples(
        st.sampled_from(sorted(NAMES)),
        st.sampled_from(
            ["text", "text", "own", "own", "own", "other", "forged", "sticker", "again", "tick"]
        ),
        texts,
        st.integers(min_value=0, max_value=50),
        st.text(max_size=70),
    ),
    min_size=20,
    max_size=90,
)


class ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


async def setup(tmp: Path) -> tuple[Harness, dict[int, Player]]:
    harness = await make_harness(
        make_settings(f"sqlite+aiosqlite:///{tmp / 'p.db'}", POWBOT_ADMIN_IDS=str(ADMIN))
    )
    players = {uid: harness.user(uid, first_name=name) for uid, name in NAMES.items()}
    await onboard(players[901])
    await onboard(players[902])
    await onboard(players[903], role="employer")
    runtime = harness.runtime
    async with runtime.db.transaction() as session:
        services = Services(session, runtime.settings, runtime.content, clock_now())
        code, _ = await create_invite(services, "coach", None, timedelta(days=1))
    await players[904].send(f"/start {code}")
    await players[904].press("Nederlands")
    await players[905].send("/start")
    await players[905].press("Nederlands")
    return harness, players


async def play(harness: Harness, players: dict[int, Player], script: list[Any]) -> None:
    history: list[Update] = []
    for uid, kind, text, index, junk in script:
        player = players[uid]
        update: Update | None = None
        if kind == "text":
            update = player.message_update(text, next(IDS))
        elif kind in ("own", "other"):
            source = player if kind == "own" else players[sorted(NAMES)[index % len(NAMES)]]
            keyboards = [s for s in source.inbox() if s.buttons]
            if keyboards:
                sent = keyboards[-1 - index % min(3, len(keyboards))]
                _label, data = sent.buttons[index % len(sent.buttons)]
                if data:
                    update = player.callback_update(data, sent.message_id, next(IDS))
        elif kind == "forged":
            update = player.callback_update(junk or "x", 1, next(IDS))
        elif kind == "sticker":
            update = Update(
                update_id=next(IDS),
                message=Message(
                    message_id=1, date=MESSAGE_DATE, chat=player.chat, from_user=player.tg
                ),
            )
        elif kind == "again" and history:
            update = history[index % len(history)]
        elif kind == "tick":
            await run_due(harness.runtime, clock_now() + timedelta(hours=index * 3))
        if update is not None:
            history.append(update)
            await harness.app.feed(update)


async def check_database(harness: Harness) -> None:
    async with harness.runtime.db.transaction() as session:
        users = set((await session.exec(sa.select(metadata.tables["users"].c.id))).scalars())  # type: ignore[call-overload]
        for entry in PERSONAL.values():
            if entry.erase != "delete" or entry.table == "users":
                continue
            table = metadata.tables[entry.table]
            column = table.c[entry.owner_columns[0]]
            owners = set((await session.exec(sa.select(column).distinct())).scalars())  # type: ignore[call-overload]
            orphans = {owner for owner in owners if owner is not None} - users
            assert not orphans, f"{entry.table} has rows for unknown users {orphans}"
        runs = metadata.tables["questionnaire_runs"]
        open_runs = (
            await session.exec(  # type: ignore[call-overload]
                sa.select(runs.c.user_id, sa.func.count())
                .where(runs.c.status.in_(("active", "paused")))
                .group_by(runs.c.user_id)
            )
        ).all()
        assert all(count == 1 for _, count in open_runs), "a user has two open questionnaires"


def test_random_updates_never_break_or_leak(tmp_path: Path) -> None:
    loop = asyncio.new_event_loop()
    harness, players = loop.run_until_complete(setup(tmp_path))
    errors = ErrorCounter()
    logging.getLogger().addHandler(errors)
    counter = itertools.count()

    @settings(
        max_examples=35,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )
    @given(script=events)
    def run(script: list[Any]) -> None:
        next(counter)
        loop.run_until_complete(play(harness, players, script))
        assert errors.records == [], errors.records
        for uid, player in players.items():
            for sent in player.inbox():
                assert "Foutcode" not in sent.text and "Error code" not in sent.text, sent.text
                for other, name in NAMES.items():
                    if other != uid:
                        assert name not in sent.text, f"{name} leaked to {uid}: {sent.text}"
        loop.run_until_complete(check_database(harness))

    try:
        run()
        total = len(harness.session.calls)
        assert total > 1000, f"only {total} Bot API calls: the random walk did too little"
    finally:
        logging.getLogger().removeHandler(errors)
        loop.run_until_complete(harness.app.close())
        loop.close()
