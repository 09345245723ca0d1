"""Regression (tester): an employer who got "Dat weet ik niet" with the button "📞 Laat mij
terugbellen" and typed "ja graag" got FAQ topics; "bel mij terug" only showed the button
again. A typed yes to the offer, or asking for a call-back in words, starts the form."""

from __future__ import annotations

from tests.conftest import Harness
from tests.features.faq.test_faq_conversation import OUT_OF_SCOPE, employer


async def test_ja_graag_after_the_offer_starts_the_call_back_form(harness: Harness) -> None:
    baker = await employer(harness, 6601)
    offer = await baker.send(OUT_OF_SCOPE)
    assert any("terugbellen" in label for label, _ in offer[-1].buttons)
    started = await baker.send("ja graag")
    assert "Wat is uw naam?" in started[-1].text
    await baker.send("Els de Vries")
    await baker.send("Bakkerij Zon")
    prefilled = await baker.send("06-12345678")
    assert OUT_OF_SCOPE in prefilled[-1].text  # the question asked before is kept


async def test_bel_mij_terug_starts_the_form_at_once(harness: Harness) -> None:
    baker = await employer(harness, 6602)
    started = await baker.send("kunt u mij terugbellen? bel mij terug aub")
    assert "Wat is uw naam?" in started[-1].text


async def test_a_yes_long_after_the_offer_is_not_taken_for_it(harness: Harness) -> None:
    baker = await employer(harness, 6603)
    await baker.send(OUT_OF_SCOPE)
    await baker.send("wat is loonkostensubsidie")  # a new question: the offer lapses
    later = await baker.send("ja")
    assert "Wat is uw naam?" not in later[-1].text


async def test_a_question_about_calling_is_not_a_request_to_be_called(harness: Harness) -> None:
    baker = await employer(harness, 6604)
    for text in ("hoe snel belt het wsp terug?", "moet ik een zieke werknemer terugbellen"):
        said = await baker.send(text)
        assert "Wat is uw naam?" not in said[-1].text, text
