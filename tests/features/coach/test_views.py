"""What a coach sees in /vandaag, the digest and the client view (issue 14): each client
once with all that is open, resolved items gone, a note on every alert, digests on working
days, future placements phrased as such, the contact wish, urgent alerts in words and first,
the words a client typed. All on the test clock (a Monday, 10:15 Europe/Amsterdam)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import select

from powbot.domain.agenda import KIND_DIGEST, plan_digests
from powbot.domain.alerts import snooze_until
from powbot.domain.coaching import digest_days
from powbot.domain.urgent import alert_coach_urgently
from powbot.features.coach.digest import job_digest
from powbot.storage.models import ScheduledItem, User
from powbot.storage.models_aftercare import Alert, CheckIn
from tests.aftercare_support import (
    alerts,
    make_client,
    make_coach,
    mood_data,
    place,
    send_checkin,
    services_do,
    tomorrow,
)
from tests.clock_double import AMSTERDAM, clock_now, local_today
from tests.conftest import Harness, Player

FRIDAY_NOON = datetime(2026, 12, 11, 12, 0, tzinfo=AMSTERDAM)


async def low_mood(harness: Harness, player: Player, contact: str = "Nee") -> Alert:
    checkin = await send_checkin(harness, player.id, questions=["workload", "colleagues"])
    await player.press_data(mood_data(checkin, 1))
    for label in ("Goed te doen", "Goed", contact):
        await player.press(label)
    await harness.runtime.sender.drain_outbox()
    return (await alerts(harness, player.id))[-1]


async def good_checkin(harness: Harness, player: Player) -> None:
    checkin = await send_checkin(harness, player.id, questions=["workload"])
    await player.press_data(mood_data(checkin, 5))
    for label in ("Goed te doen", "Nee"):
        await player.press(label)


def labels(sent: object) -> list[str]:
    return [label for label, _ in getattr(sent, "buttons", [])]


async def test_two_alerts_of_one_client_are_one_entry_and_one_button_in_today(
    harness: Harness,
) -> None:
    coach = await make_coach(harness, 600, "Anna")
    bram = await make_client(harness, coach, 601, "Bram")
    await place(harness, bram.id, tomorrow())
    await low_mood(harness, bram)
    await low_mood(harness, bram)
    assert len([a for a in await alerts(harness, bram.id) if a.status == "open"]) == 2
    today = (await coach.send("/vandaag"))[-1]
    assert today.text.count("Bram:") == 1 and "Open meldingen (1)" in today.text
    assert labels(today).count("⚠️ Bram") == 1
    # Two alerts: the button opens Bram, whose screen lists both.
    client = await coach.press("⚠️ Bram", today)
    day = "⚠️ Melding van " + local_today().strftime("%d-%m-%Y ")  # with the time after it
    assert sum(label.startswith(day) for label in labels(client[-1])) == 2


async def test_no_answer_is_gone_from_today_after_the_client_answered_the_next_checkin(
    harness: Harness,
) -> None:
    coach = await make_coach(harness, 605, "Anna")
    bram = await make_client(harness, coach, 606, "Bram")
    await place(harness, bram.id, tomorrow())
    missed = await send_checkin(harness, bram.id)

    async def three_days_later(services):  # type: ignore[no-untyped-def]
        checkin = await services.session.get(CheckIn, missed.id)
        checkin.status = "missed"
        services.session.add(
            Alert(seeker_id=bram.id, coach_id=coach.id, kind="no_answer", reasons=[])
        )

    await services_do(harness, three_days_later)
    before = (await coach.send("/vandaag"))[-1].text
    assert "3 dagen" in before
    await good_checkin(harness, bram)
    after = (await coach.send("/vandaag"))[-1].text
    assert "3 dagen" not in after and "geen antwoord" not in after


async def test_contact_opgenomen_is_gone_after_it_was_pressed(harness: Harness) -> None:
    coach = await make_coach(harness, 610, "Anna")
    bram = await make_client(harness, coach, 611, "Bram")
    await place(harness, bram.id, tomorrow())
    await low_mood(harness, bram)
    pushed = coach.inbox()[-1]
    screen = await coach.press("Contact opgenomen", pushed)
    assert "✅ Contact opgenomen" not in labels(screen[-1])
    assert "📝 Notitie" in labels(screen[-1])
    again = await coach.press("Contact opgenomen", pushed)  # the old pushed message
    assert "al genoteerd" in again[-1].text
    today = (await coach.send("/vandaag"))[-1].text
    assert "Bram" not in today


async def test_every_alert_takes_a_note_and_today_shows_it(harness: Harness) -> None:
    coach = await make_coach(harness, 615, "Anna")
    bram = await make_client(harness, coach, 616, "Bram")
    await place(harness, bram.id, tomorrow())
    alert = await low_mood(harness, bram)
    await coach.press_data(f"coach:an:{alert.id}:")
    await coach.send("Gebeld, ze gaat morgen langs.")
    today = (await coach.send("/vandaag"))[-1].text
    assert "📝" in today and "ze gaat morgen langs" in today
    # A closed alert still takes a note (what was done afterwards).
    await coach.press_data(f"coach:ax:{alert.id}:")
    closed = await coach.press_data(f"coach:a:{alert.id}:")
    assert labels(closed[-1])[0] == "📝 Notitie"
    await coach.press("Notitie", closed[-1])
    saved = await coach.send("Loopt weer goed.")
    assert "Notitie opgeslagen" in saved[-1].text


async def test_urgent_alert_is_named_in_words_and_comes_first(harness: Harness) -> None:
    coach = await make_coach(harness, 620, "Anna")
    bram = await make_client(harness, coach, 621, "Bram")
    cas = await make_client(harness, coach, 622, "Cas")
    await place(harness, bram.id, tomorrow())
    await low_mood(harness, bram)

    async def crisis(services):  # type: ignore[no-untyped-def]
        seeker = await services.session.get(User, cas.id)
        assert await alert_coach_urgently(services, seeker, "no_shelter")

    await services_do(harness, crisis)
    today = (await coach.send("/vandaag"))[-1]
    entries = [line for line in today.text.splitlines() if line.startswith("• ")]
    assert entries[0].startswith("• 🆘 Cas:") and "geen slaapplek vannacht" in entries[0]
    assert "no_shelter" not in today.text
    assert labels(today)[0] == "🆘 Cas"
    alert_screen = await coach.press("🆘 Cas", today)
    assert "geen slaapplek vannacht" in alert_screen[-1].text
    assert "no_shelter" not in alert_screen[-1].text


async def test_client_who_wants_no_contact_is_shown_so_everywhere(harness: Harness) -> None:
    coach = await make_coach(harness, 625, "Anna")
    bram = await make_client(harness, coach, 626, "Bram")
    await place(harness, bram.id, tomorrow())
    alert = await low_mood(harness, bram, contact="Nee")
    today = (await coach.send("/vandaag"))[-1].text
    assert "wil géén contact" in today
    screen = (await coach.press_data(f"coach:a:{alert.id}:"))[-1].text
    assert "Wil géén contact" in screen
    client = (await coach.press_data(f"coach:c:{bram.id}:"))[-1].text
    assert "Contactwens: wil géén contact" in client


async def test_contact_wish_and_typed_words_only_while_the_client_shares(
    harness: Harness,
) -> None:
    coach = await make_coach(harness, 630, "Anna")
    bram = await make_client(harness, coach, 631, "Bram")
    await place(harness, bram.id, tomorrow())
    checkin = await send_checkin(harness, bram.id, questions=["workload"])
    await bram.press_data(mood_data(checkin, 4))
    await bram.send("de eerste dag was lang, ik moest veel staan")
    for label in ("Goed te doen", "Ja"):
        await bram.press(label)
    shown = (await coach.press_data(f"coach:c:{bram.id}:"))[-1].text
    assert "Schreef: “de eerste dag was lang, ik moest veel staan”" in shown
    assert "Contactwens: wil dat u contact opneemt" in shown
    await bram.send("/coach")
    await bram.press("Stop met delen")
    hidden = (await coach.press_data(f"coach:c:{bram.id}:"))[-1].text
    assert "eerste dag" not in hidden and "Contactwens" not in hidden


async def test_future_placement_reads_begint_op_not_sinds(harness: Harness) -> None:
    coach = await make_coach(harness, 635, "Anna")
    bram = await make_client(harness, coach, 636, "Bram")
    start = local_today() + timedelta(days=7)
    await place(harness, bram.id, start)
    client = (await coach.press_data(f"coach:c:{bram.id}:"))[-1].text
    assert f"begint op {start:%d-%m-%Y}" in client and "sinds" not in client


async def test_no_digest_on_saturday_and_sunday_unless_configured(harness: Harness) -> None:
    await make_coach(harness, 640, "Anna")
    friday = FRIDAY_NOON.astimezone(AMSTERDAM)

    async def planned_days() -> set[str]:
        async with harness.runtime.db.transaction() as session:
            refs = (
                await session.exec(
                    select(ScheduledItem.ref).where(ScheduledItem.kind == KIND_DIGEST)
                )
            ).all()
        return {(ref or "").rsplit(":", 1)[-1] for ref in refs}

    for days in range(3):  # the planner runs on Friday, Saturday and Sunday
        await services_do(harness, plan_digests, FRIDAY_NOON + timedelta(days=days))
    assert (friday.date() + timedelta(days=1)).isoformat() not in await planned_days()
    assert (friday.date() + timedelta(days=2)).isoformat() not in await planned_days()
    assert (friday.date() + timedelta(days=3)).isoformat() in await planned_days()  # Monday
    harness.runtime.settings.digest_days = "ma-zo"
    await services_do(harness, plan_digests, FRIDAY_NOON + timedelta(days=1))
    assert (friday.date() + timedelta(days=2)).isoformat() in await planned_days()


async def test_digest_planned_for_a_saturday_earlier_is_not_sent(harness: Harness) -> None:
    coach = await make_coach(harness, 645, "Anna")
    bram = await make_client(harness, coach, 646, "Bram")
    await place(harness, bram.id, tomorrow())
    await low_mood(harness, bram)
    before = len(coach.inbox())
    saturday = clock_now() - timedelta(days=2)  # the test clock's Monday, two days back

    async def digest(services):  # type: ignore[no-untyped-def]
        await job_digest(
            services, ScheduledItem(kind=KIND_DIGEST, due_at=saturday, user_id=coach.id)
        )

    await services_do(harness, digest, saturday)
    await harness.runtime.sender.drain_outbox()
    assert len(coach.inbox()) == before
    await services_do(harness, digest)  # Monday
    await harness.runtime.sender.drain_outbox()
    message = coach.inbox()[-1]
    assert "Goedemorgen" in message.text and message.text.count("Bram:") == 1


async def test_alert_snoozed_on_friday_comes_back_on_monday(harness: Harness) -> None:
    async def snooze(services):  # type: ignore[no-untyped-def]
        return snooze_until(services)

    until = await services_do(harness, snooze, FRIDAY_NOON)
    assert until.astimezone(AMSTERDAM).date().isoformat() == "2026-12-14"


async def test_digest_days_not_understood_fall_back_to_working_days(harness: Harness) -> None:
    harness.runtime.settings.digest_days = "weekdagen"

    async def days(services):  # type: ignore[no-untyped-def]
        return digest_days(services)

    assert await services_do(harness, days) == frozenset(range(5))
