"""An employer was told "Hier was je gebleven:" (job seekers' 'je') when the bot came back to
their form after an aside ('wat is loonkostensubsidie?' at the first step had even become
the organisation's name), and 'ik wil iemand spreken' then 'bel mij terug' showed the WSP's
whole contact block twice in a row (tester). Employers get "u"; the block comes once and the
call-back form refers to it."""

from __future__ import annotations

from tests.conftest import Harness, onboard
from tests.open_hiring_helpers import approved_employer


async def test_regression_employer_back_at_the_form_is_addressed_with_u(
    harness: Harness,
) -> None:
    erik = await approved_employer(harness, 730)
    await erik.send("/nieuwevacature")
    aside = await erik.send("wat is loonkostensubsidie?")
    said = [reply.text for reply in aside]
    assert "Hier was u gebleven:" in said and "Hier was je gebleven:" not in said
    assert "naam van uw organisatie" in said[-1]  # the question did not become the name


async def test_regression_wsp_block_once_before_the_call_back_form(harness: Harness) -> None:
    wim = harness.user(731)
    await onboard(wim, role="employer")
    person = await wim.send("ik wil iemand spreken")
    form = await wim.send("bel mij terug")
    phone = harness.runtime.content.region.wsp.phone
    assert phone and phone in person[-1].text
    assert "Wat is uw naam?" in form[-1].text
    assert not any(phone in reply.text for reply in form)
