"""The werkfit questionnaire end to end through the real dispatcher."""

from __future__ import annotations

from sqlmodel import select

from powbot.storage.models import QuestionnaireResult, QuestionnaireRun, User
from tests.conftest import Harness, Player, make_harness, make_settings, onboard

# Answers for a person who is ready to work; typed where a typed answer is natural.
READY: dict[str, str] = {
    "Hoe graag wil je": "5",
    "Hoeveel uur per week": "32",
    "Hoeveel jaar heb je al gewerkt": "Meer dan 5 jaar",
    "In welk soort werk": "1, 2",
    "Hoe makkelijk leer je": "4",
    "hoogste opleiding": "mbo",
    "certificaat of rijbewijs": "ja",
    "lichaam als je denkt aan werken": "4",
    "lastig is voor je lichaam": "Niets",
    "Hoe voel je je": "4",
    "Waar woon je nu": "1",
    "genoeg geld voor eten en huur": "ja",
    "schulden waar je je zorgen": "nee",
    "Welke uitkering heb je nu": "bijstand",
    "post, rekeningen en toeslagen": "ja, zelf",
    "veilig thuis": "ja",
    "kinderen jonger dan 12": "nee",
    "Zorg je vaak voor iemand": "nee",
    "Hoe kun je naar je werk": "fiets en bus",
    "Hoeveel minuten wil je": "30",
    "Hoe goed spreek je": "5",
    "Hoe goed lees je": "4",
    "Wat doe je nu het meest overdag": "vrijwilligerswerk",
    "Hoe laat sta je": "1",
    "op tijd te zijn voor afspraken": "1",
    "vaste dingen te doen": "ja",
    "e-mail lezen, een app": "1",
    "Heb je DigiD": "ja, met de app",
    "mensen die je helpen": "4",
    "alcohol, drugs of gokken": "nee",
    "een VOG kunt krijgen": "ja",
    "nog iets vertellen": "Ik kan meteen beginnen",
}


def answer_for(question_text: str, answers: dict[str, str]) -> str:
    for fragment, answer in answers.items():
        if fragment in question_text:
            return answer
    raise AssertionError(f"no scripted answer for: {question_text}")


async def fill_in(player: Player, answers: dict[str, str], limit: int = 40) -> list[str]:
    """Answer until the profile appears; returns the question texts seen."""
    seen: list[str] = []
    current = player.inbox()[-1].text
    for _ in range(limit):
        if "werkfit-profiel (" in current:
            return seen
        seen.append(current)
        replies = await player.send(answer_for(current, answers))
        # after a multi answer typed as text the next question follows directly
        current = replies[-1].text if replies else current
        for reply in replies:
            if "werkfit-profiel (" in reply.text:
                current = reply.text
    raise AssertionError("questionnaire did not finish")


async def start_questionnaire(harness: Harness, user_id: int) -> Player:
    player = harness.user(user_id)
    await onboard(player)
    await player.press("Werkfit-vragenlijst")
    return player


async def test_complete_questionnaire_gives_profile_chart_and_next_steps(harness: Harness) -> None:
    ann = await start_questionnaire(harness, 200)
    assert "Vraag 1 van" in ann.inbox()[-1].text
    seen = await fill_in(ann, READY)
    # no childcare question for someone without young children (skip logic)
    assert not any("opvang voor je kinderen" in text for text in seen)
    profile = next(s for s in ann.inbox() if "werkfit-profiel (" in s.text)
    fine = next(line for line in profile.text.splitlines() if line.startswith("🟢 Gaat goed:"))
    assert "Geld" in fine and "Klaar om te werken" in profile.text
    assert "Open Hiring" in profile.text  # next step for someone who is ready
    # What someone does now (the Participatieladder) is shown apart from the stage.
    assert "trede 4 van 6" in profile.text
    chart = [s for s in ann.inbox() if s.kind == "photo"]
    assert chart and chart[0].file and chart[0].file.startswith(b"\x89PNG")
    async with harness.runtime.db.transaction() as session:
        result = (await session.exec(select(QuestionnaireResult))).one()
        assert result.stage == "ready" and result.domains["money"] == "green"


async def test_branching_asks_childcare_and_gives_advice(harness: Harness) -> None:
    bo = await start_questionnaire(harness, 201)
    answers = dict(READY)
    answers["kinderen jonger dan 12"] = "ja"
    answers["opvang voor je kinderen"] = "Nee, nog niet"
    answers["schulden waar je je zorgen"] = "ja"
    answers["hulp bij je schulden"] = "nee"
    seen = await fill_in(bo, answers)
    assert any("opvang voor je kinderen" in text for text in seen)
    profile = next(s for s in bo.inbox() if "werkfit-profiel (" in s.text).text
    assert "kinderopvangtoeslag" in profile
    assert "schuldhulp" in profile and "0800-8115" in profile  # a phone next to the website
    assert "🔴 Geld" in profile
    # Debts without help no longer put work on hold: work and debt help go together.
    assert "Bijna klaar om te werken" in profile


