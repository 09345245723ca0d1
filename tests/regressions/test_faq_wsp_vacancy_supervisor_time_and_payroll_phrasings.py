"""Four kinds of phrasing from small-business owners (blind_n) that the examples did not cover:
passing a vacancy on to the WSP was taken for a temp-agency question ("I don't know"); a
supervisor's hours spent guiding several disabled staff went to the wage-cost advantage;
phoning someone at the municipality about a job for someone on social assistance went to the
wage-cost subsidy; and a weekly payroll-tax return went to the wage-cost advantage, though it
is a question for the tax office."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex


def answered_by(faq_index: FaqIndex, question: str) -> str | None:
    result = faq_index.search(question)
    return result.best.instrument if result.decision == "answer" and result.best else None


@pytest.mark.parametrize(
    "question",
    [
        "vacature doorgeven aan wsp hoe",
        "Kan ik bij het werkgeversservicepunt een vacature aanmelden?",
    ],
)
def test_passing_a_vacancy_to_the_wsp_is_answered_by_the_wsp(
    faq_index: FaqIndex, question: str
) -> None:
    assert answered_by(faq_index, question) == "wsp-contact"


@pytest.mark.parametrize(
    "question",
    [
        "Hey, ik heb een schoonmaakbedrijf met 3 mensen met een arbeidsbeperking. Mijn teamleider"
        " is uren kwijt aan ze begeleiden en uitleggen. Krijg ik voor haar tijd iets terug, ook als"
        " ze meerdere mensen tegelijk begeleidt?",
        "Mijn ploegleider besteedt elke dag een uur aan het begeleiden van twee Wajongers, krijg"
        " ik daar geld voor?",
    ],
)
def test_a_supervisors_time_guiding_staff_is_internal_job_coaching(
    faq_index: FaqIndex, question: str
) -> None:
    assert answered_by(faq_index, question) == "jobcoaching"


@pytest.mark.parametrize(
    "question",
    [
        "who can I phone at the gemeente to talk about a job for someone from the bijstand? prefer"
        " a real person not a form",
        "Can I call somebody at the council about hiring a guy on welfare?",
    ],
)
def test_phoning_the_municipality_about_hiring_is_the_wsp(
    faq_index: FaqIndex, question: str
) -> None:
    assert answered_by(faq_index, question) == "wsp-contact"


@pytest.mark.parametrize(
    "question",
    [
        "We pay our staff weekly, how do I do the loonaangifte for that?",
        "Moet ik elke maand loonaangifte doen of kan het per kwartaal?",
    ],
)
def test_a_payroll_tax_return_question_is_out_of_scope(faq_index: FaqIndex, question: str) -> None:
    result = faq_index.search(question)
    assert result.decision == "unknown"
    assert result.topic is not None and result.topic.id == "payroll-and-tax"
