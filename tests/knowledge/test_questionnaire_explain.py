"""A question's explanation in other words (`explain`) is optional, but when a question has
one it must be there in both languages: the loader names the field that is missing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from powbot.config import PACKAGE_KNOWLEDGE_DIR
from powbot.knowledge.errors import KnowledgeError
from powbot.knowledge.questionnaire import load_questionnaire

SHIPPED = PACKAGE_KNOWLEDGE_DIR / "questionnaire" / "werkfit.yaml"


def _with_first_explain(tmp_path: Path, explain: Any) -> Path:
    data = yaml.safe_load(SHIPPED.read_text())
    if explain is None:
        del data["questions"][0]["explain"]
    else:
        data["questions"][0]["explain"] = explain
    file = tmp_path / "werkfit.yaml"
    file.write_text(yaml.safe_dump(data, allow_unicode=True))
    return file


def test_an_explanation_without_english_names_the_field(tmp_path: Path) -> None:
    file = _with_first_explain(tmp_path, {"nl": "Wil je graag werken?"})
    with pytest.raises(KnowledgeError) as error:
        load_questionnaire(file)
    assert "werkfit.yaml" in str(error.value) and "questions.0.explain.en" in str(error.value)


def test_an_empty_explanation_is_refused(tmp_path: Path) -> None:
    file = _with_first_explain(tmp_path, {"nl": "Wil je graag werken?", "en": "  "})
    with pytest.raises(KnowledgeError) as error:
        load_questionnaire(file)
    assert "questions[0].explain" in str(error.value)


def test_a_question_without_an_explanation_still_loads(tmp_path: Path) -> None:
    questionnaire = load_questionnaire(_with_first_explain(tmp_path, None))
    assert questionnaire.questions[0].explain is None
