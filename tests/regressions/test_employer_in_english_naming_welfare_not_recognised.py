"""'Hi, I run a cleaning company in Tiel and want to hire someone on welfare' as a first
message was not recognised as an employer: 'hire someone' hid the longer employer hint
'someone on welfare', so the seeker's 'welfare' counted too and the role was left unsaid;
then 'yes' was "not understood" (tester). Overlapping hints are all found, and the words
are named as an employer's for confirmation."""

from __future__ import annotations

from tests.conftest import Harness


async def test_regression_english_employer_naming_welfare_is_recognised(
    harness: Harness,
) -> None:
    kim = harness.user(760, language_code="en")
    first = await kim.send(
        "Hi, I run a cleaning company in Tiel and want to hire someone on welfare"
    )
    said = " ".join(reply.text for reply in first)
    assert "employer" in said.lower()
    confirmed = await kim.send("yes")
    assert "not understand" not in " ".join(reply.text for reply in confirmed)
