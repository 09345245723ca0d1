"""Regression: "telefoonnummer jobcoach?" and "wie is mijn jobcoach nu" got a confident "what is
a job coach" answer, because naming the jobcoach made that instrument win although everything
else asked for a contact. When the best instrument is only named and one of the job seekers'
own entries clearly leads the others, the own entry now comes first in a choice. And when a
subject outside this FAQ and an own entry tie while that own entry clearly leads, the job
seeker gets a choice that starts with it instead of "I don't know"."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex


@pytest.mark.parametrize(
    "question",
    [
        "telefoonnummer jobcoach?",
        "wie is mijn jobcoach nu",
        "ik moet mijn jobcoach bellen maar ben zijn nummer kwijt",
    ],
)
def test_reaching_ones_jobcoach_offers_the_contact_first(
    faq_index: FaqIndex, question: str
) -> None:
    result = faq_index.search(question, audience="seeker")
    # A choice that starts with the contact; since round k "mijn jobcoach" is read as the
    # job seeker's own contact person, so the contact may also be the answer itself.
    assert result.decision in ("clarify", "answer")
    assert result.best is not None and result.best.id == "ws-contact"


@pytest.mark.parametrize("question", ["wat doet een jobcoach", "wat is een proefplaatsing"])
def test_asking_what_the_scheme_is_still_gets_it(faq_index: FaqIndex, question: str) -> None:
    result = faq_index.search(question, audience="seeker")
    assert result.decision == "answer"
    assert result.best is not None and result.best.instrument != "werkzoekende"


def test_a_tie_with_an_outside_subject_offers_the_clearly_asked_own_entry(
    faq_index: FaqIndex,
) -> None:
    # From the opened set seeker_h: travel costs to a job interview, asked in few words.
    question = "sollicitatie in rotterdam, ik woon in gouda. trein geld terug krijgen? how?"
    result = faq_index.search(question, audience="seeker")
    assert result.decision == "clarify"
    assert result.best is not None and result.best.id == "ws-reiskosten"
