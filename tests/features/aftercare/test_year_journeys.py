"""Done-when for issue 14: a year of aftercare, scripted on the test clock with one
`powbot tick` per moment, for a client with a coach and for an Open Hiring hire without
one. Every check-in, alert, late answer, money check, contract-end check and employer
check-in comes at its time with its words, and nothing the client typed is lost."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import select

from powbot.domain.aftercare_planning import PayFrequency
from powbot.domain.aftercare_records import set_terms
from powbot.domain.placements import create_placement
from powbot.domain.unit import Services
from powbot.features.aftercare.planning import replan_checkins
from powbot.storage.models import Placement
from powbot.storage.models_aftercare import CheckInWords
from tests.aftercare_support import (
    alerts,
    answer_questions,
    at,
    checkins,
    current_checkin,
    make_client,
    make_coach,
    mood_data,
    services_do,
)
from tests.clock_double import AMSTERDAM, SteppingClock
from tests.conftest import Harness, Player, onboard

START = date(2026, 12, 14)  # a Monday; the clock starts a week before, on 7 December


async def place_with_terms(
    harness: Harness,
    seeker_id: int,
    employer_id: int,
    *,
    source: str,
    frequency: PayFrequency,
    pay_day: int | None,
    probation_end: date | None,
    contract_end: date | None,
) -> Placement:
    async def work(services: Services) -> Placement:
        placement = await create_placement(
            services,
            seeker_id=seeker_id,
            employer_name="Bakkerij Zon",
            job_title="Inpakker",
            start_date=START,
            source=source,
            hours_per_week=24,
            employer_id=employer_id,
        )
        assert placement.id is not None
        await set_terms(
            services,
            placement.id,
            pay_frequency=frequency,
            pay_day=pay_day,
            probation_end=probation_end,
            contract_end=contract_end,
        )
        await replan_checkins(services, placement)
        return placement

    return await services_do(harness, work)


async def drain(harness: Harness, clock: SteppingClock) -> None:
    """Deliver what is due by now (the clock moved on while the client answered)."""
    await harness.runtime.sender.drain_outbox(now=clock.current + timedelta(seconds=1))


def local(moment: datetime) -> str:
    return moment.astimezone(AMSTERDAM).strftime("%Y-%m-%d %H:%M")


async def new_texts(player: Player, before: int) -> str:
    return player.texts(player.inbox()[before:])


async def test_a_year_with_a_coach(harness: Harness, clock: SteppingClock) -> None:
    coach = await make_coach(harness, 700, "Anna")
    bram = await make_client(harness, coach, 701, "Bram")
    ellen = harness.user(702, "Ellen")
    await onboard(ellen, role="employer")
    await place_with_terms(
        harness,
        bram.id,
        ellen.id,
        source="coach",
        frequency=PayFrequency.MONTH,
        pay_day=24,
        probation_end=date(2027, 1, 13),
        contract_end=date(2027, 12, 31),
    )
    plan = await checkins(harness, bram.id)
    schedule = [(c.moment, c.day.isoformat(), c.audience) for c in plan if c.status == "scheduled"]
    assert schedule == [
        ("before_start", "2026-12-13", "worker"),
        ("first_days", "2026-12-17", "worker"),
        ("first_week_end", "2026-12-21", "worker"),
        ("employer_week2", "2026-12-28", "employer"),
        ("first_month", "2026-12-28", "worker"),
        ("first_month", "2027-01-04", "worker"),
        ("probation_end", "2027-01-06", "worker"),
        ("first_month", "2027-01-11", "worker"),
        ("employer_month1", "2027-01-14", "employer"),
        ("childcare_check", "2027-01-18", "worker"),
        ("first_pay", "2027-01-26", "worker"),  # the 24th, two days later
        ("months_two_three", "2027-02-08", "worker"),
        ("months_two_three", "2027-02-22", "worker"),
        ("second_pay", "2027-02-26", "worker"),
        ("months_two_three", "2027-03-08", "worker"),
        ("employer_month3", "2027-03-14", "employer"),
        ("later", "2027-04-14", "worker"),
        ("later", "2027-05-14", "worker"),
        ("later", "2027-06-14", "worker"),
        ("later", "2027-09-14", "worker"),
        ("contract_end", "2027-11-19", "worker"),  # six weeks before 31 December
        ("later", "2027-12-14", "worker"),
    ]
    assert all(local(c.due_at).endswith("10:00") for c in plan)
    seen_alerts = 0
    done: set[str] = set()
    for checkin in sorted(plan, key=lambda c: (c.due_at, c.audience)):
        if checkin.status != "scheduled":
            continue
        moment = checkin.due_at + timedelta(minutes=1)
        coach_before, bram_before = len(coach.inbox()), len(bram.inbox())
        await at(harness, clock, moment)
        first_time = checkin.moment not in done
        done.add(checkin.moment)
        if checkin.audience == "employer":
            pushed = await new_texts(ellen, 0)
            assert "Bram werkt nu" in ellen.inbox()[-1].text
            # The employer is told who may read the answers (the worker, in their export).
            assert "Bram kan ze inzien" in ellen.inbox()[-1].text
            worried = checkin.moment == "employer_month1"
            answers = {"emp_going": "Er zijn wat zorgen", "emp_need": "Een jobcoach"}
            # Employers type the numbers, or press the buttons (the worried time).
            await answer_questions(harness, ellen, answers if worried else {}, typed=not worried)
            employer_reply = ellen.texts(ellen.inbox()[-3:])
            # Never whether Bram has a coach: that is Bram's business (tester).
            assert "Dank u wel voor uw antwoorden" in employer_reply
            assert "coach" not in employer_reply.replace("jobcoach", "")
            await drain(harness, clock)
            to_coach = await new_texts(coach, coach_before)
            if worried:
                assert "jobcoach" in ellen.texts(ellen.inbox()[-4:]).lower()  # the FAQ answer
                assert "Werkgeversservicepunt" in ellen.texts(ellen.inbox()[-4:])
                assert "De werkgever maakt zich zorgen" in to_coach
                assert "Hoe gaat het met uw nieuwe medewerker? → Er zijn wat zorgen" in to_coach
                assert "Is er iets nodig om het werk goed te laten gaan? → Een jobcoach" in to_coach
            else:
                assert "De werkgever (Bakkerij Zon) over Bram" in to_coach
            del pushed
            continue
        pushed = bram.inbox()[-1]
        assert [label for label, _ in pushed.buttons] == ["😞", "🙁", "😐", "🙂", "😄"]
        if checkin.moment == "before_start":
            assert "Morgen begin je" in pushed.text
            await bram.press("🙁", pushed)
            asked = await answer_questions(
                harness,
                bram,
                {"ready": "Nee", "money_until_pay": "Nee, ik kom geld tekort"},
            )
            assert asked == ["ready", "money_until_pay", "childcare", "contact"]
            told = await new_texts(bram, bram_before)
            assert "voorschot" in told  # the route to an advance
            assert "Je zei dat je geen contact wilt" in told
            await drain(harness, clock)
            alert = await new_texts(coach, coach_before)
            for words in (
                "Melding over Bram",
                "begint op 14-12-2026",
                "Vóór de start",
                "Voelt zich niet goed over de start",
                "Weet je hoe laat en waar je morgen moet beginnen? → Nee",
                "Komt geld tekort tot het eerste loon",
                "→ Nee, ik kom geld tekort",
                "Voorschot via de klantmanager van de gemeente",
                "Wil géén contact",
            ):
                assert words in alert, words
            assert "op het werk" not in alert and "Hoe gaat het reizen" not in told
        elif checkin.moment == "first_days":
            heard = await bram.send("slecht. mijn baas schreeuwt tegen me en ik wil stoppen")
            text = bram.texts(heard)
            assert "Ik hoor dat het niet goed gaat" in text
            assert "weet ik helaas niet" not in text and "begreep ik niet" not in text
            await bram.press("🙁")
            await bram.press("Goed te doen")
            kept = await bram.send("mijn leidinggevende praat nooit met mij")
            assert "bij je check-in bewaard. Je coach kan het lezen" in bram.texts(kept)
            await answer_questions(harness, bram, {"colleagues": "Moeilijk", "travel": "Lastig"})
            await drain(harness, clock)
            alert = await new_texts(coach, coach_before)
            for words in (
                "Eerste werkweek",
                "Wil stoppen met dit werk",
                "Moeite met collega's of leidinggevende",
                "Hoe gaat het met je collega's en je leidinggevende? → Moeilijk",
                "Hoe gaat het reizen naar je werk? → Lastig",
                "slecht. mijn baas schreeuwt tegen me en ik wil stoppen",
                "mijn leidinggevende praat nooit met mij",
            ):
                assert words in alert, words
        elif checkin.moment == "first_week_end":
            # No answer: a reminder after a day, the coach told after three, then a late
            # answer three days later is still taken (the next check-in is not out yet).
            await at(harness, clock, moment + timedelta(hours=24))
            assert "Ik vroeg je gisteren" in bram.inbox()[-1].text
            await at(harness, clock, moment + timedelta(hours=72))
            assert "3 dagen niet gereageerd" in await new_texts(coach, coach_before)
            missed = await current_checkin(harness, bram.id, "first_week_end")
            assert missed.status == "missed"
            clock.current = moment + timedelta(days=4)
            late = await bram.press_data(mood_data(missed, 2))
            assert "Fijn dat je toch nog antwoordt" in bram.texts(late)
            await answer_questions(
                harness, bram, {"benefit": "Weet ik niet", "toeslagen": "Nee", "contact": "Ja"}
            )
            answered = await current_checkin(harness, bram.id, "first_week_end")
            assert answered.status == "answered" and answered.late
            no_answer = [a for a in await alerts(harness, bram.id) if a.kind == "no_answer"]
            assert [a.status for a in no_answer] == ["closed"]  # resolved by the answer
            await drain(harness, clock)
            alert = await new_texts(coach, coach_before)
            for words in (
                "Nieuwe baan nog niet (zeker) doorgegeven aan de uitkeringsinstantie",
                "Gemeente (bijstand) of UWV",
                "Nieuw inkomen nog niet (zeker) doorgegeven voor toeslagen",
                "binnen 4 weken",
                "Wil graag dat u contact opneemt",
            ):
                assert words in alert, words
        elif checkin.moment == "first_pay":
            await bram.press("🙂")
            asked = await answer_questions(
                harness,
                bram,
                {"payslip": "Nee, het klopt niet", "loonheffingskorting": "Weet ik niet"},
            )
            assert asked == ["salary", "payslip", "loonheffingskorting", "contact"]
            await drain(harness, clock)
            alert = await new_texts(coach, coach_before)
            assert "Loonstrook of loonheffingskorting niet in orde" in alert
            assert "Aan het werk sinds 14-12-2026" in alert
        elif checkin.moment == "second_pay":
            await bram.press("🙂")
            await answer_questions(
                harness, bram, {"pay_right": "Het loon is er, maar ik kom tekort"}
            )
            await drain(harness, clock)
            assert "Loon niet (goed) binnengekomen of komt tekort" in await new_texts(
                coach, coach_before
            )
        elif checkin.moment == "contract_end":
            await bram.press("😐")
            asked = await answer_questions(harness, bram, {"contract_next": "Weet ik nog niet"})
            assert asked[0] == "contract_next"
            assert "WW aan bij UWV" in await new_texts(bram, bram_before)
            await drain(harness, clock)
            alert = await new_texts(coach, coach_before)
            assert "Contract loopt over 6 weken af" in alert and "WW bij UWV" in alert
        else:
            await bram.press("🙂")
            await answer_questions(harness, bram, {})
            assert "Bedankt voor je antwoorden" in await new_texts(bram, bram_before)
            await drain(harness, clock)
            assert "Melding" not in await new_texts(coach, coach_before), checkin.moment
        del first_time
        seen_alerts = len(await alerts(harness, bram.id))
    assert seen_alerts == 8  # 6 risk alerts, 1 no-answer, 1 from the employer
    # Every check-in went out and was answered (one of them late); the year is complete.
    final = await checkins(harness, bram.id)
    assert {c.status for c in final} == {"answered"}
    assert [c.moment for c in final if c.late] == ["first_week_end"]
    async with harness.runtime.db.transaction() as session:
        words = (await session.exec(select(CheckInWords))).all()
    assert [w.text for w in words] == [
        "slecht. mijn baas schreeuwt tegen me en ik wil stoppen",
        "mijn leidinggevende praat nooit met mij",
    ]


async def test_a_year_for_an_open_hiring_hire_without_a_coach(
    harness: Harness, clock: SteppingClock
) -> None:
    cas = harness.user(710, "Cas")
    await onboard(cas)
    ellen = harness.user(712, "Ellen")
    await onboard(ellen, role="employer")
    onboarded = len(cas.inbox())
    await place_with_terms(
        harness,
        cas.id,
        ellen.id,
        source="open_hiring",
        frequency=PayFrequency.FOUR_WEEKS,
        pay_day=None,
        probation_end=None,
        contract_end=None,
    )
    await run_first_tick(harness, clock)
    started = cas.texts(cas.inbox())
    # The schedule is explained; accepting the offer already congratulated, so not again.
    assert "korte vragen" in started and "Bakkerij Zon" in started
    assert "Gefeliciteerd met je nieuwe werk" not in started
    plan = await checkins(harness, cas.id)
    moments = [(c.moment, c.day.isoformat()) for c in plan if c.audience == "worker"]
    assert ("first_pay", "2027-01-13") in moments  # four-weekly: 11 January, two days later
    assert ("second_pay", "2027-02-10") in moments
    assert ("later", "2027-09-14") in moments and ("later", "2027-12-14") in moments
    employer_moments = [c.moment for c in plan if c.audience == "employer"]
    assert employer_moments == ["employer_week2", "employer_month1", "employer_month3"]
    for checkin in sorted(plan, key=lambda c: (c.due_at, c.audience)):
        moment = checkin.due_at + timedelta(minutes=1)
        cas_before, ellen_before = len(cas.inbox()), len(ellen.inbox())
        await at(harness, clock, moment)
        if checkin.audience == "employer":
            worried = checkin.moment == "employer_month3"
            answers = {"emp_going": "Het gaat niet goed", "emp_need": "Een gesprek met iemand"}
            await answer_questions(harness, ellen, answers if worried else {}, typed=True)
            reply = await new_texts(ellen, ellen_before)
            assert "Dank u wel voor uw antwoorden" in reply and "coach van" not in reply
            if worried:
                assert "Werkgeversservicepunt" in reply and "0800 000 0000" in reply
            continue
        if checkin.moment == "first_days":
            await cas.press("😞")
            await answer_questions(harness, cas, {"colleagues": "Moeilijk", "travel": "Lastig"})
            help_text = await new_texts(cas, cas_before)
            assert "Praat met je leidinggevende bij Bakkerij Zon" in help_text
            assert "gemeente" in help_text
        else:
            await cas.press("🙂")
            await answer_questions(harness, cas, {})
    everything = cas.texts(cas.inbox()[onboarded:]).lower()
    assert "coach" not in everything  # never promised a coach who is not there
    assert await alerts(harness, cas.id) == []
    assert {c.status for c in await checkins(harness, cas.id)} == {"answered"}


async def run_first_tick(harness: Harness, clock: SteppingClock) -> None:
    await at(harness, clock, clock.current + timedelta(minutes=1))
