"""A question typed at a step that expects something else gets its answer when the FAQ is
sure of it, and the step is shown again; otherwise the step says it did not understand."""

from __future__ import annotations

from tests.conftest import Harness, onboard
from tests.flow_harness import FlowHarness, flows, text_of

__all__ = ["flows"]  # the fixture


async def _at_consent(flows: FlowHarness, user_id: int) -> None:
    first = await flows.send(user_id, "/start")
    role = await flows.press(user_id, first, "Nederlands")
    await flows.press(user_id, role, "Ik zoek werk")


async def test_a_question_at_the_consent_step_is_answered_and_consent_asked_again(
    flows: FlowHarness,
) -> None:
    await _at_consent(flows, 41)
    replies = await flows.send(41, "hoeveel mag ik bijverdienen naast mijn bijstand?")
    said = text_of(replies)
    assert "begreep ik niet" not in said
    assert "Bron" in said  # a vetted answer with its source
    assert "Vind je dat goed?" in replies[-1].text  # then the consent question again
    user = await flows.user(41)
    assert user is not None and user.consent_at is None  # nothing agreed by asking


async def test_a_question_the_faq_is_unsure_of_keeps_the_step_reply(flows: FlowHarness) -> None:
    await _at_consent(flows, 42)
    replies = await flows.send(42, "wat vind jij van voetbal?")
    said = text_of(replies)
    assert "Bron" not in said
    assert "Vind je dat goed?" in replies[-1].text


async def test_a_question_in_the_middle_of_the_questionnaire_is_answered(
    harness: Harness,
) -> None:
    seeker = harness.user(7351)
    await onboard(seeker)
    step = (await seeker.send("/vragenlijst"))[-1].text
    replies = await seeker.send("hoeveel mag ik bijverdienen naast mijn bijstand?")
    said = "\n".join(reply.text for reply in replies)
    assert "Bron" in said and "begreep ik niet" not in said
    assert replies[-1].text == step  # the same question again, nothing skipped
