"""'Can I fire my employee with a Wajong while he is on sick leave?' got the no-riskpolis claim
answer, and a written warning for a banenafspraak employee who keeps coming late got the
banenafspraak's benefits: the scheme was only the context of an employment-law question. The
out-of-scope subjects (dismissal, contracts, leave, pay and hours, health and safety) now have
examples that name a scheme as context, so such questions get "not my subject" and where to
go, while questions about the scheme itself keep its answer. The scheme's name does not pick
the subject either: an example about working hours that names loondispensatie does not make
a dismissal question about loondispensatie a working-hours question."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Can I fire my employee with a Wajong while he is on sick leave?", "dismissal"),
        (
            "Our employee from the banenafspraak keeps coming late. Can I give him an official"
            " written warning?",
            "dismissal",
        ),
        ("Mijn medewerker met loondispensatie is vaak ziek, mag ik hem ontslaan?", "dismissal"),
        (
            "Mijn werknemer met no-riskpolis heeft een arbeidsongeval gehad, moet ik dit melden"
            " bij de Arbeidsinspectie?",
            "health-and-safety",
        ),
        (
            "Heeft een medewerker uit het doelgroepregister recht op evenveel vakantiedagen?",
            "leave",
        ),
    ],
)
def test_employment_law_with_a_scheme_as_context_is_out_of_scope(
    faq_index: FaqIndex, question: str, topic: str
) -> None:
    result = faq_index.search(question)
    assert result.decision == "unknown"
    assert result.topic is not None and result.topic.id == topic


@pytest.mark.parametrize(
    ("question", "instrument"),
    [
        (
            "Mijn werknemer met een no-riskpolis is ziek, hoe vraag ik ziektewet aan?",
            "no-riskpolis",
        ),
        (
            "Wat gebeurt er met de loonkostensubsidie als het contract eindigt?",
            "loonkostensubsidie",
        ),
    ],
)
def test_questions_about_the_scheme_itself_keep_its_answer(
    faq_index: FaqIndex, question: str, instrument: str
) -> None:
    result = faq_index.search(question)
    assert result.decision == "answer"
    assert result.best is not None and result.best.instrument == instrument
