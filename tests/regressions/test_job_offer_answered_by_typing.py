"""Regression (tester): a job seeker who typed 'ja graag!!' or 'nee dank je' under a job
offer got the FAQ's list of subjects; the offer stayed open until its deadline and the next
person waited. A typed yes or no (or the button's words) now does what the button does."""

from __future__ import annotations

from tests.conftest import Harness
from tests.open_hiring_helpers import deliver, make_vacancy, offers, seeker


async def test_a_typed_yes_to_an_offer_asks_for_the_contact(harness: Harness) -> None:
    await make_vacancy(harness, questions=[])
    henk = await seeker(harness, 3401, name="Henk")
    await henk.send("/vacatures")
    await henk.press("Magazijn")
    offer = await henk.press("Aanmelden")
    assert "Je bent aan de beurt" in offer[-1].text
    await henk.send("/menu")  # the offer was pushed earlier; he is elsewhere now
    ask = await henk.send("ja graag!!")
    assert "telefoonnummer of e-mailadres" in ask[-1].text
    done = await henk.send("06 12345678")
    assert "Gefeliciteerd" in done[-1].text
    await deliver(harness)
    # Regression (tester): the check-in schedule came with a second "Gefeliciteerd".
    assert sum("Gefeliciteerd" in message.text for message in henk.inbox()) == 1
    assert any("korte vragen" in message.text for message in henk.inbox())


async def test_a_typed_no_to_an_offer_asks_to_confirm_and_passes_it_on(harness: Harness) -> None:
    vacancy_id = await make_vacancy(harness, questions=[])
    jayden = await seeker(harness, 3402, name="Jayden")
    await jayden.send("/vacatures")
    await jayden.press("Magazijn")
    await jayden.press("Aanmelden")
    confirm = await jayden.send("nee dank je")
    assert "Weet je het zeker" in confirm[-1].text
    await jayden.send("ja")
    assert [o.status for o in await offers(harness, vacancy_id)] == ["declined"]


async def test_a_question_under_an_offer_still_goes_to_the_faq(harness: Harness) -> None:
    await make_vacancy(harness, questions=[])
    ann = await seeker(harness, 3403)
    await ann.send("/vacatures")
    await ann.press("Magazijn")
    await ann.press("Aanmelden")
    replies = await ann.send("wat gebeurt er met mijn uitkering als ik ga werken?")
    assert "telefoonnummer of e-mailadres" not in replies[-1].text
    assert "Weet je het zeker" not in replies[-1].text
