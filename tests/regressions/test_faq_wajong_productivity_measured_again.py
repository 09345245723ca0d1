"""'Hoe vaak wordt bij een wajonger opnieuw gekeken hoeveel hij kan? Om de paar jaar?' got the
no-riskpolis (how long a former Wajonger is covered): 'opnieuw' is a stopword, so nothing said
that his productivity is measured again, and 'Wajong' with 'jaar' leans to the no-riskpolis.
'opnieuw gekeken/bekeken/bepaald/gemeten', 'herbeoordeling' and 'reassess' are one word now
(herbeoordeling), and the loondispensatie conditions (half a year to 5 years, then a new
assessment) have example questions about how often UWV looks again."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex


@pytest.mark.parametrize(
    "question",
    [
        "Hoe vaak wordt er bij een Wajonger opnieuw gekeken wat hij kan?",
        "Wordt bij onze Wajonger elke paar jaar opnieuw bekeken hoeveel hij kan?",
    ],
)
def test_how_often_a_wajongers_productivity_is_measured_is_loondispensatie(
    faq_index: FaqIndex, question: str
) -> None:
    result = faq_index.search(question)
    assert result.decision == "answer"
    assert result.best is not None and result.best.id == "ld-conditions"


def test_measured_again_for_someone_on_bijstand_stays_the_wage_cost_subsidy(
    faq_index: FaqIndex,
) -> None:
    result = faq_index.search(
        "Wordt de loonwaarde van mijn medewerker uit de bijstand later opnieuw bepaald?"
    )
    assert result.best is not None and result.best.instrument == "loonkostensubsidie"
