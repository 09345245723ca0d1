"""'payrolling voor mensen met een beperking, bestaat dat nog' got a choice between the
benefits of the jobs agreement and the low-income advantage: no entry said anything about
payrolling. Now an entry (sourced to the official publications on the Wab's payroll rules)
says that payrolling still exists, on which terms, and that a secondment from the sw-bedrijf
is the other way; payrolling in general stays with the temp agencies (out of scope)."""

from __future__ import annotations

from powbot.knowledge.faq import FaqIndex


def test_payrolling_for_someone_with_a_disability_is_answered(faq_index: FaqIndex) -> None:
    result = faq_index.search("Bestaat payrolling nog voor iemand met een beperking?")
    assert result.decision == "answer"
    assert result.best is not None and result.best.id == "det-payroll"
    assert "payroll" in result.best.answer.nl.lower()
    assert all(claim.source.url.startswith("https://") for claim in result.best.claims)


def test_payrolling_in_general_stays_out_of_scope(faq_index: FaqIndex) -> None:
    assert faq_index.search("Wat is payrolling en wanneer is dat handig?").decision == "unknown"
