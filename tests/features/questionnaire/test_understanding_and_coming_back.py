"""The questionnaire understands what people type, goes back without losing answers, and
reminds a person who stopped halfway, at most twice."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlmodel import select

from powbot.bot.scheduler import run_due
from powbot.storage.models import QuestionnaireRun, ScheduledItem, User
from powbot.storage.models_aftercare import Alert
from tests.clock_double import clock_now
from tests.conftest import Harness, Player
from tests.features.questionnaire.test_questionnaire_flow import start_questionnaire

REMINDER = "Je was bezig met de werkfit-vragenlijst"


async def run_of(harness: Harness, user_id: int) -> QuestionnaireRun:
    async with harness.runtime.db.transaction() as session:
        rows = await session.exec(
            select(QuestionnaireRun).where(QuestionnaireRun.user_id == user_id)
        )
        return rows.one()


async def answers_after_pause(harness: Harness, player: Player) -> dict[str, Any]:
    await player.press("Pauze")
    run = await run_of(harness, player.id)
    return {
        key: {k: v for k, v in value.items() if k != "at"} for key, value in run.answers.items()
    }


async def test_typed_answers_why_rather_not_ranges_and_partial_lists(harness: Harness) -> None:
    ann = await start_questionnaire(harness, 300)
    why = await ann.send("waarom?")  # the first question has no own explanation
    assert "wat al goed gaat" in why[0].text and "Hoe graag wil je" in why[-1].text
    await ann.send("5")
    which = await ann.send("24 tot 32")
    assert "Bedoel je 24 of 32?" in which[-1].text
    assert [label for label, _ in which[-1].buttons] == ["24", "32"]
    await ann.press("32")
    await ann.send("meer dan 5")
    partial = await ann.send("horeca, vliegen")
    assert (
        "'Horeca en keuken' genoteerd, 'vliegen' herkende ik niet. Klopt dat?" in partial[-1].text
    )
    learning = await ann.send("jaa")
    assert "Hoe makkelijk leer je" in learning[-1].text
    await ann.send("ok")  # 'Okay' on the scale: 3 · Gaat wel
    await ann.send("mbo")
    await ann.send("👍")
    await ann.send("liever niet")  # a sensitive question
    await ann.send("no")  # 'Nothing'
    answers = await answers_after_pause(harness, ann)
    assert answers["motivation_hours"] == {"value": 32}
    assert answers["experience_fields"] == {"value": ["hospitality"]}
    assert answers["experience_learning"] == {"value": 3}
    assert answers["education_certificates"] == {"value": True}
    assert answers["physical_health"] == {"prefer_not": True}
    assert answers["physical_limits"] == {"value": ["nothing"]}


async def test_regression_a_number_taken_out_of_other_words_is_confirmed(
    harness: Harness,
) -> None:
    """'Stationsstraat 1' at 'how many hours?' was stored as 1 hour without a word. A number
    taken out of other words is confirmed first ('nee' asks again); 'ik wil 20 uur werken'
    stands on its own and is kept at once."""
    cy = await start_questionnaire(harness, 302)
    await cy.send("5")
    noted = await cy.send("Stationsstraat 1")
    assert "Ik heb 1 genoteerd. Klopt dat?" in noted[-1].text
    again = await cy.send("nee")
    assert "Hoeveel uur" in again[-1].text
    await cy.send("max 32 ivm de kinderen")
    await cy.send("ja")
    answers = await answers_after_pause(harness, cy)
    assert answers["motivation_hours"] == {"value": 32}
    dee = await start_questionnaire(harness, 303)
    await dee.send("5")
    kept = await dee.send("ik wil 20 uur werken")
    assert "Klopt dat" not in kept[-1].text and "Vraag 3 van" in kept[-1].text


async def test_back_shows_the_earlier_answer_and_keeps_the_ticks(harness: Harness) -> None:
    bo = await start_questionnaire(harness, 301)
    for typed in ("5", "32", "1"):
        await bo.send(typed)
    await bo.press("Magazijn")
    await bo.press("Schoonmaak")
    await bo.press("Klaar")
    back = await bo.send("terug")
    assert "Je gaf eerder: Magazijn en logistiek, Schoonmaak" in back[-1].text
    labels = [label for label, _ in back[-1].buttons]
    assert "✅ Magazijn en logistiek" in labels and "✅ Schoonmaak" in labels
    await bo.press("Klaar")  # unchanged answer, straight on
    back = await bo.press("Terug")
    await bo.press("Terug")
    again = bo.inbox()[-1]
    assert "Je gaf eerder: Nog nooit" in again.text  # '1' was the first option


async def test_an_unknown_command_mid_questionnaire_shows_the_question_again(
    harness: Harness,
) -> None:
    cy = await start_questionnaire(harness, 302)
    replies = await cy.send("/onbekend")
    assert "Hoe graag wil je" in replies[-1].text


async def test_two_reminders_at_most_and_none_after_finishing_or_stop(
    harness: Harness, clock: Any
) -> None:
    di = await start_questionnaire(harness, 303)
    await di.send("5")
    await di.press("Pauze")
    # After 3 idle days the first reminder, after 8 the second, then never again.
    clock.advance(timedelta(days=3))
    await run_due(harness.runtime, clock_now())
    assert sum(REMINDER in s.text for s in di.inbox()) == 1
    clock.advance(timedelta(days=5))
    await run_due(harness.runtime, clock_now())
    clock.advance(timedelta(days=30))
    await run_due(harness.runtime, clock_now())
    reminders = [s for s in di.inbox() if REMINDER in s.text]
    assert len(reminders) == 2 and "vraag 2 van" in reminders[0].text
    go_on = await di.press("Verder waar ik was", reminders[-1])
    assert "Hoeveel uur per week" in go_on[-1].text


async def test_no_more_reminders_when_asked(harness: Harness, clock: Any) -> None:
    ed = await start_questionnaire(harness, 304)
    await ed.send("5")
    await ed.press("Pauze")
    clock.advance(timedelta(days=3))
    await run_due(harness.runtime, clock_now())
    stop = await ed.press("Geen herinneringen meer")
    assert "geen herinneringen meer" in stop[-1].text
    clock.advance(timedelta(days=30))
    await run_due(harness.runtime, clock_now())
    assert sum(REMINDER in s.text for s in ed.inbox()) == 1
    async with harness.runtime.db.transaction() as session:
        items = (
            await session.exec(select(ScheduledItem).where(ScheduledItem.user_id == 304))
        ).all()
        assert {item.status for item in items} <= {"done", "cancelled"}


async def test_an_urgent_answer_reaches_a_linked_consenting_coach(harness: Harness) -> None:
    async with harness.runtime.db.transaction() as session:
        session.add(User(id=710, chat_id=710, language="nl", role="coach", first_name="Coach"))
    fe = await start_questionnaire(harness, 305)
    async with harness.runtime.db.transaction() as session:
        user = await session.get(User, 305)
        assert user is not None
        user.coach_id, user.share_with_coach = 710, True
    for typed in ("5", "32", "1", "1", "klaar", "4", "mbo", "ja", "4", "niets", "1"):
        await fe.send(typed)
    help_now = await fe.send("ja")  # thoughts of not wanting to live
    assert "113" in help_now[0].text
    async with harness.runtime.db.transaction() as session:
        alerts = (await session.exec(select(Alert).where(Alert.seeker_id == 305))).all()
    assert [alert.kind for alert in alerts] == ["urgent"]


async def test_a_typed_yes_at_the_resume_offer_continues_where_one_was(harness: Harness) -> None:
    ha = await start_questionnaire(harness, 306)
    await ha.send("5")
    await ha.press("Pauze")
    offer = await ha.send("/vragenlijst")
    assert "Wil je verder waar je was?" in offer[-1].text
    go_on = await ha.send("ja")
    assert "Hoeveel uur per week" in go_on[-1].text


async def test_regression_number_words_on_a_scale_and_a_clear_no_to_a_partial_list(
    harness: Harness,
) -> None:
    """'vier' on a 1-5 scale got "Kies een cijfer van 1 tot 5" (the hours question took it);
    'nee' to "… genoteerd, 'horeka' herkende ik niet. Klopt dat?" got "Dat begreep ik niet"."""
    eva = await start_questionnaire(harness, 304)
    await eva.send("vier")
    await eva.send("32")
    await eva.send("meer dan 5")
    partial = await eva.send("horeca, vliegen")
    assert "Klopt dat?" in partial[-1].text
    no = await eva.send("nee")
    assert "begreep ik niet" not in no[-1].text and "nog een keer" in no[-1].text
    answers = await answers_after_pause(harness, eva)
    assert answers["motivation_want"] == {"value": 4}


async def test_after_back_an_earlier_answer_can_be_kept_with_one_button(harness: Harness) -> None:
    """ "Je gaf eerder: 32. Kies opnieuw, of laat het zo." had no button to leave it: a
    number had to be typed again. 'Zo laten' keeps it and goes on."""
    cas = await start_questionnaire(harness, 305)
    await cas.send("5")
    await cas.send("32")
    back = await cas.press("Terug")
    assert "Je gaf eerder: 32" in back[-1].text
    kept = await cas.press("Zo laten")
    assert "Vraag 3 van" in kept[-1].text
    answers = await answers_after_pause(harness, cas)
    assert answers["motivation_hours"] == {"value": 32}
