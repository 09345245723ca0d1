"""The Open Hiring queue: fairness under concurrency, deadlines, reminders, restarts."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import col, select

from powbot.bot.scheduler import claim_due, run_due
from powbot.domain.open_hiring_queue import lock_vacancy, position, sign_up, withdraw
from powbot.storage.models import ScheduledItem
from powbot.storage.models_open_hiring import Offer, Signup
from tests.clock_double import clock_now
from tests.conftest import Harness, make_harness, make_settings
from tests.open_hiring_helpers import (
    approved_employer,
    deliver,
    make_users,
    make_vacancy,
    offers,
    outbox_texts,
    post_vacancy,
    seeker,
    services,
    signups,
)

HOURS = 48


async def _sign_up(harness: Harness, vacancy_id: int, user_id: int) -> None:
    async with harness.runtime.db.transaction() as session:
        await sign_up(services(harness, session), vacancy_id, user_id)


async def test_200_simultaneous_sign_ups_10_places(any_harness: Harness) -> None:
    """Separate sessions at once (truly concurrent connections on PostgreSQL): exactly
    10 offers, to the first 10 in stored order, the rest in consecutive places."""
    harness = any_harness
    vacancy_id = await make_vacancy(harness, places=10)
    people = list(range(10_000, 10_200))
    await make_users(harness, people)
    await asyncio.gather(*(_sign_up(harness, vacancy_id, person) for person in people))

    rows = await signups(harness, vacancy_id)
    assert len(rows) == 200 and len({row.user_id for row in rows}) == 200
    made = await offers(harness, vacancy_id)
    assert len(made) == 10
    assert sorted(offer.slot for offer in made) == list(range(1, 11))
    first_ten = [row.id for row in rows[:10]]
    assert sorted(offer.signup_id for offer in made) == first_ten
    assert {row.status for row in rows[:10]} == {"offered"}
    waiting = rows[10:]
    assert {row.status for row in waiting} == {"waiting"}
    assert [row.told_position for row in waiting] == list(range(1, 191))
    # Ten offer messages, ten reminders and ten expiries: none lost, none doubled.
    async with harness.runtime.db.transaction() as session:
        kinds = Counter((await session.exec(select(ScheduledItem.kind))).all())
    assert kinds == {"oh_offer_reminder": 10, "oh_offer_expiry": 10}


async def test_same_person_twice_at_once_is_on_the_list_once(any_harness: Harness) -> None:
    harness = any_harness
    vacancy_id = await make_vacancy(harness, places=1)
    await make_users(harness, [20, 21])
    await _sign_up(harness, vacancy_id, 20)
    results = await asyncio.gather(
        *(_sign_up(harness, vacancy_id, 21) for _ in range(5)), return_exceptions=True
    )
    assert sum(1 for result in results if result is None) == 1
    assert [row.user_id for row in await signups(harness, vacancy_id)] == [20, 21]


async def test_reminder_halfway_then_expiry_passes_the_place_on(harness: Harness) -> None:
    vacancy_id = await make_vacancy(harness, places=1, questions=[])
    ann = await seeker(harness, 400)
    bob = await seeker(harness, 401, name="Bob")
    for player in (ann, bob):
        await player.send("/vacatures")
        await player.press("Magazijn")
        await player.press("Aanmelden")
    offer = ann.inbox()[-1]
    assert "Je bent aan de beurt" in offer.text
    made = (await offers(harness, vacancy_id))[0]
    assert made.deadline_at - made.seen_from == timedelta(hours=HOURS)

    early = await deliver(harness, made.seen_from + timedelta(hours=HOURS / 2 - 1))
    assert early["items"] == 0
    await deliver(harness, made.seen_from + timedelta(hours=HOURS / 2))
    assert "Denk je eraan?" in ann.inbox()[-1].text
    assert any("Ja, ik wil" in label for label, _ in ann.inbox()[-1].buttons)

    await deliver(harness, made.deadline_at + timedelta(minutes=1))
    told = ann.inbox()[-1]
    assert "niet op tijd gereageerd" in told.text
    assert any("Opnieuw aanmelden" in label for label, _ in told.buttons)
    assert "Je bent aan de beurt" in bob.inbox()[-1].text
    assert [o.status for o in await offers(harness, vacancy_id)] == ["expired", "open"]
    # The old offer's Accept now gets a clear answer and changes nothing.
    stale = await ann.press("Ja, ik wil deze baan", offer)
    assert "tijd voor het aanbod" in stale[-1].text
    assert [o.status for o in await offers(harness, vacancy_id)] == ["expired", "open"]
    # Re-joining puts Ann at the end of the list.
    rejoined = await ann.press("Opnieuw aanmelden", told)
    assert "als 1e" in rejoined[-1].text
    assert [s.status for s in await signups(harness, vacancy_id)] == [
        "expired",
        "offered",
        "waiting",
    ]


async def test_deadline_that_fell_due_while_down_fires_after_restart(harness: Harness) -> None:
    vacancy_id = await make_vacancy(harness, places=1)
    await make_users(harness, [410, 411])
    await _sign_up(harness, vacancy_id, 410)
    await _sign_up(harness, vacancy_id, 411)
    deadline = (await offers(harness, vacancy_id))[0].deadline_at
    restarted = await harness.restart()
    try:
        await deliver(restarted, deadline + timedelta(days=3))  # long after, both due at once
        statuses = [o.status for o in await offers(restarted, vacancy_id)]
        assert statuses == ["expired", "open"]
        assert "Je bent aan de beurt" in restarted.session.to(411)[-1].text
        # Items of the expired offer ran once; nothing is left pending for it.
        async with restarted.runtime.db.transaction() as session:
            items = (await session.exec(select(ScheduledItem))).all()
        assert [i.status for i in items if i.ref == "oh_offer:1"] == ["done", "done"]
        # No late reminder for an offer whose deadline has passed: only the kind note.
        texts = [sent.text for sent in restarted.session.to(410)]
        assert len(texts) == 1 and "niet op tijd gereageerd" in texts[0]
    finally:
        harness.app = restarted.app  # the fixture closes the live app


async def test_withdraw_mid_list_moves_people_up_and_tells_the_front(harness: Harness) -> None:
    vacancy_id = await make_vacancy(harness, places=1)
    people = list(range(420, 435))  # 1 offered + 14 waiting
    await make_users(harness, people)
    for person in people:
        await _sign_up(harness, vacancy_id, person)
    rows = await signups(harness, vacancy_id)
    assert [row.told_position for row in rows[1:]] == list(range(1, 15))
    # Person in place 3 withdraws through the chat.
    third = harness.user(rows[3].user_id or 0)
    mine = await third.send("/aanmeldingen")
    assert "als 3e" in mine[-1].text
    await third.press("Afmelden")
    await third.press("Ja, afmelden")
    await deliver(harness)
    after = await signups(harness, vacancy_id)
    waiting = [row for row in after if row.status == "waiting"]
    async with harness.runtime.db.transaction() as session:
        places = [await position(services(harness, session), row) for row in waiting]
    assert places == list(range(1, 14))
    # Those who moved within the top 5 are told; those further back are not bothered.
    moved = [row.user_id for row in after[4:]]
    told = {user: await outbox_texts(harness, user or 0) for user in moved}
    assert "Je staat nu als 3e op de wachtlijst voor Magazijn" in told[moved[0]][-1]
    assert "als 5e" in told[moved[2]][-1]
    assert told[moved[3]] == []


async def test_closing_tells_everyone_on_the_list_and_old_buttons_say_so(
    harness: Harness,
) -> None:
    erik = await approved_employer(harness, 440)
    await post_vacancy(erik, places=1, questions=())
    ann = await seeker(harness, 441)
    bob = await seeker(harness, 442, name="Bob")
    for player in (ann, bob):
        await player.send("/vacatures")
        await player.press("Inpakker")
        await player.press("Aanmelden")
    offer = ann.inbox()[-1]
    listing = await erik.send("/mijnvacatures")
    await erik.press("Inpakker", listing[-1])
    confirm = await erik.press("Sluiten")
    assert "Er staan 1 mensen op de lijst" in confirm[-1].text
    closed = await erik.press("Ja, sluiten")
    assert "2 mensen op de lijst hebben een bericht gekregen" in closed[0].text
    await deliver(harness)
    for player in (ann, bob):
        assert "is gesloten door de werkgever" in player.inbox()[-1].text
    stale = await ann.press("Ja, ik wil deze baan", offer)
    assert "is gesloten" in stale[-1].text
    assert [o.status for o in await offers(harness, 1)] == ["cancelled"]
    async with harness.runtime.db.transaction() as session:
        pending = (
            await session.exec(select(ScheduledItem).where(col(ScheduledItem.status) == "pending"))
        ).all()
    assert pending == []
    again = await bob.press_data("hiring:join:1:")
    assert "gesloten of bestaat niet meer" in again[-1].text


async def test_forged_buttons_never_reach_someone_elses_sign_up(harness: Harness) -> None:
    vacancy_id = await make_vacancy(harness, places=1)
    await make_users(harness, [450, 451])
    await _sign_up(harness, vacancy_id, 450)  # offered
    await _sign_up(harness, vacancy_id, 451)  # waiting
    mallory = await seeker(harness, 452, name="Mallory")
    for data in (
        "hiring:acc:1:",
        "hiring:nameonly:1:",
        "hiring:decyes:1:",
        "hiring:dec:1:",
        "hiring:wd:2:",
        "hiring:wdyes:2:",
        "hiring:wdyes:1:",
        "hiring:acc:abc:",
        "hiring:wd:-1:",
        "hiring:acc:" + "9" * 40 + ":",
        "hiring:wdyes:99999999999:",
        "hiring:view:" + "9" * 30 + ":",
    ):
        assert await mallory.press_data(data) == [], data
    assert [o.status for o in await offers(harness, vacancy_id)] == ["open"]
    assert [s.status for s in await signups(harness, vacancy_id)] == ["offered", "waiting"]


async def test_offer_made_at_night_gives_the_full_time_from_the_morning(sqlite_url: str) -> None:
    harness = await make_harness(
        make_settings(sqlite_url, POWBOT_QUIET_START="21:00", POWBOT_QUIET_END="08:00")
    )
    try:
        vacancy_id = await make_vacancy(harness, places=1)
        await make_users(harness, [460, 461])
        evening = datetime(2027, 3, 10, 18, 0, tzinfo=UTC)
        for person in (460, 461):
            async with harness.runtime.db.transaction() as session:
                await sign_up(services(harness, session, evening), vacancy_id, person)
        # 460 gives the place back at 23:30 Amsterdam time; 461 is asleep.
        night = datetime(2027, 3, 10, 22, 30, tzinfo=UTC)
        async with harness.runtime.db.transaction() as session:
            svc = services(harness, session, night)
            vacancy = await lock_vacancy(svc, vacancy_id)
            signup = (await session.exec(select(Signup).where(Signup.user_id == 460))).one()
            assert vacancy is not None
            await withdraw(svc, vacancy, signup)
        made = (await offers(harness, vacancy_id))[1]
        assert made.user_id == 461
        morning = datetime(2027, 3, 11, 7, 0, tzinfo=UTC)  # 08:00 in Amsterdam
        assert made.seen_from == morning
        assert made.deadline_at == morning + timedelta(hours=HOURS)
        assert (await deliver(harness, night + timedelta(hours=1)))["sent"] == 0
        assert (await deliver(harness, morning))["sent"] == 1
        assert "Je bent aan de beurt" in harness.session.to(461)[-1].text
    finally:
        await harness.app.close()


async def test_two_instances_never_process_the_same_item(postgres_url: str) -> None:
    """Two apps on one PostgreSQL database claim and run due expiries side by side."""
    settings = make_settings(postgres_url)
    first = await make_harness(settings)
    second = await make_harness(settings)
    try:
        vacancy_ids = [await make_vacancy(first, places=1) for _ in range(30)]
        await make_users(first, [470, 471])
        for vacancy_id in vacancy_ids:
            await _sign_up(first, vacancy_id, 470)
            await _sign_up(first, vacancy_id, 471)
        later = clock_now() + timedelta(hours=HOURS + 1)
        # Raw claims by two named workers: disjoint, and together everything due.
        claims = await asyncio.gather(
            claim_due(first.runtime, later, "worker-a", limit=7),
            claim_due(second.runtime, later, "worker-b", limit=7),
        )
        assert not {i.id for i in claims[0]} & {i.id for i in claims[1]}
        assert len(claims[0]) + len(claims[1]) == 14
        async with first.runtime.db.transaction() as session:
            for item in (await session.exec(select(ScheduledItem))).all():
                item.status, item.claimed_by = "pending", None  # hand them back
        counts = await asyncio.gather(run_due(first.runtime, later), run_due(second.runtime, later))
        # 30 reminders + 30 expiries, each run once; the new offers' items are not due yet.
        assert counts[0]["items"] + counts[1]["items"] == 60
        async with first.runtime.db.transaction() as session:
            all_offers = (await session.exec(select(Offer))).all()
            states = Counter(o.status for o in all_offers)
            done = (
                await session.exec(select(ScheduledItem).where(col(ScheduledItem.status) == "done"))
            ).all()
            waiting = (
                await session.exec(select(Signup).where(col(Signup.status) == "waiting"))
            ).all()
        assert states == {"expired": 30, "open": 30}
        assert len(done) == 60 and waiting == []
        expired_notes = [
            s for s in first.session.sent + second.session.sent if "niet op tijd" in s.text
        ]
        assert len(expired_notes) == 30
    finally:
        await first.app.close()
        await second.app.close()


@pytest.mark.parametrize("places", [3])
async def test_adding_places_offers_them_in_order(harness: Harness, places: int) -> None:
    vacancy_id = await make_vacancy(harness, places=1, employer_id=None)
    await make_users(harness, [480, 481, 482, 483, 484])
    for person in (480, 481, 482, 483, 484):
        await _sign_up(harness, vacancy_id, person)
    from powbot.domain.open_hiring_queue import allocate, lock_vacancy

    async with harness.runtime.db.transaction() as session:
        svc = services(harness, session)
        vacancy = await lock_vacancy(svc, vacancy_id)
        assert vacancy is not None
        vacancy.places += places
        await allocate(svc, vacancy)
    made = await offers(harness, vacancy_id)
    assert [o.user_id for o in made] == [480, 481, 482, 483]
    assert [o.slot for o in made] == [1, 2, 3, 4]
    assert [s.told_position for s in (await signups(harness, vacancy_id))[4:]] == [1]