async def test_back_changes_the_previous_answer(harness: Harness) -> None:
    cy = await start_questionnaire(harness, 202)
    await cy.send("2")
    back = await cy.press("Terug")
    assert "Vraag 1 van" in back[-1].text
    await cy.send("5")
    async with harness.runtime.db.transaction() as session:
        state = (await session.get(User, 202)).flow_data  # type: ignore[union-attr]
        assert {key: value["value"] for key, value in state["answers"].items()} == {
            "motivation_want": 5
        }
        assert state["path"] == ["motivation_want"]


async def test_skip_and_prefer_not_to_say_are_offered_where_allowed(harness: Harness) -> None:
    di = await start_questionnaire(harness, 203)
    answers = dict(READY)
    del answers["lichaam als je denkt aan werken"]
    for text in list(answers)[:7]:
        await di.send(answers[text])
    sensitive = di.last_keyboard()
    labels = [label for label, _ in sensitive.buttons]
    assert any("Liever niet zeggen" in label for label in labels)
    assert any("Waarom vraag ik dit" in label for label in labels)
    why = await di.press("Waarom vraag ik dit")
    assert "passend" in why[0].text or "past" in why[0].text
    after = await di.press("Liever niet zeggen")
    assert "lastig is voor je lichaam" in after[-1].text


async def test_invalid_answers_are_reasked_with_a_hint(harness: Harness) -> None:
    ed = await start_questionnaire(harness, 204)
    wrong = await ed.send("banaan")
    assert "cijfer van 1 tot 5" in wrong[-1].text and "Vraag 1 van" in wrong[-1].text
    await ed.send("Heel graag")  # a label works too
    out_of_range = await ed.send("60")
    assert "0 tot 40" in out_of_range[-1].text and "kan niet" in out_of_range[-1].text
    await ed.send("20")
    typo = await ed.send("meer dan 5 jaaar")  # small typo of an option
    assert "soort werk" in typo[-1].text


async def test_pause_and_resume_exactly_there_after_a_restart(harness: Harness) -> None:
    fe = await start_questionnaire(harness, 205)
    await fe.send("4")
    await fe.send("24")
    paused = await fe.press("Pauze")
    assert "Gepauzeerd" in paused[-1].text
    async with harness.runtime.db.transaction() as session:
        run = (await session.exec(select(QuestionnaireRun))).one()
        assert run.status == "paused" and run.path == ["motivation_want", "motivation_hours"]
    fresh = await harness.restart()
    try:
        fe2 = fresh.user(205)
        offer = await fe2.send("/vragenlijst")
        assert "vraag 3 van" in offer[-1].text
        resumed = await fe2.press("Verder waar ik was")
        assert "Hoeveel jaar heb je al gewerkt" in resumed[-1].text
    finally:
        await fresh.app.close()


async def test_start_over_abandons_the_old_run(harness: Harness) -> None:
    gi = await start_questionnaire(harness, 206)
    await gi.send("4")
    await gi.send("/stop")
    await gi.send("/vragenlijst")
    sure = await gi.press("Opnieuw beginnen")
    assert "Weet je het zeker?" in sure[-1].text  # the answers are not thrown away at once
    restarted = await gi.press("Ja, wis mijn antwoorden")
    assert "Vraag 1 van" in restarted[-1].text
    async with harness.runtime.db.transaction() as session:
        statuses = sorted(r.status for r in (await session.exec(select(QuestionnaireRun))).all())
        assert statuses == ["abandoned", "active"]


async def test_stale_button_does_not_change_the_current_question(harness: Harness) -> None:
    hu = await start_questionnaire(harness, 207)
    first_question = hu.last_keyboard()
    await hu.send("5")
    moved = await hu.press("Helemaal niet", source=first_question)
    assert "al voorbij" in moved[0].text
    assert "Hoeveel uur per week" in moved[-1].text
    async with harness.runtime.db.transaction() as session:
        state = (await session.get(User, 207)).flow_data  # type: ignore[union-attr]
        assert state["answers"]["motivation_want"]["value"] == 5


async def test_duplicate_update_is_applied_once(harness: Harness) -> None:
    io = await start_questionnaire(harness, 208)
    update = io.message_update("3")
    await io.feed(update)
    again = await io.feed(update)
    assert again == []
    async with harness.runtime.db.transaction() as session:
        state = (await session.get(User, 208)).flow_data  # type: ignore[union-attr]
        assert list(state["answers"]) == ["motivation_want"]
        assert state["path"] == ["motivation_want"]


async def test_urgent_answer_shows_help_at_once(harness: Harness) -> None:
    jo = await start_questionnaire(harness, 209)
    await jo.send("1")  # motivation
    await jo.send("10")
    await jo.send("1")
    await jo.send("1")  # a typed multiple choice ticks, like its button
    await jo.send("klaar")
    for answer in ("3", "1", "ja", "3", "Lang staan", "klaar"):
        await jo.send(answer)
    replies = await jo.send("1")  # "Hoe voel je je" -> very bad: follow-up question
    assert "jezelf iets aan te doen" in replies[-1].text
    urgent = await jo.send("ja")
    assert "113" in urgent[0].text and "0800-0113" in urgent[0].text
    assert "Waar woon je nu" in urgent[-1].text


