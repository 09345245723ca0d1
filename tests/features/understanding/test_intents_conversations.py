"""Intents hold in every state, but never take an answer the current step understands."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.aftercare_support import invite_code, make_client, make_coach
from tests.conftest import Harness, onboard


def texts(sent: list) -> str:
    return "\n".join(message.text for message in sent)


async def test_greeting_mid_questionnaire_welcomes_back_and_shows_the_same_question(
    harness: Harness, clock: Any
) -> None:
    seeker = harness.user(7301)
    await onboard(seeker)
    question = (await seeker.send("/vragenlijst"))[-1].text
    now = await seeker.send("hoi")
    assert now[0].text == "Hoi! Hier was je gebleven:"  # wrote a moment ago: not "back"
    clock.advance(timedelta(hours=2))
    replies = await seeker.send("hoi")
    assert "welkom terug" in texts(replies).lower()
    assert replies[-1].text.splitlines()[-1] == question.splitlines()[-1]
    assert "begreep ik niet" not in texts(replies)


async def test_greeting_after_a_pause_offers_to_continue_where_they_were(
    harness: Harness, clock: Any
) -> None:
    seeker = harness.user(7302)
    await onboard(seeker)
    await seeker.send("/vragenlijst")
    await seeker.send("5")  # one answer
    await seeker.send("/menu")
    clock.advance(timedelta(days=1))
    replies = await seeker.send("hallo")
    assert "welkom terug" in texts(replies).lower()
    assert "verder waar je was" in texts(replies)
    assert any("Verder" in label for label, _ in replies[-1].buttons)


async def test_a_person_for_a_seeker_without_coach_is_the_gemeente(harness: Harness) -> None:
    seeker = harness.user(7303)
    await onboard(seeker)
    said = texts(await seeker.send("ik wil met een mens praten"))
    gemeente = harness.runtime.content.region.gemeente
    assert gemeente is not None and gemeente.name in said
    assert "uitkering" not in said  # not an FAQ answer about a benefit


async def test_a_person_for_a_seeker_with_a_coach_is_the_coach(harness: Harness) -> None:
    coach = await make_coach(harness, 7400, "Sanne")
    seeker = await make_client(harness, coach, 7401, "Ali")
    replies = await seeker.send("kan iemand mij bellen")
    assert "Sanne" in texts(replies)
    assert replies[-1].buttons  # a button to message the coach


async def test_a_person_for_an_employer_is_the_wsp_call_back(harness: Harness) -> None:
    employer = harness.user(7304)
    await onboard(employer, role="employer")
    replies = await employer.send("ik wil iemand spreken")
    said = texts(replies)
    wsp = harness.runtime.content.region.wsp
    assert wsp.name in said
    await employer.press(replies[-1].buttons[0][0])
    assert "naam" in employer.inbox()[-1].text.lower()  # the call-back request starts


async def test_employer_looking_for_staff_is_offered_a_vacancy(harness: Harness) -> None:
    employer = harness.user(7305)
    await onboard(employer, role="employer")
    said = texts(await employer.send("ik zoek personeel"))
    assert "Daar kan ik u niet mee helpen" not in said
    assert "vacature" in said.lower()


async def test_a_typed_invite_code_is_recognised(harness: Harness) -> None:
    employer = harness.user(7306)
    await onboard(employer, role="employer")
    code = await invite_code(harness, "coach")
    replies = await employer.send(code)
    assert "coach" in texts(replies).lower()
    said = texts(await employer.send("Zq3vX9_aB1cD"))
    assert "uitnodigingscode" in said


async def test_menu_says_stopped_only_when_something_was_running(harness: Harness) -> None:
    seeker = harness.user(7307)
    await onboard(seeker)
    assert "Gestopt" not in texts(await seeker.send("/menu"))
    await seeker.send("/vragenlijst")
    assert "Gestopt" in texts(await seeker.send("/menu"))


async def test_unknown_command_mid_questionnaire_shows_the_question_again(
    harness: Harness,
) -> None:
    seeker = harness.user(7308)
    await onboard(seeker)
    question = (await seeker.send("/vragenlijst"))[-1].text
    replies = await seeker.send("/bestaatniet")
    assert replies[-1].text == question


async def test_too_long_mid_questionnaire_shows_the_question_again(harness: Harness) -> None:
    seeker = harness.user(7309)
    await onboard(seeker)
    question = (await seeker.send("/vragenlijst"))[-1].text
    replies = await seeker.send("a" * (harness.runtime.settings.max_text_length + 1))
    assert "te lang" in replies[0].text
    assert replies[-1].text == question


async def test_stop_typed_mid_questionnaire_pauses_it(harness: Harness) -> None:
    seeker = harness.user(7310)
    await onboard(seeker)
    await seeker.send("/vragenlijst")
    said = texts(await seeker.send("stop"))
    assert "Gestopt" in said


async def test_an_answer_the_step_understands_is_not_taken_as_an_intent(
    harness: Harness,
) -> None:
    seeker = harness.user(7311)
    await onboard(seeker)
    first = (await seeker.send("/vragenlijst"))[-1].text
    replies = await seeker.send("5")
    assert replies[-1].text != first  # the next question, not a greeting or the menu


async def test_foreign_text_gets_the_language_note_in_both_languages(harness: Harness) -> None:
    seeker = harness.user(7312)
    await onboard(seeker)
    said = texts(await seeker.send("Szukam pracy, nie mówię po holendersku"))
    assert "Ik spreek Nederlands en English" in said and "I speak Dutch and English" in said
    assert "Mówię po niderlandzku" in said


async def test_language_screen_errors_are_bilingual(harness: Harness) -> None:
    newcomer = harness.user(7313)
    await newcomer.send("/start")
    replies = await newcomer.send("العربية")
    said = texts(replies)
    assert "Ik spreek Nederlands en English" in said and "I speak Dutch and English" in said
    assert "أتحدث" in said  # and in Arabic
    assert replies[-1].buttons  # the language buttons again


async def test_unknown_text_at_the_menu_is_never_a_dead_end(harness: Harness) -> None:
    coach = await make_coach(harness, 7500, "Sanne")
    replies = await coach.send("blablabla qwerty")
    assert "/help" in texts(replies)
    assert replies[-1].buttons  # the menu


async def test_employer_naming_the_job_in_a_compound_is_offered_a_vacancy(
    harness: Harness,
) -> None:
    """'ik zoek een magazijnmedewerker' got "no reliable answer" and the WSP block: the staff
    word was inside a Dutch compound."""
    employer = harness.user(7310)
    await onboard(employer, role="employer")
    for text in ("ik zoek een magazijnmedewerker", "wij zoeken 2 schoonmaakkrachten", "chauffeurs"):
        said = texts(await employer.send(text))
        assert "geen betrouwbaar antwoord" not in said, text
        assert "vacature" in said.lower(), text
    asked = texts(await employer.send("ik zoek informatie over loonkostensubsidie"))
    assert "❓" in asked  # a question about a scheme still gets the FAQ


async def test_a_coach_typing_a_question_gets_the_faq_answer(harness: Harness) -> None:
    """A coach's typed 'hoe werkt loonkostensubsidie?' got "Dat begreep ik niet helemaal":
    only employers and job seekers had their free text go to the FAQ."""
    coach = await make_coach(harness, 7311, "Sanne")
    said = await coach.send("hoe werkt loonkostensubsidie?")
    assert said[0].text.startswith("❓") and "loonkostensubsidie" in said[0].text.lower()
    other = texts(await coach.send("Sanne"))
    assert "begreep ik niet" in other  # not a question: the way on, not a guessed answer


async def test_hi_right_after_starting_is_not_welcome_back(harness: Harness) -> None:
    """'hoi' a minute after onboarding got "Welkom terug!" though they had never left."""
    seeker = harness.user(7312)
    await onboard(seeker)
    replies = await seeker.send("hoi")
    assert "welkom terug" not in texts(replies).lower()
    assert replies[-1].text == "Hoi! Wat wil je doen?" and replies[-1].buttons


async def test_employer_asking_to_be_called_gets_the_call_back(harness: Harness) -> None:
    """'ik wil gebeld worden' got the FAQ entry on UWV or gemeente, not the call-back; asking
    for a call-back in words now starts its form at once (tester)."""
    for offset, text in enumerate(
        ("ik wil gebeld worden", "kunt u mij terugbellen aub", "please call me back")
    ):
        employer = harness.user(7313 + 100 * offset)
        await onboard(employer, role="employer")
        replies = await employer.send(text)
        assert "1/4 · Wat is uw naam?" in texts(replies), text
        assert replies[-1].buttons, text


async def test_job_seeker_asking_for_work_in_words_gets_the_vacancies(harness: Harness) -> None:
    """'ik zoek werk als chauffeur' got "Dat weet ik helaas niet" and 'zijn er banen in de
    schoonmaak?' the FAQ entry on the Banenafspraak (rules for employers)."""
    seeker = harness.user(7314)
    await onboard(seeker)
    for text in (
        "ik zoek werk als chauffeur",
        "zijn er banen in de schoonmaak?",
        "any jobs for me?",
    ):
        said = texts(await seeker.send(text))
        assert "Open Hiring" in said, text
        assert "Banenafspraak" not in said and "Dat weet ik helaas niet" not in said, text
    rules = texts(await seeker.send("mag ik werk zoeken als ik ww heb?"))
    assert "vacatures van Open Hiring" not in rules  # a question about the rules: the FAQ


async def test_no_open_vacancies_leaves_the_menu_not_a_dead_step(harness: Harness) -> None:
    """With no vacancies the list said so and then waited for 'the number of a vacancy':
    the next question got "Typ het nummer van een vacature"."""
    seeker = harness.user(7315)
    await onboard(seeker)
    replies = await seeker.send("vacatures")
    assert "geen open vacatures" in replies[-1].text and replies[-1].buttons  # the menu
    after = texts(await seeker.send("hoe lang duurt de vragenlijst"))
    assert "nummer van een vacature" not in after
