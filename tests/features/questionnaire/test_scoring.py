"""Fairer scoring: a foreign diploma by its level, being on time instead of the hour one gets
up, debts without help next to work instead of before it; urgent answers come first."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from powbot.config import load_settings
from powbot.knowledge.content import load_content
from powbot.knowledge.questionnaire import Questionnaire

FINE: dict[str, Any] = {
    "motivation_want": 5,
    "motivation_hours": 32,
    "experience_years": "gt5",
    "experience_learning": 4,
    "education_level": "mbo",
    "education_certificates": True,
    "physical_health": 4,
    "physical_limits": ["nothing"],
    "mental_wellbeing": 4,
    "housing_situation": "own",
    "money_enough": "enough",
    "money_debts": False,
    "money_benefit": "bijstand",
    "paperwork_post": "self",
    "safety_home": "safe",
    "care_children": False,
    "care_other": False,
    "transport_how": ["bike"],
    "transport_minutes": 30,
    "language_speaking": 5,
    "language_reading": 4,
    "activity_now": "volunteer",
    "rhythm_wakeup": "early",
    "rhythm_on_time": "always",
    "rhythm_activities": True,
    "digital_skills": "self",
    "digital_digid": "yes_app",
    "network_support": 4,
}


@pytest.fixture(scope="module")
def werkfit() -> Iterator[Questionnaire]:
    settings = load_settings(DATABASE_URL="sqlite+aiosqlite:///:memory:")
    yield load_content(settings.knowledge_dir).questionnaire


def score(werkfit: Questionnaire, **changes: Any) -> Any:
    answers = {key: {"value": value} for key, value in {**FINE, **changes}.items()}
    return werkfit.score(answers)


def texts(werkfit: Questionnaire, scored: Any) -> list[str]:
    return [werkfit.advice[index].text.nl for index in scored.advice]


def test_someone_doing_fine_is_ready(werkfit: Questionnaire) -> None:
    scored = score(werkfit)
    assert scored.stage == "ready" and scored.colors["education"] == "green"
    assert scored.colors["justice"] == "unknown"  # optional questions not answered


def test_a_foreign_university_degree_scores_as_high_as_a_dutch_one(werkfit: Questionnaire) -> None:
    scored = score(werkfit, education_level="abroad", education_abroad_level="higher")
    assert scored.colors["education"] == "green" and scored.stage == "ready"
    assert any("idw.nl" in text for text in texts(werkfit, scored))


def test_getting_up_after_ten_is_no_problem_by_itself(werkfit: Questionnaire) -> None:
    assert score(werkfit, rhythm_wakeup="late").colors["rhythm"] == "green"
    late_and_often_late = score(werkfit, rhythm_wakeup="late", rhythm_on_time="often_not")
    assert late_and_often_late.colors["rhythm"] != "green"


def test_debts_without_help_go_together_with_work(werkfit: Questionnaire) -> None:
    scored = score(werkfit, money_debts=True, money_debt_help=False)
    assert scored.colors["money"] == "red"
    assert scored.stage == "almost"  # not "first sort out other things"
    assert "tegelijk" in texts(werkfit, scored)[0]  # the red area's step comes first


def test_money_short_without_debts_gets_no_debt_help_step(werkfit: Questionnaire) -> None:
    """Regression (tester): "no debts" but no money for food got "hulp bij schulden"."""
    no_debts = " ".join(texts(werkfit, score(werkfit, money_enough="short", money_debts=False)))
    assert "schulden" not in no_debts
    assert "geld tekort" in no_debts and "0800-8115" in no_debts
    debts = " ".join(texts(werkfit, score(werkfit, money_enough="short", money_debts=True)))
    assert "hulp bij schulden" in debts and "geld tekort" not in debts


@pytest.mark.parametrize(
    ("question", "answer"),
    [("money_enough", "short"), ("housing_situation", "nowhere"), ("safety_home", "unsafe")],
)
def test_urgent_answers_put_other_things_first(
    werkfit: Questionnaire, question: str, answer: str
) -> None:
    scored = score(werkfit, **{question: answer})
    assert scored.stage == "first_other" and scored.urgent


def test_unsafe_at_home_points_to_veilig_thuis_by_phone(werkfit: Questionnaire) -> None:
    scored = score(werkfit, safety_home="unsafe")
    assert "0800-2000" in texts(werkfit, scored)[0]
    assert "0800-2000" in werkfit.urgent_help["unsafe_home"].nl


def test_every_website_in_the_advice_comes_with_a_phone_or_a_place_to_walk_in(
    werkfit: Questionnaire,
) -> None:
    for advice in werkfit.advice:
        for text in (advice.text.nl, advice.text.en):
            if ".nl" in text:
                assert (
                    any(
                        hint in text
                        for hint in ("0800-", "bel ", "call ", "loop binnen", "walk in", "14 +")
                    )
                    or "idw.nl" in text
                ), text


def test_what_someone_does_now_is_kept_apart_from_the_stage(werkfit: Questionnaire) -> None:
    answers = {key: {"value": value} for key, value in {**FINE, "activity_now": "home"}.items()}
    assert werkfit.score(answers).stage == "ready"
    rung = werkfit.ladder(answers)
    assert rung is not None and rung.ladder == 1


def test_someone_who_already_works_is_not_sent_to_open_hiring(werkfit: Questionnaire) -> None:
    working = texts(werkfit, score(werkfit, activity_now="paid_work"))
    assert not any("Open Hiring" in text for text in working)
    assert any("Je werkt al" in text for text in working)
    assert any("Open Hiring" in text for text in texts(werkfit, score(werkfit)))
