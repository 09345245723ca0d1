"""After the trial placement's answer, 'hoe lang mag dat?' got the contracts-and-dismissal
refusal with the WSP block (tester, issue 15). A short follow-up that points back and names
no scheme of its own is read with the subject of the answer just given."""

from __future__ import annotations

from tests.conftest import Harness, onboard


async def test_regression_how_long_after_the_trial_placement_answer_is_about_it(
    harness: Harness,
) -> None:
    erik = harness.user(5111)
    await onboard(erik, role="employer")
    await erik.send("wat is een proefplaatsing?")
    replies = await erik.send("hoe lang mag dat?")
    said = replies[-1].text
    assert "Daar kan ik u niet mee helpen" not in said, said
    assert "proefplaatsing" in said.lower(), said


async def test_regression_a_follow_up_naming_its_own_scheme_keeps_it(harness: Harness) -> None:
    erik = harness.user(5112)
    await onboard(erik, role="employer")
    await erik.send("wat is een proefplaatsing?")
    replies = await erik.send("hoe lang duurt de no-riskpolis?")
    assert "proefplaatsing" not in replies[-1].text.split("\n")[0].lower()
