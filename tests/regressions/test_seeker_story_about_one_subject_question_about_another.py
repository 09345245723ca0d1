"""Regression: the job seekers' own entries share one instrument, so only word overlap chose
between them. "Ik ben alleenstaande moeder met een zoontje van 4 en ik heb bijstand. De
buurvrouw vraagt of ik tegen betaling haar hond wil uitlaten ... Mag ik dat houden?" got the
childcare answer (the story's words), and "wie is mijn klantmanager, ik ben de brief kwijt"
the answer about debts. They are now told apart on their own; when two fit about equally
well the job seeker gets a choice with the right one first, never the other one as a
confident answer."""

from __future__ import annotations

from powbot.knowledge.faq import FaqIndex


def test_earning_a_little_with_children_in_the_story_gets_the_answer_about_earning(
    faq_index: FaqIndex,
) -> None:
    question = (
        "Ik ben alleenstaande moeder met een zoontje van 4 en ik heb bijstand. De buurvrouw"
        " vraagt of ik tegen betaling haar hond wil uitlaten, 80 euro per maand. Mag ik dat"
        " houden of gaat het van mijn uitkering af?"
    )
    result = faq_index.search(question, audience="seeker")
    assert result.decision in ("answer", "clarify")
    assert result.best is not None and result.best.id == "ws-bijverdienen"


def test_who_is_my_klantmanager_is_never_answered_with_another_subject(
    faq_index: FaqIndex,
) -> None:
    for question in (
        "wie is mijn klantmanager eigenlijk, ik ben de brief met zijn naam kwijt",
        "Ik heb sinds kort een andere klantmanager maar ik weet niet hoe ze heet. Hoe kom ik"
        " daar achter?",
    ):
        result = faq_index.search(question, audience="seeker")
        assert result.best is not None and result.best.id == "ws-contact", question
