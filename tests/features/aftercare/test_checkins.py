"""Aftercare check-ins: schedule from the knowledge file, the conversation, risk rules,
reminders and escalation, quiet hours, ending a placement, restart."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from sqlmodel import col, select

from powbot.bot.scheduler import run_due
from powbot.clock import from_local
from powbot.knowledge.aftercare import load_aftercare
from powbot.knowledge.errors import KnowledgeError
from powbot.storage.models import ScheduledItem
from powbot.storage.models_aftercare import CheckInAnswer
from tests.aftercare_support import (
    alerts,
    checkins,
    get_user,
    make_client,
    make_coach,
    mood_data,
    place,
    send_checkin,
    tomorrow,
)
from tests.clock_double import clock_now
from tests.conftest import Harness, make_harness, make_settings, onboard

KNOWLEDGE = Path(__file__).parents[3] / "powbot" / "knowledge" / "content" / "aftercare.yaml"


# --- the knowledge file ----------------------------------------------------------------------


def test_default_schedule_follows_the_start_date() -> None:
    aftercare = load_aftercare(KNOWLEDGE)
    plan = aftercare.plan(date(2026, 3, 2))
    days = {(p.moment, p.day) for p in plan}
    assert ("before_start", date(2026, 3, 1)) in days
    assert ("first_days", date(2026, 3, 5)) in days
    assert ("first_week_end", date(2026, 3, 9)) in days
    assert {d for m, d in days if m == "first_month"} == {date(2026, 3, 16), date(2026, 3, 23)}
    assert {d for m, d in days if m == "later"} == {
        date(2026, 7, 2),
        date(2026, 8, 2),
        date(2026, 9, 2),
        date(2026, 12, 2),
        date(2027, 3, 2),
    }
    # First 25th at least 14 days after the start, plus two days; nothing else that week.
    assert ("first_pay", date(2026, 3, 27)) in days
    assert ("second_pay", date(2026, 4, 27)) in days
    assert not [d for _, d in days if abs((d - date(2026, 3, 27)).days) in (1, 2, 3)]
    assert all(2 <= len(p.questions) <= 5 for p in plan)
    # Nothing about travelling before the first day; the money gap is asked then.
    before = next(p for p in plan if p.moment == "before_start")
    assert "travel" not in before.questions and "money_until_pay" in before.questions
    # No employer check-ins unless the employer uses powbot.
    assert all(p.audience == "worker" for p in plan)


def test_a_region_changes_the_schedule_without_code(tmp_path: Path) -> None:
    data = yaml.safe_load(KNOWLEDGE.read_text(encoding="utf-8"))
    data["moments"] = [
        {"id": "weekly", "days": [7, 14], "questions": ["workload", "health"]},
        {"id": "pay", "paydays": [1], "questions": ["salary", "benefit"]},
    ]
    data["payday"]["day_of_month"] = 20
    data["payday"]["min_days_after_start"] = 0
    path = tmp_path / "aftercare.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    plan = load_aftercare(path).plan(date(2026, 3, 2))
    assert [(p.moment, p.day) for p in plan] == [
        ("weekly", date(2026, 3, 9)),
        ("weekly", date(2026, 3, 16)),
        ("pay", date(2026, 3, 22)),
    ]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["moments"][0].update(questions=["nope", "travel"]), "moments.before_start"),
        (lambda d: d["moments"][0].update(questions=["travel"]), "moments.before_start"),
        (lambda d: d["risks"][1]["when"]["answers"].update(workload=["maybe"]), "risks.quit"),
        (lambda d: d["mood"].update(emoji=["😞", "😄"]), "mood"),
        (lambda d: d.update(send_time="25:00"), "send_time"),
    ],
)
def test_invalid_knowledge_names_file_and_field(tmp_path: Path, change, field: str) -> None:
    data = yaml.safe_load(KNOWLEDGE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "aftercare.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(KnowledgeError) as error:
        load_aftercare(path)
    assert str(path) in str(error.value) and field in str(error.value)


# --- placement -> schedule -> check-in --------------------------------------------------------


async def test_placement_plans_checkins_at_ten_local_and_tells_the_worker(
    harness: Harness,
) -> None:
    coach = await make_coach(harness, 900, "Anna")
    bram = await make_client(harness, coach, 901, "Bram")
    start = tomorrow() + timedelta(days=1)
    placement = await place(harness, bram.id, start)
    planned = await checkins(harness, bram.id)
    assert len(planned) >= 12 and all(c.placement_id == placement.id for c in planned)
    tz = harness.runtime.settings.tz
    assert all(c.due_at.astimezone(tz).strftime("%H:%M") == "10:00" for c in planned)
    assert planned[0].moment == "before_start" and planned[0].day == start - timedelta(days=1)
    await run_due(harness.runtime, clock_now())
    assert any("Gefeliciteerd met je nieuwe werk" in s.text for s in bram.inbox())


async def test_a_whole_checkin_by_buttons_and_typing(harness: Harness) -> None:
    coach = await make_coach(harness, 910, "Anna")
    bram = await make_client(harness, coach, 911, "Bram")
    await place(harness, bram.id, tomorrow())
    checkin = await send_checkin(harness, bram.id, questions=["workload", "colleagues", "hours"])
    pushed = bram.inbox()[-1]
    assert "Hoe gaat het op je werk?" in pushed.text or "Morgen begin je" in pushed.text
    assert [label for label, _ in pushed.buttons] == ["😞", "🙁", "😐", "🙂", "😄"]
    first = await bram.press("🙂", pushed)
    assert "Vraag 1 van 4" in first[-1].text and "Hoe is het werk zelf?" in first[-1].text
    await bram.press("Goed te doen")
    typed = await bram.send("goed")  # colleagues, typed
    assert "Werk je de uren" in typed[-1].text
    await bram.send("1")  # hours: the first option, typed as its number
    last = await bram.send("nee")  # contact question
    assert "Bedankt voor je antwoorden" in last[-1].text
    done = (await checkins(harness, bram.id))[0]
    assert done.status == "answered" and done.mood == 4 and done.risks == []
    async with harness.runtime.db.transaction() as session:
        answers = (
            await session.exec(select(CheckInAnswer).where(CheckInAnswer.checkin_id == checkin.id))
        ).all()
    assert {a.question_id: a.answer for a in answers} == {
        "workload": "fine",
        "colleagues": "good",
        "hours": "yes",
        "contact": "no",
    }
    assert await alerts(harness) == []
    # The old mood buttons no longer open anything.
    again = await bram.press_data(mood_data(checkin, 1))
    assert "al afgesloten" in again[-1].text


RISK_CASES = [
    # (questions, mood, answers pressed in order, typed before, expected reason)
    (["workload", "colleagues"], 2, ["Goed te doen", "Goed", "Nee"], None, "low_mood"),
    (["workload", "colleagues"], 4, ["Ik wil stoppen", "Goed", "Nee"], None, "quit"),
    (["workload", "colleagues"], 4, ["Goed te doen", "Goed", "Nee"], "ik wil stoppen", "quit"),
    (["health", "hours"], 4, ["Ik heb klachten", "Ja", "Nee"], None, "health"),
    (["salary", "benefit", "toeslagen"], 4, ["Nee", "Ja", "Ja", "Nee"], None, "money"),
    (["workload", "colleagues"], 4, ["Goed te doen", "Goed", "Ja"], None, "contact"),
]


@pytest.mark.parametrize(("questions", "mood", "presses", "typed", "reason"), RISK_CASES)
async def test_each_risk_rule_alerts_the_coach_at_once(
    harness: Harness,
    questions: list[str],
    mood: int,
    presses: list[str],
    typed: str | None,
    reason: str,
) -> None:
    coach = await make_coach(harness, 920, "Anna")
    bram = await make_client(harness, coach, 921, "Bram")
    await place(harness, bram.id, tomorrow())
    checkin = await send_checkin(harness, bram.id, questions=questions)
    if typed:  # typed instead of answering the mood question
        heard = await bram.send(typed)
        assert "Ik hoor dat het niet goed gaat" in heard[0].text
    await bram.press_data(mood_data(checkin, mood))
    for label in presses:
        await bram.press(label)
    assert "Ik heb je coach een bericht gestuurd" in bram.texts(bram.inbox()[-2:])
    found = await alerts(harness, bram.id)
    assert len(found) == 1 and reason in found[0].reasons and found[0].coach_id == coach.id
    # Urgent: delivered at once, even now, with the summary and action buttons.
    await harness.runtime.sender.drain_outbox()
    pushed = coach.inbox()[-1]
    assert "Melding over Bram" in pushed.text
    risk = harness.runtime.content.aftercare.risk(reason)
    assert risk is not None
    # The check-in sent is the one before the first day: wording for that moment.
    summary = risk.summary_before_start or risk.summary
    assert summary.nl in pushed.text and "Vóór de start" in pushed.text
    if presses[-1] == "Nee":  # the client's wish is shown, not overruled
        assert "Wil géén contact" in pushed.text
    assert any("Contact opgenomen" in label for label, _ in pushed.buttons)
    if reason == "money":
        assert any("geldfit.nl" in s.text for s in bram.inbox())  # where to get help


async def test_worker_without_coach_gets_help_instead_of_an_alert(harness: Harness) -> None:
    cas = harness.user(930, "Cas")
    await onboard(cas)
    await place(harness, cas.id, tomorrow())
    checkin = await send_checkin(harness, cas.id, questions=["workload", "health"])
    await cas.press_data(mood_data(checkin, 1))
    await cas.press("Te zwaar")
    reply = await cas.press("Ik heb klachten")  # no contact question without a coach
    assert "Je staat er niet alleen voor" in cas.texts(reply)
    assert await alerts(harness) == []


async def test_not_sharing_limits_the_alert_to_the_request_for_contact(harness: Harness) -> None:
    coach = await make_coach(harness, 940, "Anna")
    dirk = await make_client(harness, coach, 941, "Dirk")
    await dirk.send("/coach")
    await dirk.press("Stop met delen")
    await place(harness, dirk.id, tomorrow())
    checkin = await send_checkin(harness, dirk.id, questions=["workload", "health"])
    await dirk.press_data(mood_data(checkin, 1))
    await dirk.press("Te zwaar")
    await dirk.press("Ik heb klachten")
    reply = await dirk.press("Ja")
    assert "andere antwoorden deel je niet" in dirk.texts(reply)
    [alert] = await alerts(harness, dirk.id)
    assert alert.limited and alert.reasons == ["contact"]
    await harness.runtime.sender.drain_outbox()
    pushed = coach.inbox()[-1].text
    assert "Vraagt of u contact opneemt" in pushed and "klachten" not in pushed


async def test_no_answer_gets_one_reminder_then_the_coach_is_told(harness: Harness) -> None:
    coach = await make_coach(harness, 950, "Anna")
    eva = await make_client(harness, coach, 951, "Eva")
    await place(harness, eva.id, tomorrow())
    checkin = await send_checkin(harness, eva.id)
    assert checkin.sent_at is not None
    sent = checkin.sent_at
    before = len(eva.inbox())
    await run_due(harness.runtime, sent + timedelta(hours=23))
    assert len(eva.inbox()) == before  # not yet
    await run_due(harness.runtime, sent + timedelta(hours=24, minutes=1))
    assert "Ik vroeg je gisteren" in eva.inbox()[-1].text
    assert len(eva.inbox()) == before + 1
    await run_due(harness.runtime, sent + timedelta(hours=48))
    assert len(eva.inbox()) == before + 1  # one reminder only
    coach_before = len(coach.inbox())
    await run_due(harness.runtime, sent + timedelta(hours=72, minutes=1))
    assert (await checkins(harness, eva.id))[0].status == "missed"
    [alert] = await alerts(harness, eva.id)
    assert alert.kind == "no_answer"
    assert "3 dagen niet gereageerd" in coach.texts(coach.inbox()[coach_before:])


async def test_answering_in_time_cancels_reminder_and_escalation(harness: Harness) -> None:
    coach = await make_coach(harness, 955, "Anna")
    eva = await make_client(harness, coach, 956, "Eva")
    await place(harness, eva.id, tomorrow())
    checkin = await send_checkin(harness, eva.id, questions=["workload", "colleagues"])
    await eva.press_data(mood_data(checkin, 5))
    for label in ("Goed te doen", "Goed", "Nee"):
        await eva.press(label)
    before = len(eva.inbox())
    assert checkin.sent_at is not None
    await run_due(harness.runtime, checkin.sent_at + timedelta(hours=73))
    assert len(eva.inbox()) == before and await alerts(harness) == []


async def test_quiet_hours_delay_checkins_but_not_alerts(sqlite_url: str) -> None:
    settings = make_settings(sqlite_url, POWBOT_QUIET_START="21:00", POWBOT_QUIET_END="08:00")
    harness = await make_harness(settings)
    try:
        tz = settings.tz
        coach = await make_coach(harness, 960, "Anna")
        fem = await make_client(harness, coach, 961, "Fem")
        await place(harness, fem.id, tomorrow())
        [first, *_] = await checkins(harness, fem.id)
        night = from_local(datetime.combine(first.day, datetime.min.time()).replace(hour=23), tz)
        await harness.runtime.sender.drain_outbox(now=night - timedelta(hours=1))
        before = len(fem.inbox())
        await run_due(harness.runtime, night)  # the bot was down at 10:00, back at 23:00
        assert len(fem.inbox()) == before, "no check-in during quiet hours"
        morning = from_local(
            datetime.combine(first.day + timedelta(days=1), datetime.min.time()).replace(hour=8),
            tz,
        )
        await run_due(harness.runtime, morning - timedelta(minutes=1))
        assert len(fem.inbox()) == before
        await run_due(harness.runtime, morning + timedelta(minutes=1))
        assert fem.inbox()[-1].buttons[0][0] == "😞"
        # The reminder counts from when the message really went out (08:00), not 10:00.
        checkin = (await checkins(harness, fem.id))[0]
        assert checkin.sent_at == morning
        # An alert is urgent: it reaches the coach at night too.
        coach_before = len(coach.inbox())
        await fem.press_data(mood_data(checkin, 1))
        while "Vraag" in fem.inbox()[-1].text:  # every question, whatever the moment
            keyboard = fem.last_keyboard()
            await fem.press(keyboard.buttons[0][0])
        await harness.runtime.sender.drain_outbox(now=night + timedelta(days=1))
        # (the link message, held for quiet hours, may come in the same batch)
        assert "Melding over Fem" in coach.texts(coach.inbox()[coach_before:])
    finally:
        await harness.app.close()


async def test_worker_ends_the_job_and_the_schedule_stops(harness: Harness) -> None:
    coach = await make_coach(harness, 970, "Anna")
    gijs = await make_client(harness, coach, 971, "Gijs")
    await place(harness, gijs.id, tomorrow())
    screen = await gijs.send("/werk")
    assert "Inpakker bij Bakkerij Zon" in screen[-1].text
    await gijs.press("Gestopt bij")
    done = await gijs.press("Ik heb ander werk")
    assert "Ik stuur geen vragen meer" in done[-1].text
    assert {c.status for c in await checkins(harness, gijs.id)} == {"cancelled"}
    before = len(gijs.inbox())
    await run_due(harness.runtime, clock_now() + timedelta(days=200))
    assert not [s for s in gijs.inbox()[before:] if s.buttons and s.buttons[0][0] == "😞"]
    assert any("is beëindigd" in s.text and "Ander werk" in s.text for s in coach.inbox())


async def test_due_checkins_are_sent_once_after_a_restart(harness: Harness) -> None:
    coach = await make_coach(harness, 980, "Anna")
    hans = await make_client(harness, coach, 981, "Hans")
    await place(harness, hans.id, tomorrow())
    [first, second, *_] = await checkins(harness, hans.id)
    # Down from before the first check-in until after the second one.
    restarted = await harness.restart()
    try:
        moment = second.due_at + timedelta(hours=1)
        await run_due(restarted.runtime, moment)
        await run_due(restarted.runtime, moment)  # a second pass sends nothing again
        faces = [s for s in restarted.session.to(hans.id) if s.buttons and s.buttons[0][0] == "😞"]
        data = sorted(s.buttons[0][1] or "" for s in faces)
        # The day-before check-in is past its day by then: only the second is sent, once.
        assert first.moment == "before_start"
        assert data == [mood_data(second, 1)]
    finally:
        await restarted.app.close()
        harness.app = restarted.app  # the fixture closes this one (twice is harmless)


async def test_checkin_typed_mood_works_without_pressing(harness: Harness) -> None:
    coach = await make_coach(harness, 990, "Anna")
    ivo = await make_client(harness, coach, 991, "Ivo")
    await place(harness, ivo.id, tomorrow())
    await send_checkin(harness, ivo.id)
    reply = await ivo.send("gaat wel")
    assert "Vraag 1 van" in reply[-1].text
    assert (await checkins(harness, ivo.id))[0].mood == 3
    user = await get_user(harness, ivo.id)
    assert user.flow == "aftercare"


async def test_ending_by_another_route_cancels_pending_items(harness: Harness) -> None:
    coach = await make_coach(harness, 995, "Anna")
    jan = await make_client(harness, coach, 996, "Jan")
    placement = await place(harness, jan.id, tomorrow())
    from powbot.domain.placements import end_placement
    from tests.aftercare_support import services_do

    async def work(services):  # type: ignore[no-untyped-def]
        from powbot.storage.models import Placement

        row = await services.session.get(Placement, placement.id)
        await end_placement(services, row, "job_ended")

    await services_do(harness, work)
    async with harness.runtime.db.transaction() as session:
        pending = (
            await session.exec(
                select(ScheduledItem).where(
                    col(ScheduledItem.user_id) == jan.id, ScheduledItem.status == "pending"
                )
            )
        ).all()
    assert pending == []


async def test_worker_who_unblocks_the_bot_gets_the_remaining_checkins_again(
    harness: Harness,
) -> None:
    from tests.aftercare_support import checkins, make_client, make_coach, place, tomorrow

    coach = await make_coach(harness, 580, "Anna")
    bram = await make_client(harness, coach, 581, "Bram")
    await place(harness, bram.id, tomorrow())
    planned = [c.id for c in await checkins(harness, bram.id) if c.status == "scheduled"]
    await harness.runtime.sender.mark_unreachable(bram.id)  # Telegram said: blocked
    assert all(c.status == "cancelled" for c in await checkins(harness, bram.id))
    await bram.send("/menu")  # back again
    again = [c.id for c in await checkins(harness, bram.id) if c.status == "scheduled"]
    assert again == planned
