"""Regression: a job seeker's trial-placement question ("hoe lang mag proefwerken") got UWV's
trial-placement entry, written for employers only (a job seeker is then told it is about
employers' rules), with UWV's duration alone; ws-proefplaats answers it for them, the
gemeente's duration included. And a money word ("geld voor de tram", "zonder geld") made the
rule for employers' money questions swap the job seeker's own entry for the one of theirs that
states an amount (ws-bijverdienen), over the subject the question is about."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex


def _shown(faq_index: FaqIndex, question: str) -> list[str]:
    result = faq_index.search(question, audience="seeker")
    assert result.decision in ("answer", "clarify")
    assert result.best is not None
    return [result.best.id, *(e.id for e, _ in result.alternatives)]


@pytest.mark.parametrize(
    "question",
    [
        "hoe lang mag proefwerken",
        "mag een proefplaatsing langer dan 2 maanden duren",
        "I have Wajong. Can I also do a proefplaatsing or is that only for people on bijstand?",
    ],
)
def test_a_trial_placement_question_gets_the_job_seekers_own_answer(
    faq_index: FaqIndex, question: str
) -> None:
    shown = _shown(faq_index, question)
    assert shown[0] == "ws-proefplaats"
    entries = {e.id: e for e in faq_index.base.entries}
    # Nothing on offer in the employer's voice when their own entry covers the subject.
    assert not [
        i for i in shown if entries[i].instrument == "proefplaatsing" and not entries[i].seeker
    ]
    assert len(shown) == len(set(shown))


def test_an_employer_only_entry_still_answers_employers(faq_index: FaqIndex) -> None:
    result = faq_index.search("Hoe lang duurt een proefplaatsing via UWV?")
    assert result.best is not None and result.best.instrument == "proefplaatsing"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("krijg ik geld voor de tram naar de werkervaringsplek", "ws-reiskosten"),
        (
            "Mag bedrijf mij 2 keer proberen zonder geld? Eerste keer 1 maand, nu weer 1 maand.",
            "ws-proefplaats",
        ),
    ],
)
def test_a_money_word_does_not_swap_the_subject_for_the_entry_with_an_amount(
    faq_index: FaqIndex, question: str, expected: str
) -> None:
    assert _shown(faq_index, question)[0] == expected
