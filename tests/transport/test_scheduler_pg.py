"""Two running instances on one PostgreSQL database never send the same check-in."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlmodel import col, select

from powbot.bot.app import create_app
from powbot.bot.scheduler import run_due
from powbot.domain.placements import create_placement
from powbot.domain.unit import Services
from powbot.storage.models import ScheduledItem, User
from powbot.storage.models_aftercare import CheckIn
from tests.clock_double import clock_now
from tests.conftest import make_settings
from tests.telegram_double import RecordingSession

WORKERS = 12


async def test_two_dispatchers_send_each_checkin_exactly_once(postgres_url: str) -> None:
    settings = make_settings(postgres_url)
    sessions = [RecordingSession(), RecordingSession()]
    first = await create_app(settings, session=sessions[0])
    second = await create_app(settings, session=sessions[1])
    try:
        now = clock_now()
        async with first.runtime.db.transaction() as session:
            services = Services(session, settings, first.runtime.content, now)
            for n in range(WORKERS):
                session.add(
                    User(
                        id=40_000 + n,
                        chat_id=40_000 + n,
                        role="seeker",
                        language="nl",
                        consent_at=now,
                    )
                )
            await session.flush()
            for n in range(WORKERS):
                await create_placement(
                    services,
                    seeker_id=40_000 + n,
                    employer_name="Zon",
                    job_title="Inpakker",
                    start_date=(now + timedelta(days=2)).date(),
                    source="coach",
                )
        # Every planned check-in and everything else comes due at once, for both.
        moment = now + timedelta(days=400)
        await asyncio.gather(run_due(first.runtime, moment), run_due(second.runtime, moment))
        sent = [s for rec in sessions for s in rec.sent if s.buttons and s.buttons[0][0] == "😞"]
        data = [s.buttons[0][1] for s in sent]
        firsts = [s for s in sent if "Even een korte check-in" in s.text]
        async with first.runtime.db.transaction() as session:
            planned = (await session.exec(select(CheckIn))).all()
            items = (
                await session.exec(
                    select(ScheduledItem).where(col(ScheduledItem.kind) == "aftercare.checkin")
                )
            ).all()
        assert len(planned) >= 12 * WORKERS
        # The day-before check-ins came due after the start day: not sent ("morgen begin je").
        due = [c for c in planned if c.moment != "before_start"]
        assert all(c.status == "cancelled" for c in planned if c.moment == "before_start")
        assert len(firsts) == len(due), "each check-in sent once"
        assert len({s.buttons[0][1] for s in firsts}) == len(firsts), "no duplicates"
        assert all(item.status == "done" for item in items)
        assert sorted(data) == sorted(f"aftercare:m:{c.id}.1:" for c in due)
        assert all(len(rec.sent) > 0 for rec in sessions), "both instances did work"
    finally:
        await first.close()
        await second.close()
