"""A farmer hiring someone with a leg disability asked whether the tractor's conversion to hand
controls is reimbursed and must be applied for first: the wage-cost subsidy answered, because
'handbediening' and a converted vehicle or machine were no workplace-adaptation words. They
are now ('hand controls', 'aangepaste bediening', examples of a converted van or forklift),
while rebuilding premises stays another subject."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex


@pytest.mark.parametrize(
    "question",
    [
        "Ik heb een akkerbouwbedrijf en neem via de gemeente iemand aan met een beperking aan zijn"
        " been. De trekker moet dan handbediening krijgen. Kan ik dat vergoed krijgen en moet ik"
        " het eerst aanvragen voordat ik het laat ombouwen?",
        "De bestelbus moet worden omgebouwd voor onze nieuwe chauffeur met een beperking, krijg"
        " ik dat vergoed?",
    ],
)
def test_a_converted_vehicle_for_a_disabled_employee_is_a_workplace_adaptation(
    faq_index: FaqIndex, question: str
) -> None:
    result = faq_index.search(question)
    assert result.decision == "answer"
    assert result.best is not None and result.best.instrument == "werkplekaanpassing"


def test_rebuilding_premises_is_not_a_workplace_adaptation(faq_index: FaqIndex) -> None:
    result = faq_index.search(
        "We gaan ons bedrijfspand ombouwen tot kantoor, is daar subsidie voor?"
    )
    assert result.decision == "unknown"
