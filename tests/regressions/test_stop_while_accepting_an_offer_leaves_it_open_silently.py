"""Under a job offer: 'ok ja', then /stop at "Hoe mag de werkgever contact met je opnemen?"
gave "Gestopt. Wat je al had ingevuld is bewaard." The job was not accepted and two days
later the place went to the next person (tester). Stopping there now says the offer is still
open, until when, with its buttons; pressing yes still takes the job."""

from __future__ import annotations

from tests.conftest import Harness
from tests.open_hiring_helpers import make_vacancy, offers, seeker


async def test_regression_stop_while_accepting_says_the_offer_is_still_open(
    harness: Harness,
) -> None:
    vacancy_id = await make_vacancy(harness, questions=[])
    ann = await seeker(harness, 395, name="Ann")
    await ann.send("/vacatures")
    await ann.press("Magazijn")
    offer = await ann.press("Aanmelden")
    asked = await ann.send("ok ja")
    assert "Hoe mag de werkgever contact met je opnemen?" in asked[-1].text
    stopped = await ann.send("/stop")
    notes = [reply for reply in stopped if "nog niet aangenomen" in reply.text]
    assert len(notes) == 1
    note = notes[0]
    assert "Magazijn" in note.text and "blijft voor je tot" in note.text
    assert [o.status for o in await offers(harness, vacancy_id)] == ["open"]
    again = await ann.press("Ja, ik wil deze baan", note)
    assert "Hoe mag de werkgever contact met je opnemen?" in again[-1].text
    done = await ann.send("ann@example.nl")
    assert ["Gefeliciteerd" in reply.text for reply in done] == [True]
    assert offer  # the first offer message stays valid too


async def test_regression_back_from_the_contact_question_shows_the_offer_once(
    harness: Harness,
) -> None:
    await make_vacancy(harness, questions=[])
    bo = await seeker(harness, 396, name="Bo")
    await bo.send("/vacatures")
    await bo.press("Magazijn")
    await bo.press("Aanmelden")
    await bo.send("ja")
    back = await bo.send("terug")
    assert not any("nog niet aangenomen" in reply.text for reply in back)
    assert any("Ja, ik wil deze baan" in label for label, _ in back[-1].buttons)
