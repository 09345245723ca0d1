"""Regression (tester): typing a button's words did nothing on screens outside the forms:
'plaatsen' under a vacancy's preview got "Kies een knop" and the whole preview again. The
step's buttons are now read for the words typed; other text still gets the step's hint. At
a vacancy's card 'ik wil me aanmelden' signs up (it showed the list again)."""

from __future__ import annotations

from sqlmodel import select

from powbot.storage.models_open_hiring import Vacancy
from tests.conftest import Harness
from tests.features.open_hiring.test_vacancy_form import fill_in_up_to_own_questions
from tests.open_hiring_helpers import approved_employer, make_vacancy, seeker


async def test_plaatsen_typed_under_the_preview_posts_the_vacancy(harness: Harness) -> None:
    erik = await approved_employer(harness, 760)
    await fill_in_up_to_own_questions(erik)
    preview = await erik.press("Nee, verder")
    assert "Zo ziet uw vacature eruit" in preview[-1].text
    confused = await erik.send("hmm geen idee")
    assert "Zo ziet uw vacature eruit" in confused[-1].text  # not a button: shown again
    posted = await erik.send("plaatsen")
    assert "Zo ziet uw vacature eruit" not in posted[-1].text
    async with harness.runtime.db.transaction() as session:
        vacancy = (await session.exec(select(Vacancy))).one()
    assert vacancy.status == "open"


async def test_aanmelden_typed_under_a_vacancys_card_signs_up(harness: Harness) -> None:
    await make_vacancy(harness, questions=[])
    ann = await seeker(harness, 761)
    await ann.send("/vacatures")
    card = await ann.press("Magazijn")
    assert any("Aanmelden" in label for row in [card[-1].buttons] for label, _ in row)
    joined = await ann.send("ik wil me aanmelden")
    assert "Je bent aan de beurt" in joined[-1].text


async def test_mijn_vacatures_after_a_faq_answer_lists_them(harness: Harness) -> None:
    """'mijn vacatures' typed after an FAQ answer started a new vacancy (the vacancy intent
    before the menu item it names; tester)."""
    erik = await approved_employer(harness, 762)
    await erik.send("wat is een proefplaatsing")
    mine = await erik.send("mijn vacatures")
    said = "\n".join(reply.text for reply in mine)
    assert "Wat is de functie" not in said and "vacature" in said.lower()