async def test_urgent_money_and_housing_answers(harness: Harness) -> None:
    ka = await start_questionnaire(harness, 210)
    answers = dict(READY)
    answers["Waar woon je nu"] = "Ik heb geen plek om te slapen"
    answers["genoeg geld voor eten en huur"] = "nee"
    answers["schulden waar je je zorgen"] = "nee"
    await fill_in(ka, answers)
    texts = [s.text for s in ka.inbox()]
    assert any("maatschappelijke opvang" in t for t in texts)
    assert any("Voedselbank" in t for t in texts)
    profile = next(t for t in texts if "werkfit-profiel (" in t)
    assert "Eerst andere dingen regelen" in profile


async def test_second_run_shows_what_changed(harness: Harness) -> None:
    le = await start_questionnaire(harness, 211)
    worse = dict(READY)
    worse["schulden waar je je zorgen"] = "ja"
    worse["hulp bij je schulden"] = "nee"
    await fill_in(le, worse)
    await le.send("/vragenlijst")
    await fill_in(le, READY)
    profiles = [s.text for s in le.inbox() if "werkfit-profiel (" in s.text]
    assert len(profiles) == 2
    assert "Wat is er veranderd sinds" in profiles[1]
    assert "Geld: 🔴 → 🟢" in profiles[1]


async def test_questionnaire_in_english(sqlite_url: str) -> None:
    harness = await make_harness(make_settings(sqlite_url))
    try:
        mo = harness.user(212, language_code="en")
        await onboard(mo, language="en")
        first = await mo.press("questionnaire")
        assert "Question 1 of" in first[-1].text
        assert "How much do you want to work" in first[-1].text
    finally:
        await harness.app.close()


async def test_multi_choice_with_buttons(harness: Harness) -> None:
    ny = await start_questionnaire(harness, 213)
    for answer in ("4", "20", "2"):
        await ny.send(answer)
    toggled = await ny.press("Schoonmaak")
    assert "Gekozen: Schoonmaak" in toggled[-1].text
    await ny.press("Winkel")
    done = await ny.press("Klaar")
    assert "leer je iets nieuws" in done[-1].text
    async with harness.runtime.db.transaction() as session:
        state = (await session.get(User, 213)).flow_data  # type: ignore[union-attr]
        assert state["answers"]["experience_fields"]["value"] == ["cleaning", "retail"]


async def test_restart_without_pause_continues_at_the_same_question(harness: Harness) -> None:
    pi = await start_questionnaire(harness, 214)
    await pi.send("4")
    fresh = await harness.restart()  # as if the process died right after that answer
    try:
        pi2 = fresh.user(214)
        reply = await pi2.send("12")
        assert "Vraag 3 van" in reply[-1].text
        assert "Hoeveel jaar heb je al gewerkt" in reply[-1].text
    finally:
        await fresh.app.close()


async def test_typed_multi_choice_answers_tick_and_add_up_like_buttons(harness: Harness) -> None:
    """Regression: one typed answer at a 'choose one or more' question stored it and moved on,
    and a number typed after a ticked button replaced the tick instead of adding to it."""
    ny = await start_questionnaire(harness, 215)
    for answer in ("4", "20", "2"):
        await ny.send(answer)
    typed = await ny.send("schoonmaak")
    assert "Gekozen: Schoonmaak" in typed[-1].text  # still the same question, ticked
    await ny.press("Winkel")
    added = await ny.send("1")  # 1 is "Horeca en keuken": added to the two ticks
    assert "Gekozen: Horeca en keuken, Schoonmaak, Winkel" in added[-1].text
    done = await ny.send("klaar")
    assert "leer je iets nieuws" in done[-1].text
    async with harness.runtime.db.transaction() as session:
        state = (await session.get(User, 215)).flow_data  # type: ignore[union-attr]
        stored = state["answers"]["experience_fields"]["value"]
        assert sorted(stored) == ["cleaning", "hospitality", "retail"]


async def test_a_partly_understood_list_keeps_the_earlier_ticks(harness: Harness) -> None:
    """Regression: 'klopt dat?' answered yes stored only the typed part and lost the ticks."""
    ny = await start_questionnaire(harness, 216)
    for answer in ("4", "20", "2"):
        await ny.send(answer)
    await ny.press("Winkel")
    asked = await ny.send("horeca, vliegen")
    assert "Klopt dat?" in asked[-1].text
    await ny.send("ja")
    async with harness.runtime.db.transaction() as session:
        state = (await session.get(User, 216)).flow_data  # type: ignore[union-attr]
        assert sorted(state["answers"]["experience_fields"]["value"]) == ["hospitality", "retail"]
