"""The shipped aftercare content keeps the issue-14 promises a content author could break."""

from __future__ import annotations

from pathlib import Path

from powbot.knowledge.aftercare import load_aftercare
from powbot.knowledge.content import load_content

CONTENT = Path(__file__).parents[3] / "powbot" / "knowledge" / "content"


def test_help_that_names_a_coach_has_a_version_without_one() -> None:
    aftercare = load_aftercare(CONTENT / "aftercare.yaml")
    for question in aftercare.questions:
        if question.help is not None and "je coach" in question.help.nl.lower():
            assert question.help_without_coach is not None, question.id
            assert "coach" not in question.help_without_coach.nl.lower(), question.id
            assert "coach" not in question.help_without_coach.en.lower(), question.id


def test_employer_answers_link_to_faq_answers_that_exist() -> None:
    content = load_content(CONTENT)
    for question in content.aftercare.questions:
        for option in question.options:
            if option.faq:
                assert content.faq.get(option.faq) is not None, (question.id, option.faq)


def test_nothing_about_travelling_before_the_first_day() -> None:
    aftercare = load_aftercare(CONTENT / "aftercare.yaml")
    for moment in aftercare.moments:
        if any(day < 0 for day in moment.days):
            assert "travel" not in moment.questions and "travel_costs" not in moment.questions
