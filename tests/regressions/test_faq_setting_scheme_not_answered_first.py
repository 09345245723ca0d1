"""'Wij krijgen al het loonkostenvoordeel voor onze nieuwe medewerker, maar kan de gemeente
daarnaast ook nog bijspringen in het salaris?' got the LKV answer: the LKV was recognised as the
setting and its name left out, but its entry still fitted best on the rest ('krijgen',
'daarnaast', 'nieuwe medewerker'). A scheme named only as the setting no longer comes first when
the part that asks names another one: that one is offered first, the setting's entry beside it
(a choice, not a direct answer about the scheme they already have)."""

from __future__ import annotations

from powbot.knowledge.faq import FaqIndex


def test_the_scheme_asked_for_comes_before_the_one_they_have(faq_index: FaqIndex) -> None:
    result = faq_index.search(
        "We ontvangen al het loonkostenvoordeel voor haar, maar kan de gemeente daarnaast ook"
        " bijspringen in het loon van onze nieuwe medewerker?"
    )
    assert result.decision == "clarify"
    assert result.best is not None and result.best.instrument == "loonkostensubsidie"
    assert "loonkostenvoordeel" in {e.instrument for e, _ in result.alternatives}


def test_a_setting_without_another_scheme_asked_changes_nothing(faq_index: FaqIndex) -> None:
    result = faq_index.search(
        "We hebben al de no-riskpolis voor hem, maar kan hij ook een jobcoach krijgen voor de"
        " eerste maanden?"
    )
    assert result.decision == "answer"
    assert result.best is not None and result.best.instrument == "jobcoaching"
