"""Crisis help comes first, in every role and state, and the conversation goes on."""

from __future__ import annotations

from powbot.storage.models_aftercare import Alert
from tests.aftercare_support import alerts, make_client, make_coach
from tests.conftest import Harness, onboard


def texts(sent: list) -> str:
    return "\n".join(message.text for message in sent)


async def test_suicidal_words_at_the_menu_get_113_not_the_faq(harness: Harness) -> None:
    seeker = harness.user(7001)
    await onboard(seeker)
    replies = await seeker.send("ik wil niet meer leven")
    said = texts(replies)
    assert "113" in said and "0800-0113" in said and "112" in said
    assert "Dat weet ik helaas niet" not in said


async def test_crisis_mid_questionnaire_gets_help_then_the_same_question(harness: Harness) -> None:
    seeker = harness.user(7002)
    await onboard(seeker)
    first = await seeker.send("/vragenlijst")
    question = first[-1].text
    replies = await seeker.send("ik wil niet meer leven")
    said = texts(replies)
    assert "113" in said
    # the step is shown again, nothing was stored as an answer
    assert replies[-1].text.split("\n")[-1] == question.split("\n")[-1]
    assert replies[-1].buttons
    # and the questionnaire goes on: the button answer still works
    await seeker.press(replies[-1].buttons[0][0])
    assert "2 van" in seeker.inbox()[-1].text or "2 of" in seeker.inbox()[-1].text


async def test_employer_worried_about_an_employee_gets_113_not_the_wsp(harness: Harness) -> None:
    employer = harness.user(7003)
    await onboard(employer, role="employer")
    replies = await employer.send("mijn werknemer zegt dat hij zelfmoord wil plegen")
    said = texts(replies)
    assert "113" in said and "iemand anders" in said
    assert "werkgeversservicepunt" not in said.lower()


async def test_employers_and_coaches_are_addressed_with_u(harness: Harness) -> None:
    """The help opened "Goed dat je het vertelt. Maak je je zorgen ..." to an employer or a
    coach writing about someone: the programme speaks to them with "u"."""
    employer = harness.user(7010)
    await onboard(employer, role="employer")
    said = texts(await employer.send("mijn werknemer zegt dat hij zelfmoord wil plegen"))
    assert "Goed dat u het vertelt" in said and "Maak je je zorgen" not in said
    coach = await make_coach(harness, 7011, "Sanne")
    said = texts(await coach.send("mijn client heeft vannacht geen slaapplek"))
    assert "Goed dat u het vertelt" in said
    assert "slaapplek" in said and "met je" not in said  # the shelter line in "u" too
    seeker = harness.user(7012)
    await onboard(seeker)
    said = texts(await seeker.send("mijn vriend wil niet meer leven"))
    assert "Goed dat je het vertelt" in said  # job seekers keep "je"


async def test_english_and_polish_get_help_in_their_language(harness: Harness) -> None:
    seeker = harness.user(7004, language_code="en")
    await onboard(seeker, language="en")
    said = texts(await seeker.send("I want to kill myself"))
    assert "113" in said and "Suicide Prevention" in said
    said = texts(await seeker.send("nie chcę już żyć"))
    assert "Zapobieganie samobójstwom" in said  # Polish
    assert "Suicide Prevention" in said  # and the user's own bot language
    assert "/taal" in said


async def test_no_place_to_sleep_and_no_food_name_the_regions_help(harness: Harness) -> None:
    seeker = harness.user(7005)
    await onboard(seeker)
    region = harness.runtime.content.region
    said = texts(await seeker.send("ik heb vannacht geen plek om te slapen"))
    assert region.shelter is not None and region.shelter.name in said
    said = texts(await seeker.send("ik heb geen geld voor eten"))
    assert region.food is not None and region.food.name in said
    assert "0800-8115" in said  # Geldfit


async def test_ordinary_messages_do_not_trigger_crisis_help(harness: Harness) -> None:
    seeker = harness.user(7006)
    await onboard(seeker)
    for text in ("ik heb geen zin in de bus", "ik wil doorgaan", "ik ga dood van het lachen"):
        assert "113" not in texts(await seeker.send(text)), text


async def test_crisis_before_the_length_check(harness: Harness) -> None:
    seeker = harness.user(7007)
    await onboard(seeker)
    long = "ik wil niet meer leven. " + "bla " * 2000
    said = texts(await seeker.send(long))
    assert "113" in said


async def test_a_consenting_clients_coach_gets_an_urgent_alert_without_the_words(
    harness: Harness,
) -> None:
    coach = await make_coach(harness, 7100, "Sanne")
    seeker = await make_client(harness, coach, 7101, "Ali")
    said = texts(await seeker.send("ik wil er niet meer zijn, mijn geheim"))
    assert "113" in said and "coach" in said
    found: list[Alert] = await alerts(harness, 7101)
    assert [(a.kind, a.reasons) for a in found] == [("urgent", ["suicide"])]
    await harness.runtime.sender.drain_outbox()
    to_coach = texts(coach.inbox()[-3:])
    assert "Ali" in to_coach and "zelfdoding" in to_coach
    assert "geheim" not in texts(coach.inbox())
    # a second message the same evening does not page the coach again
    await seeker.send("ik wil dood")
    assert len(await alerts(harness, 7101)) == 1


async def test_no_alert_when_the_client_stopped_sharing(harness: Harness) -> None:
    coach = await make_coach(harness, 7200, "Sanne")
    seeker = await make_client(harness, coach, 7201, "Bo")
    await seeker.send("/coach")
    await seeker.press("delen")  # stop sharing
    said = texts(await seeker.send("ik wil dood"))
    assert "113" in said
    assert await alerts(harness, 7201) == []


async def test_a_first_message_in_crisis_gets_help_before_the_language_screen(
    harness: Harness,
) -> None:
    newcomer = harness.user(7601)
    replies = await newcomer.send("ik wil dood")
    assert "113" in replies[0].text
    assert replies[-1].buttons  # then the language buttons, to go on


async def test_a_coach_writing_about_a_client_gets_help_and_no_alert_is_raised(
    harness: Harness,
) -> None:
    coach = await make_coach(harness, 7602, "Sanne")
    said = texts(await coach.send("mijn cliënt heeft gezegd dat hij niet meer wil leven"))
    assert "113" in said and "iemand anders" in said
    assert await alerts(harness) == []


async def test_ukrainian_at_the_menu_gets_help_in_ukrainian_and_dutch(harness: Harness) -> None:
    seeker = harness.user(7603)
    await onboard(seeker)
    said = texts(await seeker.send("я не хочу більше жити"))
    assert "Запобігання самогубствам" in said and "Zelfmoordpreventie" in said
