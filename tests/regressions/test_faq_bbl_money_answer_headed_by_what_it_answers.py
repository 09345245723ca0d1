"""A bbl money question ("hoeveel subsidie krijg ik voor een bbl-leerling?") got the right
answer (the Subsidieregeling praktijkleren, up to € 2,700 per student) under the heading
"Geldt de Subsidieregeling praktijkleren ook voor bol-studenten?": the entry's first example
question, a yes/no question the employer never asked. The heading now says what the answer
is about; tests/knowledge/test_faq_answers_cannot_mislead.py keeps every employer heading
from asking yes or no."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex, answer_parts


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("Hoeveel subsidie krijg ik voor een bbl-leerling?", "nl"),
        ("Is er geld voor bedrijven die bbl'ers opleiden?", "nl"),
        ("How much subsidy per BBL student?", "en"),
    ],
)
def test_a_bbl_money_answer_is_headed_by_the_subsidy(
    faq_index: FaqIndex, question: str, lang: str
) -> None:
    result = faq_index.search(question)
    assert result.decision == "answer" and result.best is not None, question
    assert result.best.id == "bbl-subsidy"
    heading = answer_parts(result.best, lang).title
    assert "bol" not in heading.lower().split()
    assert ("subsidie" if lang == "nl" else "subsidy") in heading.lower()
    assert "2.700" in result.best.answer.nl and "2,700" in result.best.answer.en
