"""The profile's debt-help step said "bel of loop binnen bij je gemeente" without the
gemeente's number, though the region has one (tester). Next steps name the region's
gemeente, shelter or food help where they refer to them."""

from __future__ import annotations

from tests.conftest import Harness
from tests.features.questionnaire.test_questionnaire_flow import (
    READY,
    fill_in,
    start_questionnaire,
)


async def test_regression_debt_help_step_names_the_gemeente(harness: Harness) -> None:
    answers = {
        **READY,
        "schulden waar je je zorgen": "ja",
        "al hulp bij je schulden": "nee",
    }
    ann = await start_questionnaire(harness, 370)
    await fill_in(ann, answers)
    profile = next(sent for sent in ann.inbox() if "werkfit-profiel (" in sent.text)
    if any("Meer tips" in label for label, _ in profile.buttons):
        await ann.press("Meer tips", profile)
    gemeente = harness.runtime.content.region.gemeente
    assert gemeente is not None and gemeente.phone
    tips = " ".join(sent.text for sent in ann.inbox() if "schuldhulp" in sent.text)
    assert f"Bel of loop binnen: {gemeente.name}" in tips and gemeente.phone in tips
    assert "{gemeente}" not in tips
