"""'ja' to "Hoe graag wil je (weer) aan het werk?" and 'matig' to "Hoe makkelijk leer je iets
nieuws?" got "Kies een cijfer van 1 tot 5" (tester): a plain yes is 'Graag' (4), 'matig' the
middle of the scale (3)."""

from __future__ import annotations

from tests.conftest import Harness
from tests.features.questionnaire.test_questionnaire_flow import start_questionnaire
from tests.features.questionnaire.test_understanding_and_coming_back import answers_after_pause


async def test_regression_yes_and_so_so_typed_at_a_scale_and_yes_under_ticks(
    harness: Harness,
) -> None:
    ida = await start_questionnaire(harness, 330)
    hours = await ida.send("ja")
    assert "Hoeveel uur per week" in hours[-1].text
    await ida.send("20")
    await ida.send("meer dan 5")
    await ida.send("schoonmaak")
    learning = await ida.send("ja")
    assert "Hoe makkelijk leer je" in learning[-1].text
    after = await ida.send("matig")
    assert "Kies een cijfer" not in after[-1].text
    answers = await answers_after_pause(harness, ida)
    assert answers["motivation_want"] == {"value": 4}
    assert answers["experience_fields"] == {"value": ["cleaning"]}
    assert answers["experience_learning"] == {"value": 3}
