"""Onboarding through the real dispatcher: language, role, consent, menu, commands."""

from __future__ import annotations

from sqlmodel import select

from powbot.storage.models import User
from tests.conftest import Harness, onboard


async def test_dutch_job_seeker_is_asked_consent_before_personal_questions(
    harness: Harness,
) -> None:
    ann = harness.user(100)
    first = await ann.send("/start")
    assert "Welke taal" in first[0].text
    await ann.press("Nederlands")
    role = ann.last_keyboard()
    assert [label for label, _ in role.buttons] == ["🙋 Ik zoek werk", "🏢 Ik ben werkgever"]
    consent = await ann.press("Ik zoek werk")
    assert "gezondheid, geld" in consent[-1].text
    assert "/verwijder" in consent[-1].text
    menu = await ann.press("Ja")
    assert any("Werkfit-vragenlijst" in label for label, _ in menu[-1].buttons)
    async with harness.runtime.db.transaction() as session:
        user = (await session.exec(select(User).where(User.id == 100))).one()
        assert user.role == "seeker" and user.language == "nl" and user.consent_at is not None


async def test_english_employer_gets_english_menu_and_no_consent_step(harness: Harness) -> None:
    bob = harness.user(101, language_code="en")
    await onboard(bob, role="employer", language="en")
    assert "ask me about schemes" in bob.inbox()[-1].text


async def test_declining_consent_keeps_personal_questions_closed(harness: Harness) -> None:
    cas = harness.user(102)
    await cas.send("/start")
    await cas.press("Nederlands")
    await cas.press("Ik zoek werk")
    declined = await cas.press("Nee")
    assert "geen persoonlijke vragen" in declined[-1].text
    again = await cas.send("/vragenlijst")
    assert "Vind je dat goed?" in again[-1].text  # asks consent again instead of questions


async def test_typed_answers_work_during_onboarding(harness: Harness) -> None:
    dee = harness.user(103)
    await dee.send("/start")
    await dee.send("english")
    reply = await dee.send("I am looking for work")
    assert "Do you agree?" in reply[-1].text
    done = await dee.send("YES!")
    assert "Thank you" in done[0].text


async def test_help_menu_language_and_stop_work_at_any_moment(harness: Harness) -> None:
    eve = harness.user(104)
    await onboard(eve)
    await eve.press("Werkfit-vragenlijst")
    help_reply = await eve.send("/help")
    assert "/verwijder" in help_reply[-1].text
    switched = await eve.send("/taal")
    assert "Welke taal" in switched[-1].text
    after = await eve.press("English")
    assert "English" in after[0].text
    assert "Question 1 of" in after[-1].text  # back at the same question, now in English
    stopped = await eve.send("/stop")
    assert "Stopped" in stopped[-1].text
    menu = await eve.send("/menu")
    assert menu[-1].buttons


async def test_unknown_start_code_gets_a_clear_message(harness: Harness) -> None:
    fay = harness.user(105)
    await onboard(fay)
    reply = await fay.send("/start not-a-real-code")
    assert "code ken ik niet" in reply[0].text


async def test_new_user_with_deep_link_chooses_language_first(harness: Harness) -> None:
    gus = harness.user(106)
    first = await gus.send("/start bogus123")
    assert "Welke taal" in first[0].text
    after = await gus.press("Nederlands")
    assert any("code ken ik niet" in sent.text for sent in after)
    assert "Wie ben je?" in after[-1].text


async def test_seeker_commands_are_refused_to_employers(harness: Harness) -> None:
    ivy = harness.user(107)
    await onboard(ivy, role="employer")
    reply = await ivy.send("/vragenlijst")
    assert "niet voor jou" in reply[-1].text


async def test_each_role_gets_its_own_command_menu(harness: Harness) -> None:
    from aiogram.methods import DeleteMyCommands, SetMyCommands

    kim = harness.user(108)
    await onboard(kim, role="employer")
    menus = [c for c in harness.session.calls if isinstance(c, SetMyCommands)]
    assert menus and menus[-1].scope.chat_id == 108  # type: ignore[union-attr]
    names = [command.command for command in menus[-1].commands]
    assert "nieuwevacature" in names and "vragenlijst" not in names
    await kim.send("/taal")
    await kim.press("English")
    menus = [c for c in harness.session.calls if isinstance(c, SetMyCommands)]
    assert "newvacancy" in [command.command for command in menus[-1].commands]
    await kim.send("/delete")
    await kim.press("Yes, erase")
    # erased: back to the general menu
    assert any(isinstance(c, DeleteMyCommands) for c in harness.session.calls[-4:])
