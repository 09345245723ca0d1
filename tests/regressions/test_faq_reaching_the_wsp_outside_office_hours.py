"""'hoe bereik ik jullie buiten kantooruren' and 'kan er een accountmanager langskomen bij ons
bedrijf' got "I don't know": 'buiten' (a preposition, like 'in' or 'op') was a search word that
only a sickness example used ('buiten werktijd aangereden'), 'kantooruren' was no word for
reaching someone, and the WSP's accountmanager was no name of the WSP. Now they reach the WSP
entries; a sickness outside working hours and a permit for someone from outside the EU stay
out of scope."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex


@pytest.mark.parametrize(
    "question",
    [
        "Wanneer is het werkgeversservicepunt bereikbaar, ook buiten kantoortijd?",
        "Kan onze accountmanager eens langskomen op de zaak?",
    ],
)
def test_reaching_the_wsp_is_answered_by_the_wsp(faq_index: FaqIndex, question: str) -> None:
    result = faq_index.search(question)
    assert result.decision == "answer"
    assert result.best is not None and result.best.instrument == "wsp-contact"


@pytest.mark.parametrize(
    "question",
    [
        "Werknemer is buiten werktijd ziek geworden, moet ik doorbetalen?",
        "Heb ik een tewerkstellingsvergunning nodig voor iemand van buiten de EU?",
    ],
)
def test_outside_working_hours_or_the_eu_stays_out_of_scope(
    faq_index: FaqIndex, question: str
) -> None:
    assert faq_index.search(question).decision == "unknown"
