"""The coach's side: invite, linking and consent, caseload, client view, today, alerts,
placements, messages, the digest, and access control."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import col, select

from powbot.bot.scheduler import run_due
from powbot.clock import from_local
from powbot.features.coach.flow import KIND_DIGEST, job_digest, plan_digests
from powbot.storage.models import AuditEntry, Placement, ScheduledItem
from powbot.storage.models_aftercare import Alert, CoachNote
from tests.aftercare_support import (
    alerts,
    checkins,
    get_user,
    invite_code,
    link_code,
    make_client,
    make_coach,
    mood_data,
    place,
    send_checkin,
    services_do,
    tomorrow,
)
from tests.clock_double import clock_now
from tests.conftest import Harness, onboard


async def audit_rows(harness: Harness, actor: int) -> list[AuditEntry]:
    async with harness.runtime.db.transaction() as session:
        rows = await session.exec(select(AuditEntry).where(AuditEntry.actor_id == actor))
        return list(rows.all())


async def raise_low_mood(harness: Harness, seeker_id: int) -> Alert:
    player = harness.user(seeker_id)
    checkin = await send_checkin(harness, seeker_id, questions=["workload", "colleagues"])
    await player.press_data(mood_data(checkin, 1))
    for label in ("Goed te doen", "Goed", "Nee"):
        await player.press(label)
    await harness.runtime.sender.drain_outbox()
    return (await alerts(harness, seeker_id))[-1]


async def test_coach_invite_link_and_consent(harness: Harness) -> None:
    coach = await make_coach(harness, 500, "Anna")
    assert (await get_user(harness, coach.id)).role == "coach"
    reply = await coach.send("/koppel")
    assert "https://t.me/" in reply[-1].text and "/start " in reply[-1].text
    code = await link_code(coach)
    bram = harness.user(501, "Bram")
    await onboard(bram)
    ask = await bram.send(f"/start {code}")
    assert "Anna is jobcoach" in ask[-1].text and "werkfit-profiel" in ask[-1].text
    linked = await bram.press("Ja, dat wil ik")
    assert "Anna is nu je coach" in bram.texts(linked)
    user = await get_user(harness, bram.id)
    assert user.coach_id == coach.id and user.share_with_coach
    await harness.runtime.sender.drain_outbox()
    assert "Bram is nu aan u gekoppeld" in coach.inbox()[-1].text
    # Single use: a second person cannot use the same code.
    cas = harness.user(502, "Cas")
    await onboard(cas)
    again = await cas.send(f"/start {code}")
    assert "code ken ik niet" in again[0].text
    assert (await get_user(harness, cas.id)).coach_id is None


async def test_new_user_opening_a_coach_link_becomes_a_linked_seeker(harness: Harness) -> None:
    coach = await make_coach(harness, 505, "Anna")
    code = await link_code(coach)
    dina = harness.user(506, "Dina")
    await dina.send(f"/start {code}")
    shown = await dina.press("Nederlands")
    assert "Anna is jobcoach" in shown[-1].text
    after = await dina.press("Ja, dat wil ik")
    assert "Vind je dat goed?" in after[-1].text  # the general consent follows
    user = await get_user(harness, dina.id)
    assert user.role == "seeker" and user.coach_id == coach.id


async def test_declining_the_link_shares_nothing(harness: Harness) -> None:
    coach = await make_coach(harness, 507, "Anna")
    code = await link_code(coach)
    eli = harness.user(508, "Eli")
    await onboard(eli)
    await eli.send(f"/start {code}")
    await eli.press("Nee, liever niet")
    user = await get_user(harness, eli.id)
    assert user.coach_id is None and not user.share_with_coach


async def test_withdrawing_consent_hides_data_from_the_coach(harness: Harness) -> None:
    coach = await make_coach(harness, 510, "Anna")
    bram = await make_client(harness, coach, 511, "Bram")
    await place(harness, bram.id, tomorrow())
    await raise_low_mood(harness, bram.id)
    view = await coach.send("/clienten")
    assert "Bram" in view[-1].text and "1 open" in view[-1].text
    screen = await bram.send("/coach")
    assert "Anna ziet je werkfit-profiel" in screen[-1].text
    stopped = await bram.press("Stop met delen")
    assert "Je deelt niets meer met Anna" in stopped[0].text
    assert not (await get_user(harness, bram.id)).share_with_coach
    await harness.runtime.sender.drain_outbox()
    assert "deelt het profiel en de check-ins niet meer" in coach.inbox()[-1].text
    listing = await coach.send("/clienten")
    assert "deelt niets" in listing[-1].text and "open" not in listing[-1].text
    client = await coach.press("Bram")
    assert "deelt het profiel en de check-ins niet met u" in client[-1].text
    assert "😞" not in client[-1].text and "Check-ins" not in client[-1].text
    # And back again.
    await bram.send("/coach")
    await bram.press("Weer delen")
    client = await coach.press_data(f"coach:c:{bram.id}:")
    assert "😞" in client[-1].text


async def test_client_view_shows_history_trend_and_writes_audit(harness: Harness) -> None:
    coach = await make_coach(harness, 520, "Anna")
    bram = await make_client(harness, coach, 521, "Bram")
    await place(harness, bram.id, tomorrow())
    for mood in (1, 2, 4, 5):
        checkin = await send_checkin(harness, bram.id, questions=["workload", "colleagues"])
        await bram.press_data(mood_data(checkin, mood))
        for label in ("Goed te doen", "Goed", "Nee"):
            await bram.press(label)
        async with harness.runtime.db.transaction() as session:
            from powbot.storage.models_aftercare import CheckIn

            row = await session.get(CheckIn, checkin.id)
            assert row is not None
            row.answered_at = clock_now() - timedelta(days=10 - mood)  # keep the order clear
    view = await coach.press_data(f"coach:c:{bram.id}:")
    text = view[-1].text
    assert "Inpakker bij Bakkerij Zon" in text
    assert "😞 🙁 🙂 😄" in text and "het gaat beter" in text
    assert "Voelt zich niet goed" in text  # the risk on the low check-ins
    actions = [entry.action for entry in await audit_rows(harness, coach.id)]
    assert "coach.view_client" in actions


async def test_access_control_between_coaches_and_roles(harness: Harness) -> None:
    anna = await make_coach(harness, 530, "Anna")
    bert = await make_coach(harness, 531, "Bert")
    bram = await make_client(harness, anna, 532, "Bram")
    await place(harness, bram.id, tomorrow())
    alert = await raise_low_mood(harness, bram.id)
    placement = (await checkins(harness, bram.id))[0].placement_id
    # Bert forges buttons with Anna's client, alert and placement ids.
    for data in (
        f"coach:c:{bram.id}:",
        f"coach:a:{alert.id}:",
        f"coach:ax:{alert.id}:",
        f"coach:msg:{bram.id}:",
        f"coach:pl:{bram.id}:",
        f"coach:pe:{placement}:",
    ):
        reply = await bert.press_data(data)
        assert "niet in uw lijst" in reply[-1].text, data
        assert "Bram" not in bert.texts(reply)
    assert (await alerts(harness, bram.id))[0].status == "open"
    assert await audit_rows(harness, bert.id) == []
    listing = await bert.send("/clienten")
    assert "Bram" not in listing[-1].text
    # A job seeker cannot use coach commands or buttons.
    refused = await bram.send("/clienten")
    assert "niet voor jou" in refused[-1].text
    before = len(harness.session.toasts)
    await bram.press_data(f"coach:c:{bram.id}:")
    assert harness.session.toasts[before:] == ["Deze knop werkt niet meer."]


async def test_coach_registers_a_placement_in_a_conversation(harness: Harness) -> None:
    coach = await make_coach(harness, 540, "Anna")
    bram = await make_client(harness, coach, 541, "Bram")
    await coach.press_data(f"coach:pl:{bram.id}:")
    await coach.send("Bakkerij Zon")
    await coach.send("Inpakker")
    wrong = await coach.send("31-02-2026")
    assert "Die datum begrijp ik niet" in wrong[-1].text
    start = tomorrow()
    await coach.send(start.strftime("%d-%m-%Y"))
    await coach.send("24 uur")
    # Pay and contract terms (issue 14): not known here.
    for label in ("Weet ik niet", "Weet ik niet", "Geen einddatum", "Geen einddatum"):
        await coach.press(label)
    confirm = coach.last_keyboard()
    assert "Bakkerij Zon" in confirm.text and "24" in confirm.text
    done = await coach.press("Registreren")
    assert "check-ins gepland voor Bram" in coach.texts(done)
    async with harness.runtime.db.transaction() as session:
        [placement] = (await session.exec(select(Placement))).all()
    assert placement.source == "coach" and placement.coach_id == coach.id
    assert placement.start_date == start and placement.hours_per_week == 24
    assert len(await checkins(harness, bram.id)) >= 12
    await harness.runtime.sender.drain_outbox()
    assert any("Gefeliciteerd met je nieuwe werk" in s.text for s in bram.inbox())


async def test_coach_ends_a_placement_and_the_worker_is_told(harness: Harness) -> None:
    coach = await make_coach(harness, 545, "Anna")
    bram = await make_client(harness, coach, 546, "Bram")
    placement = await place(harness, bram.id, tomorrow())
    await coach.press_data(f"coach:pe:{placement.id}:")
    done = await coach.press("Het werk is gestopt")
    assert "De check-ins voor Bram zijn gestopt" in coach.texts(done)
    assert {c.status for c in await checkins(harness, bram.id)} == {"cancelled"}
    await harness.runtime.sender.drain_outbox()
    assert "Je coach heeft laten weten" in bram.inbox()[-1].text


async def test_message_to_client_and_reply_back(harness: Harness) -> None:
    coach = await make_coach(harness, 550, "Anna")
    bram = await make_client(harness, coach, 551, "Bram")
    await coach.press_data(f"coach:msg:{bram.id}:")
    sent = await coach.send("Hoi Bram, zullen we dinsdag bellen?")
    assert "Uw bericht aan Bram is verstuurd" in sent[-1].text
    await harness.runtime.sender.drain_outbox()
    relayed = bram.inbox()[-1]
    assert "Bericht van je coach Anna" in relayed.text and "dinsdag bellen" in relayed.text
    await bram.press("Antwoorden", relayed)
    back = await bram.send("Ja, graag om 10 uur")
    assert "doorgestuurd" in back[-1].text
    await harness.runtime.sender.drain_outbox()
    answer = coach.inbox()[-1]
    assert "Bericht van Bram" in answer.text and "om 10 uur" in answer.text
    # Someone else cannot use Bram's reply button.
    cas = harness.user(552, "Cas")
    await onboard(cas)
    forged = await cas.press_data(relayed.buttons[0][1] or "")
    assert "kun je niet meer antwoorden" in forged[-1].text


async def test_alert_actions_contacted_note_snooze_close(harness: Harness) -> None:
    coach = await make_coach(harness, 560, "Anna")
    bram = await make_client(harness, coach, 561, "Bram")
    await place(harness, bram.id, tomorrow())
    alert = await raise_low_mood(harness, bram.id)
    pushed = coach.inbox()[-1]
    view = await coach.press("Melding bekijken", pushed)
    assert "Status: open" in view[-1].text
    await coach.press("Notitie")
    noted = await coach.send("Gebeld, gaat morgen langs bij werkgever.")
    assert "Notitie opgeslagen" in noted[-1].text and "gaat morgen langs" in noted[-1].text
    await coach.press("Contact opgenomen")
    assert (await alerts(harness, bram.id))[0].status == "contacted"
    await coach.press("Morgen weer")
    [snoozed] = await alerts(harness, bram.id)
    assert snoozed.status == "snoozed" and snoozed.snoozed_until is not None
    await run_due(harness.runtime, snoozed.snoozed_until + timedelta(minutes=1))
    assert "staat nog open" in coach.inbox()[-1].text
    assert (await alerts(harness, bram.id))[0].status == "open"
    await coach.press_data(f"coach:ax:{alert.id}:")
    assert (await alerts(harness, bram.id))[0].status == "closed"
    async with harness.runtime.db.transaction() as session:
        [note] = (await session.exec(select(CoachNote))).all()
    assert note.alert_id == alert.id and note.seeker_id == bram.id


async def test_today_lists_due_and_overdue_items(harness: Harness) -> None:
    coach = await make_coach(harness, 570, "Anna")
    empty = await coach.send("/vandaag")
    assert "Er staat niets voor u klaar" in empty[-1].text
    bram = await make_client(harness, coach, 571, "Bram")
    cas = await make_client(harness, coach, 572, "Cas")
    await place(harness, bram.id, tomorrow())
    await place(harness, cas.id, tomorrow())
    await raise_low_mood(harness, bram.id)
    await send_checkin(harness, cas.id)  # sent, not answered
    today = await coach.send("/vandaag")
    text = today[-1].text
    assert "Open meldingen (1)" in text and "Bram: Voelt zich niet goed" in text
    assert "Cas: nog geen antwoord" in text
    actions = {(e.subject_id, e.action) for e in await audit_rows(harness, coach.id)}
    assert {(bram.id, "coach.today"), (cas.id, "coach.today")} <= actions


async def test_daily_digest_only_when_there_is_something_to_say(harness: Harness) -> None:
    coach = await make_coach(harness, 580, "Anna")
    bram = await make_client(harness, coach, 581, "Bram")
    tz = harness.runtime.settings.tz
    day = clock_now().astimezone(tz).date() + timedelta(days=1)
    digest_at = from_local(
        datetime.combine(day, datetime.min.time()).replace(hour=8, minute=30), tz
    )
    # Planning is idempotent: two passes, one row per coach and day.
    await services_do(harness, plan_digests)
    await services_do(harness, plan_digests)
    async with harness.runtime.db.transaction() as session:
        refs = (
            await session.exec(
                select(ScheduledItem.ref).where(
                    ScheduledItem.kind == KIND_DIGEST, ScheduledItem.user_id == coach.id
                )
            )
        ).all()
    assert refs.count(f"digest:{coach.id}:{day.isoformat()}") == 1
    await harness.runtime.sender.drain_outbox()
    before = len(coach.inbox())
    await run_due(harness.runtime, digest_at + timedelta(minutes=1))
    assert len(coach.inbox()) == before, "nothing to say: no digest"
    await place(harness, bram.id, tomorrow())
    await raise_low_mood(harness, bram.id)

    async def digest(services):  # type: ignore[no-untyped-def]
        item = ScheduledItem(kind=KIND_DIGEST, due_at=services.now, user_id=coach.id)
        await job_digest(services, item)

    await services_do(harness, digest)
    await harness.runtime.sender.drain_outbox()
    message = coach.inbox()[-1]
    assert "Goedemorgen" in message.text and "Bram" in message.text
    assert any(label.startswith("⚠️ Bram") for label, _ in message.buttons)


async def test_blocked_worker_stops_checkins_and_the_coach_is_told(harness: Harness) -> None:
    coach = await make_coach(harness, 590, "Anna")
    bram = await make_client(harness, coach, 591, "Bram")
    await place(harness, bram.id, tomorrow())
    harness.session.blocked.add(bram.id)
    await send_checkin(harness, bram.id)  # the check-in bounces: Bram blocked the bot
    assert (await get_user(harness, bram.id)).unreachable_at is not None
    await run_due(harness.runtime, clock_now() + timedelta(minutes=1))
    await harness.runtime.sender.drain_outbox()
    assert "Heeft powbot geblokkeerd" in coach.inbox()[-1].text
    statuses = {c.status for c in await checkins(harness, bram.id)}
    assert statuses <= {"sent", "cancelled"} and "cancelled" in statuses
    async with harness.runtime.db.transaction() as session:
        pending = (
            await session.exec(
                select(ScheduledItem).where(
                    col(ScheduledItem.user_id) == bram.id, ScheduledItem.status == "pending"
                )
            )
        ).all()
    assert pending == []
    calls = len(harness.session.calls)
    await run_due(harness.runtime, clock_now() + timedelta(days=200))
    assert not [c for c in harness.session.calls[calls:] if getattr(c, "chat_id", 0) == bram.id]


async def test_role_invite_for_coach_still_works_after_link_codes_exist(harness: Harness) -> None:
    code = await invite_code(harness, "link", created_by=None)
    fay = harness.user(595, "Fay")
    await onboard(fay)
    reply = await fay.send(f"/start {code}")
    assert "code ken ik niet" in reply[0].text  # a link code without a coach is nothing


async def test_regression_a_typed_reply_to_the_coach_is_offered_to_pass_on(
    harness: Harness,
) -> None:
    """A reply typed without pressing 'Antwoorden' ('ok tot straks anna') went to the FAQ
    and got "Dat weet ik helaas niet". After the coach's message, or naming the coach, the
    bot asks whether to pass it on; a question the FAQ knows is still answered."""
    coach = await make_coach(harness, 553, "Anna")
    bram = await make_client(harness, coach, 554, "Bram")
    await coach.press_data(f"coach:msg:{bram.id}:")
    await coach.send("Hoi Bram, zullen we dinsdag bellen?")
    await harness.runtime.sender.drain_outbox()
    question = await bram.send("mag ik bijverdienen naast mijn bijstand?")
    assert "Is dit bericht voor Anna?" not in bram.texts(question)  # the FAQ's question
    offer = await bram.send("ok tot dinsdag")
    assert "Is dit bericht voor Anna?" in offer[-1].text
    sent = await bram.send("ja")
    assert "doorgestuurd" in sent[-1].text
    await harness.runtime.sender.drain_outbox()
    assert "ok tot dinsdag" in coach.inbox()[-1].text
    later = await bram.send("hoe laat begint de cursus")  # answered now: no more offers
    assert "Is dit bericht voor Anna?" not in bram.texts(later)
    named = await bram.send("ok tot straks anna")
    assert "Is dit bericht voor Anna?" in named[-1].text
    kept = await bram.press("Nee, niet sturen")
    assert "niet doorgestuurd" in kept[-1].text


async def test_a_coach_naming_a_client_gets_that_clients_card(harness: Harness) -> None:
    """'hoe gaat het met bram' got "Dat begreep ik niet helemaal"; a name two clients share
    opens neither, and another coach's client is never shown."""
    coach = await make_coach(harness, 555, "Anna")
    await make_client(harness, coach, 556, "Bram")
    await make_client(harness, coach, 557, "Cas")
    reply = await coach.send("hoe gaat het met bram")
    assert "👤 Bram" in reply[-1].text and "begreep ik niet" not in reply[-1].text
    await make_client(harness, coach, 560, "Bram")  # now two clients called Bram
    reply = await coach.send("hoe gaat het met bram")
    assert "👤 Bram" not in coach.texts(reply)
    other = await make_coach(harness, 558, "Dirk")
    await make_client(harness, other, 559, "Eva")
    reply = await coach.send("hoe gaat het met eva")
    assert "Eva" not in coach.texts(reply)
