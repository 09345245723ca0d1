"""'hoe lang duurt het voordat de wsp terugbelt' (an employer waiting for a call back) got the
entry on refugees and asylum seekers: 'hoe lang' matched 'Hoe lang moet de asielprocedure
lopen', and no entry said how soon the WSP calls back. Now an entry of its own answers it
(no fixed term; call the WSP yourself, its details shown below), and the asylum question
keeps its own answer."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex


@pytest.mark.parametrize(
    "question",
    [
        "hoe lang duurt het voordat de wsp terugbelt",
        "Hoe snel belt het werkgeversservicepunt terug?",
        "How long until the WSP calls me back?",
    ],
)
def test_waiting_for_a_call_back_gets_the_call_back_answer(
    faq_index: FaqIndex, question: str
) -> None:
    result = faq_index.search(question)
    assert result.decision == "answer" and result.best is not None, question
    assert result.best.id == "wsp-callback", question
    assert "statushouder" not in result.best.answer.nl.lower()


def test_the_asylum_procedure_question_keeps_its_answer(faq_index: FaqIndex) -> None:
    result = faq_index.search("Hoe lang moet de asielprocedure lopen voordat iemand mag werken?")
    assert result.best is not None and result.best.id == "wsp-refugees"
