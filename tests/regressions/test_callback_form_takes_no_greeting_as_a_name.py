"""Regression (tester): in the WSP call-back form, "hallo" typed at "Bij welke organisatie
werkt u?" was stored as the organisation's name and sent on to the werkgeversservicepunt.
A greeting, thanks or a bare yes/no at the name steps is asked again, kindly."""

from __future__ import annotations

from tests.conftest import Harness
from tests.features.faq.test_faq_conversation import OUT_OF_SCOPE, employer


async def test_a_greeting_is_not_taken_as_a_name_or_an_organisation(harness: Harness) -> None:
    ed = await employer(harness, 6201)
    await ed.send(OUT_OF_SCOPE)
    await ed.press("terugbellen")
    again = await ed.send("hallo")
    assert "geen naam" in again[-1].text and "Wat is uw naam?" in again[-1].text
    await ed.send("Els de Vries")
    again = await ed.send("ja")
    assert "geen naam" in again[-1].text and "organisatie" in again[-1].text
    again = await ed.send("06-12345678 maar liever na 14u")  # the contact, a step early
    assert "geen naam" in again[-1].text and "organisatie" in again[-1].text
    await ed.send("Bakkerij Zon")
    await ed.send("els@zon.example.nl")
    confirm = await ed.press("Ja, zo laten")
    assert "Naam: Els de Vries" in confirm[-1].text
    assert "Organisatie: Bakkerij Zon" in confirm[-1].text
