"""Regression (tester): on "Mijn werk" the button "Ik werk niet meer bij <employer>" was cut
off on a phone for a long employer name. The button is now "Gestopt bij <employer>" with a
short form of the name (the line above keeps it whole) and still ends the right job."""

from __future__ import annotations

from tests.aftercare_support import make_client, make_coach, place, tomorrow
from tests.conftest import Harness

LONG = "Schoonmaakbedrijf De Glans Nederland B.V."
PHONE_WIDTH = 32  # characters a phone shows on a one-button row


async def test_a_long_employer_name_is_shortened_on_the_button_only(harness: Harness) -> None:
    coach = await make_coach(harness, 6401, "Anna")
    gijs = await make_client(harness, coach, 6402, "Gijs")
    await place(harness, gijs.id, tomorrow(), employer=LONG)
    screen = (await gijs.send("/werk"))[-1]
    assert LONG in screen.text
    labels = [label for row in screen.buttons for label in [row[0]] if "Gestopt bij" in label]
    assert labels and all(len(label) <= PHONE_WIDTH for label in labels)
    asked = await gijs.press(labels[0])
    assert "Ik heb ander werk" in " ".join(label for label, _ in asked[-1].buttons)
