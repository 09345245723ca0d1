"""Onboarding as a conversation, without aiogram (the fast tier)."""

from __future__ import annotations

from tests.flow_harness import FlowHarness, flows, text_of

__all__ = ["flows"]  # the fixture


async def test_a_new_job_seeker_chooses_language_role_and_gives_consent(
    flows: FlowHarness,
) -> None:
    first = await flows.send(31, "/start")
    assert any("English" in b.label for row in first[-1].buttons for b in row)
    role = await flows.press(31, first, "Nederlands")
    consent = await flows.press(31, role, "Ik zoek werk")
    assert "gezondheid, geld" in text_of(consent) and "Vind je dat goed?" in text_of(consent)
    await flows.press(31, consent, "Ja")
    user = await flows.user(31)
    assert user is not None and user.language == "nl" and user.role == "seeker"


async def test_an_old_button_after_the_step_moved_on_changes_nothing(flows: FlowHarness) -> None:
    first = await flows.send(32, "/start")
    await flows.press(32, first, "English")
    stale = await flows.press(32, first, "Nederlands")  # the language screen is gone
    user = await flows.user(32)
    assert user is not None and user.language == "en"
    assert stale, "the person is shown where they are"
