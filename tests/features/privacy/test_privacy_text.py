"""/privacy names who is responsible, whom to ask and where to complain, and sends a job
seeker to their coach or gemeente for a person (not to the employers' desk)."""

from __future__ import annotations

from tests.conftest import Harness, onboard


async def test_privacy_names_the_controller_the_officer_and_the_authority(
    harness: Harness,
) -> None:
    ann = harness.user(801)
    await onboard(ann)
    text = ann.texts(await ann.send("/privacy"))
    region = harness.runtime.content.region
    assert region.controller.name in text
    assert region.privacy_officer.email in text
    assert "Autoriteit Persoonsgegevens" in text
    assert "gemeente" in text and "werkgeversservicepunt" not in text


async def test_an_employer_is_sent_to_the_werkgeversservicepunt(harness: Harness) -> None:
    bo = harness.user(802)
    await onboard(bo, role="employer")
    text = bo.texts(await bo.send("/privacy"))
    assert "werkgeversservicepunt" in text and "Uw rechten" in text
