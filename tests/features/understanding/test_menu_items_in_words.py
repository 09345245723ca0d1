"""People type what a menu button says, or part of it, instead of pressing it: 'vacature',
'profiel', 'clienten' (without its accent), 'ik wil een nieuwe client toevoegen'. At the menu
that got "Dat weet ik helaas niet" / "Dat begreep ik niet helemaal"."""

from __future__ import annotations

from tests.aftercare_support import make_coach
from tests.conftest import Harness, onboard


def texts(sent: list) -> str:
    return "\n".join(message.text for message in sent)


async def test_a_seeker_typing_a_menu_word_gets_that_item(harness: Harness) -> None:
    seeker = harness.user(7701)
    await onboard(seeker)
    t = harness.runtime.content.catalog.t
    assert t("nl", "open_hiring.none_open") in texts(await seeker.send("vacature"))
    assert t("nl", "questionnaire.no_result") in texts(await seeker.send("profiel"))
    said = texts(await seeker.send("vragenlijst"))
    assert "Vraag 1 van" in said and "weet ik helaas niet" not in said


async def test_a_menu_word_where_a_step_wanted_a_number_goes_there_and_keeps_progress(
    harness: Harness,
) -> None:
    seeker = harness.user(7702)
    await onboard(seeker)
    await seeker.send("/vragenlijst")
    await seeker.send("5")  # one answer
    said = texts(await seeker.send("vacatures"))
    assert harness.runtime.content.catalog.t("nl", "open_hiring.none_open") in said
    back = texts(await seeker.send("/vragenlijst"))
    assert "verder" in back.lower()  # the answer given is kept: continue where they were


async def test_a_question_naming_a_menu_subject_is_still_answered_by_the_faq(
    harness: Harness,
) -> None:
    seeker = harness.user(7703)
    await onboard(seeker)
    said = texts(await seeker.send("wat is open hiring eigenlijk?"))
    assert harness.runtime.content.catalog.t("nl", "open_hiring.none_open") not in said


async def test_a_coach_typing_menu_words_gets_the_caseload_and_a_link(harness: Harness) -> None:
    coach = await make_coach(harness, 7704, "Sanne")
    t = harness.runtime.content.catalog.t
    assert t("nl", "coach.no_clients") in texts(await coach.send("clienten"))
    assert t("nl", "coach.no_clients") in texts(await coach.send("hoeveel clienten heb ik"))
    assert "/start " in texts(await coach.send("ik wil een nieuwe client toevoegen"))


async def test_a_seeker_who_wants_to_sign_up_is_shown_the_vacancies(harness: Harness) -> None:
    """'ik wil me aanmelden' got the FAQ's choice of benefit subjects."""
    seeker = harness.user(7710)
    await onboard(seeker)
    t = harness.runtime.content.catalog.t
    assert t("nl", "open_hiring.none_open") in texts(await seeker.send("ik wil me aanmelden"))
    assert t("nl", "open_hiring.none_open") in texts(await seeker.send("I want to sign up"))


async def test_a_number_typed_under_the_menu_opens_that_item(harness: Harness) -> None:
    """'1' typed under the menu (Telegram sends a typed number as text) got the FAQ's choice
    of subjects; 'ik wil een vacature' got "Dat weet ik helaas niet"."""
    seeker = harness.user(7711)
    await onboard(seeker)
    await seeker.send("/menu")
    said = texts(await seeker.send("1"))
    assert "Vraag 1 van" in said and "Waar gaat je vraag over" not in said
    await seeker.send("/menu")
    t = harness.runtime.content.catalog.t
    assert t("nl", "open_hiring.none_open") in texts(await seeker.send("ik wil een vacature"))
