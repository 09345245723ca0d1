"""'hoe laat moet ik beginnen?' typed under a job offer got "Dat weet ik helaas niet",
though the vacancy names its hours and shifts (tester). A question under an open offer gets
the offer again with everything known about the job, and who can answer the rest."""

from __future__ import annotations

from tests.conftest import Harness
from tests.open_hiring_helpers import make_vacancy, offers, seeker


async def test_regression_question_under_a_job_offer_shows_the_offer_again(
    harness: Harness,
) -> None:
    vacancy_id = await make_vacancy(harness, questions=[])
    ida = await seeker(harness, 3403, name="Ida")
    await ida.send("/vacatures")
    await ida.press("Magazijn")
    offer = await ida.press("Aanmelden")
    assert "Je bent aan de beurt" in offer[-1].text
    asked = await ida.send("hoe laat moet ik beginnen?")
    said = " ".join(reply.text for reply in asked)
    assert "weet ik helaas niet" not in said
    assert "Dit is alles wat ik over deze baan weet" in said and "dagdienst" in said
    assert any("Ja, ik wil deze baan" in label for label, _ in asked[-1].buttons)
    assert [o.status for o in await offers(harness, vacancy_id)] == ["open"]
