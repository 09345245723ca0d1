"""An employer who typed 'tiel' as the town got 'tiel' on the vacancy card and in every job
seeker's list (tester). A town typed all in lower case gets its capitals, Dutch particles
and 'IJ' included; a name typed with capitals is kept as typed."""

from __future__ import annotations

import pytest

from powbot.features.open_hiring.parsing import town_from_address, town_name
from tests.conftest import Harness
from tests.open_hiring_helpers import approved_employer


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("tiel", "Tiel"),
        ("bergen op zoom", "Bergen op Zoom"),
        ("alphen aan den rijn", "Alphen aan den Rijn"),
        ("ijsselstein", "IJsselstein"),
        ("den haag", "Den Haag"),
        ("'s-hertogenbosch", "'s-Hertogenbosch"),
        ("'s-Hertogenbosch", "'s-Hertogenbosch"),
        ("DeBilt", "DeBilt"),
    ],
)
def test_regression_town_names_get_their_capitals(typed: str, shown: str) -> None:
    assert town_name(typed) == shown
    assert town_from_address(f"Dorpsstraat 12, {typed}") == shown


async def test_regression_town_typed_in_lower_case_shows_capitalised_on_the_card(
    harness: Harness,
) -> None:
    erik = await approved_employer(harness, 720)
    await erik.send("/nieuwevacature")
    for answer in ("Bakkerij Zon", "Inpakker", "Brood in dozen doen en klaarzetten.", "Hal 3"):
        await erik.send(answer)
    for answer in ("tiel", "24", "ma-vr", "15,50", "2", "volgende maandag", "7:00"):
        await erik.send(answer)
    await erik.send("Petra, 06 1234 5678")
    await erik.press("Overslaan")
    await erik.press("Overslaan")
    await erik.press("Klaar")
    preview = await erik.press("Nee, verder")
    assert "Tiel" in preview[-1].text and "tiel" not in preview[-1].text
