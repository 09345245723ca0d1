"""Example questions the entries lacked (blind_p). 'Ik heb een erkend leerbedrijf en twee
bbl'ers. Krijg ik voor beiden een bijdrage in de begeleidingskosten?' got the accreditation
answer (bbl-erkend), because 'erkend leerbedrijf' is that entry's word; the subsidy per bbl
student has examples from an accredited company now. 'Moet ik een praktijkopleider hebben die
zelf een bepaalde cursus heeft gevolgd?' got the subsidy for the third learning route; SBB's
demands on the company and its workplace trainer are bbl-erkend's. A question whether an
internship agreement is enough for a work-study student is bbl-what's. And 'Kan er iemand van
jullie bij ons op de zaak langskomen om mee te denken?' was 'I don't know' ('op de zaak' is a
word of out-of-scope business questions): the WSP entry has a visit example and 'mee te denken'
is the contact word 'meedenken'."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        (
            "Wij zijn een erkend leerbedrijf en hebben een bbl-leerling, bestaat er een vergoeding"
            " voor de begeleidingskosten?",
            "bbl-subsidy",
        ),
        ("Moet onze praktijkopleider een speciale training van SBB volgen?", "bbl-erkend"),
        (
            "Mijn leerling-kok werkt vier dagen bij ons en gaat één dag naar school: is een"
            " stagecontract dan genoeg of moet hij een arbeidsovereenkomst krijgen?",
            "bbl-what",
        ),
        (
            "Komt er iemand van het WSP bij ons op kantoor langs om mee te denken over personeel?",
            "wsp-what",
        ),
    ],
)
def test_the_entry_that_answers_it(faq_index: FaqIndex, question: str, entry: str) -> None:
    result = faq_index.search(question)
    assert result.decision == "answer"
    assert result.best is not None and result.best.id == entry
