"""Everyday words the FAQ did not know. 'Hoe lang duurt het voordat je de eerste mensen via zo'n
inschrijflijst binnen hebt?' got 'I don't know' and 'Wie zich het eerst meldt krijgt de baan,
werkt dat echt?' the no-riskpolis: 'inschrijflijst', 'aanmeldlijst' and 'wie zich het eerst
meldt' are the Open Hiring waiting list now. 'Wat is de buy rate methode?' got the job carving
answer: 'buy rate' and 'bouwblokkenmethode', the ways regions count social return, are SROI.
'bijspringen in het loon' is a share of the wage paid (loonkostensubsidie). And connectives
('vanwege', 'doordat', 'tenzij', 'although' ...) are no subject: 'vanwege' was a word of one
no-riskpolis example, so 'als ik maar een deel van zijn loon betaal vanwege zijn Wajong' leaned
to the no-riskpolis."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex


@pytest.mark.parametrize(
    ("question", "instrument"),
    [
        ("Hoe werkt werven met een inschrijflijst in plaats van sollicitaties?", "open-hiring"),
        ("Hoe lang staat iemand gemiddeld op jullie inschrijflijst?", "open-hiring"),
        ("Wat houdt de bouwblokkenmethode in?", "sroi"),
        ("Onze gemeente rekent met de buy rate, wat betekent dat voor onze opdracht?", "sroi"),
        (
            "Kan de gemeente bijspringen in het loon van een nieuwe medewerker die trager werkt?",
            "loonkostensubsidie",
        ),
        ("Mag ik hem minder loon betalen vanwege zijn Wajong?", "loondispensatie"),
    ],
)
def test_everyday_words_reach_the_scheme_they_name(
    faq_index: FaqIndex, question: str, instrument: str
) -> None:
    result = faq_index.search(question)
    assert result.decision == "answer"
    assert result.best is not None and result.best.instrument == instrument
    # Nothing else offered beside it: the word itself decides.
    if instrument == "loondispensatie":
        assert not result.alternatives
