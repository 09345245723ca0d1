"""Regression (tester): an employer describing bakery work in the vacancy form ("brood en
banket inpakken") got "Misschien bedoelt u het niet zo … Geen eten? Voedselbank". Words about
the work itself get no 'just in case' line; a real alarm in them still gets the help."""

from __future__ import annotations

from tests.conftest import Harness
from tests.open_hiring_helpers import approved_employer


async def test_bakery_work_in_a_description_is_not_a_food_emergency(harness: Harness) -> None:
    erik = await approved_employer(harness, 6701)
    await erik.send("/nieuwevacature")
    await erik.send("Bakkerij de Korenschoof")
    await erik.send("Inpakker bakkerij")
    said = erik.texts(await erik.send("brood en banket inpakken"))
    assert "Voedselbank" not in said and "Misschien bedoelt u" not in said
    assert "Waar is het werk" in said or "adres" in said.lower()


async def test_a_real_alarm_in_a_description_still_gets_help(harness: Harness) -> None:
    erik = await approved_employer(harness, 6702)
    await erik.send("/nieuwevacature")
    await erik.send("Bakkerij de Korenschoof")
    await erik.send("Inpakker")
    said = erik.texts(await erik.send("ik wil niet meer leven, ik maak er vannacht een eind aan"))
    assert "113" in said
