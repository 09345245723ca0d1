"""'We have a BBL student in the garage; can we get a subsidy for his supervision, and where
do I apply?' got the accreditation answer (SBB erkenning), not the Subsidieregeling
praktijkleren, which is exactly a subsidy for supervising (begeleiding) the student: the
subsidy entry never said 'begeleiding'. Its examples now do."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex


@pytest.mark.parametrize(
    "question",
    [
        "Wij hebben een BBL-leerling in de garage. Kunnen we ook nog subsidie krijgen voor zijn"
        " begeleiding, en waar vraag ik dat aan?",
        "Is er een vergoeding voor het begeleiden van onze bbl'er?",
    ],
)
def test_a_subsidy_for_supervising_a_bbl_student_is_the_praktijkleren_subsidy(
    faq_index: FaqIndex, question: str
) -> None:
    result = faq_index.search(question)
    assert result.decision == "answer"
    assert result.best is not None and result.best.id == "bbl-subsidy"
    assert result.best.answers_for("praktijkleren")
