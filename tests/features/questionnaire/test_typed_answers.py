"""Typed answers to the werkfit questions, as people really type them (no database)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from powbot.config import load_settings
from powbot.features.questionnaire.answers import Parsed, parse_answer
from powbot.features.questionnaire.flow import QuestionnaireFlow
from powbot.knowledge.content import Content, load_content
from powbot.knowledge.questionnaire import Questionnaire


@pytest.fixture(scope="module")
def content() -> Iterator[Content]:
    yield load_content(load_settings(DATABASE_URL="sqlite+aiosqlite:///:memory:").knowledge_dir)


@pytest.fixture(scope="module")
def werkfit(content: Content) -> Questionnaire:
    return content.questionnaire


def answer(werkfit: Questionnaire, question_id: str, text: str) -> Parsed:
    question = werkfit.question(question_id)
    assert question is not None, question_id
    return parse_answer(question, text)


@pytest.mark.parametrize(
    ("question", "typed", "value"),
    [
        ("education_certificates", "jaa", True),
        ("education_certificates", "ja hoor", True),
        ("education_certificates", "👍", True),
        ("education_certificates", "yes", True),
        ("education_certificates", "nee", False),
        ("education_certificates", "👎", False),
        ("physical_limits", "no", ["nothing"]),  # 'no' for 'Nothing'
        ("physical_limits", "niets", ["nothing"]),
        ("experience_learning", "ok", 3),  # 'ok' for 'Okay'
        ("experience_learning", "gaat wel", 3),
        ("motivation_hours", "veertig", 40),
        ("motivation_hours", "ongeveer 32 uur", 32),
        ("motivation_hours", "twintig", 20),
        ("transport_minutes", "half uur", 30),
        ("transport_minutes", "anderhalf uur", 90),
        ("transport_minutes", "45 min", 45),
        ("transport_minutes", "een uur", 60),
        ("transport_how", "bike, bus", ["bike", "public"]),
        ("transport_how", "fiets en auto", ["bike", "car"]),
        ("experience_years", "meer dan 5", "gt5"),
        ("money_enough", "nee", "short"),
        ("housing_situation", "Ik heb geen plek om te slapen", "nowhere"),
        # regressions (tester): an amount, a clock time, a helper named, an old school name
        ("experience_years", "30 jaar", "gt5"),
        ("experience_years", "ik heb 3 jaar gewerkt", "y1to5"),
        ("rhythm_wakeup", "om 7 uur", "early"),
        ("rhythm_wakeup", "half negen", "mid"),
        ("rhythm_wakeup", "11:30", "late"),
        ("paperwork_post", "mijn dochter helpt me daarmee", "with_help"),
        ("paperwork_post", "niemand helpt me, het is lastig", "hard"),
        ("education_level", "lts", "vmbo"),
        ("education_level", "ik heb de mavo gedaan", "vmbo"),
        ("education_level", "mts", "mbo"),
        ("education_level", "heao", "hbo"),
        ("education_level", "I have diploma from Syria, university", "abroad"),
        ("education_level", "ik heb geen diploma", "none"),  # was 'abroad' ('geen' ~ 'een')
    ],
)
def test_typed_answers_are_understood(
    werkfit: Questionnaire, question: str, typed: str, value: Any
) -> None:
    parsed = answer(werkfit, question, typed)
    assert parsed.error is None and parsed.value == value


def test_a_range_is_asked_about_never_stored_as_its_first_number(werkfit: Questionnaire) -> None:
    parsed = answer(werkfit, "motivation_hours", "24 tot 32")
    assert parsed.value is None and parsed.which == (24, 32)
    assert parsed.error == "questionnaire.hint_which"


def test_a_partly_understood_list_is_confirmed_not_cut(werkfit: Questionnaire) -> None:
    parsed = answer(werkfit, "transport_how", "fiets, step")
    assert parsed.value is None and parsed.partial == (["bike"], ["step"])


def test_out_of_range_and_nonsense_get_a_hint(werkfit: Questionnaire) -> None:
    assert answer(werkfit, "motivation_hours", "99").error == "questionnaire.hint_range"
    assert answer(werkfit, "motivation_hours", "veel").error == "questionnaire.hint_number"
    assert (
        answer(werkfit, "education_certificates", "misschien").error == "questionnaire.hint_yesno"
    )
    assert answer(werkfit, "transport_how", "vliegtuig").error == "questionnaire.hint_multi"


def test_a_number_question_takes_a_bare_number_in_the_local_chat(content: Content) -> None:
    flow = QuestionnaireFlow()
    assert flow.takes_number(content, "motivation_hours")
    assert not flow.takes_number(content, "experience_years")
    assert not flow.takes_number(content, None)


def test_regression_a_bare_no_is_not_the_start_of_an_answer_id(werkfit: Questionnaire) -> None:
    """Tester: 'no' at 'Where do you live now?' was stored as 'I have no place to sleep'
    (option id 'nowhere' matched by its start) and raised the shelter alarm."""
    parsed = answer(werkfit, "housing_situation", "no")
    assert parsed.value is None and parsed.error == "questionnaire.hint_choice"
    assert answer(werkfit, "housing_situation", "ik heb geen plek om te slapen").value == "nowhere"


def test_regression_an_okay_before_a_story_is_no_yes(werkfit: Questionnaire) -> None:
    """Tester: 'okay, little tired because children' at a yes/no question was stored as yes."""
    parsed = answer(werkfit, "education_certificates", "okay, little tired because children")
    assert parsed.value is None and parsed.error == "questionnaire.hint_yesno"
    assert answer(werkfit, "education_certificates", "ok").value is True
    assert answer(werkfit, "education_certificates", "ja, een heftruckcertificaat").value is True


def test_regression_fulltime_asks_which_week_it_means(werkfit: Questionnaire) -> None:
    """Tester: 'fulltime' at 'how many hours a week?' was not understood."""
    for typed in ("fulltime", "ik wil voltijd werken", "full time please"):
        parsed = answer(werkfit, "motivation_hours", typed)
        assert parsed.value is None and parsed.which == (36, 40), typed
