"""Regression: a job seeker's "wat moet ik meenemen" (to a first work day or an appointment)
got the employers' workplace adjustment, because 'meeneembaar' (a portable aid) was a synonym
of 'hulpmiddel' and stems like 'meenemen'; "wanneer krijg ik betaald" (the first pay of a new
job) got the travel costs, because 'betaald' was only a word of paid tickets there. Starting
work now also says when the wages come, that a payslip comes with them, that the gemeente
estimates the first wages, and what to bring on the first day."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex, answer_text


def _first_offered(faq_index: FaqIndex, question: str) -> str | None:
    result = faq_index.search(question, audience="seeker")
    if result.decision in ("answer", "clarify") and result.best is not None:
        return result.best.id
    return result.alternatives[0][0].id if result.alternatives else None


@pytest.mark.parametrize(
    "question",
    [
        "wat moet ik meenemen",
        "wat moet ik meenemen naar mijn eerste werkdag",
        "wat moet ik meenemen naar de afspraak",
        "mag ik mijn hond meenemen in de trein",
    ],
)
def test_bringing_something_is_no_workplace_adjustment(faq_index: FaqIndex, question: str) -> None:
    result = faq_index.search(question, audience="seeker")
    offered = [result.best, *(entry for entry, _ in result.alternatives)]
    assert not any(e is not None and e.instrument == "werkplekaanpassing" for e in offered)


def test_what_to_bring_to_the_first_work_day_is_starting_work(faq_index: FaqIndex) -> None:
    assert _first_offered(faq_index, "wat moet ik meenemen naar mijn eerste werkdag") == (
        "ws-start-werk"
    )


def test_what_to_bring_to_an_appointment_is_the_contact(faq_index: FaqIndex) -> None:
    assert _first_offered(faq_index, "wat moet ik meenemen naar de afspraak") == "ws-contact"


@pytest.mark.parametrize(
    "question",
    ["wanneer krijg ik betaald", "wanneer krijg ik betaald als ik net begonnen ben"],
)
def test_when_am_i_paid_is_starting_work_not_travel_costs(
    faq_index: FaqIndex, question: str
) -> None:
    result = faq_index.search(question, audience="seeker")
    assert _first_offered(faq_index, question) == "ws-start-werk"
    assert not (result.decision == "answer" and result.best and result.best.id == "ws-reiskosten")


def test_starting_work_says_when_the_wages_come_and_what_to_bring(faq_index: FaqIndex) -> None:
    entry = next(e for e in faq_index.base.entries if e.id == "ws-start-werk")
    nl = answer_text(entry, "nl", "seeker")
    for part in ("loonstrook", "schat de gemeente", "id-kaart", "loonheffingskorting"):
        assert part in nl
    en = answer_text(entry, "en", "seeker")
    for part in ("payslip", "estimates", "ID card", "loonheffingskorting"):
        assert part in en
