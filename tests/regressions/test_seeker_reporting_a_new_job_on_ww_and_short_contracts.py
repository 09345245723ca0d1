"""Regression: job seekers' questions about starting work that their own entry answers got the
entry about earning extra ("Dien ik dit zelf aan het UWV door te geven, of gebeurt dat
automatisch via de werkgever?") or "I don't know" ("My new contract is on call, zero hours.
Should I stop my bijstand ...?"): the entry on starting work had no example about who reports
a new job on WW or about a short contract. Loans from friends or online got the childcare
entry; the debt entry had no example about a loan."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "Per 1 maart kan ik aan de slag als orderpicker voor 32 uur per week. Ik ontvang"
            " een WW-uitkering. Dien ik dit zelf aan het UWV door te geven, of gebeurt dat"
            " automatisch via de werkgever?",
            "ws-start-werk",
        ),
        (
            "My new contract is on call, zero hours. Should I stop my bijstand or keep it"
            " until I know how many hours I get?",
            "ws-start-werk",
        ),
        (
            "Ik heb Wajong en ik heb geleend bij vrienden en online. Nu kan ik niet meer"
            " terugbetalen. Helpen ze daar bij de gemeente echt?",
            "ws-schulden",
        ),
    ],
)
def test_the_job_seekers_own_entry_is_shown_first(
    faq_index: FaqIndex, question: str, expected: str
) -> None:
    result = faq_index.search(question, audience="seeker")
    assert result.decision in ("answer", "clarify")
    assert result.best is not None and result.best.id == expected
