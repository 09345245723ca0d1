"""Content files: every text in both languages, clear errors that name file and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from powbot.config import PACKAGE_KNOWLEDGE_DIR
from powbot.knowledge.catalog import load_catalog, placeholders
from powbot.knowledge.content import load_content
from powbot.knowledge.errors import KnowledgeError
from powbot.knowledge.questionnaire import load_questionnaire
from tests.cli_support import run_cli


def test_every_catalog_key_exists_in_both_languages_with_the_same_placeholders() -> None:
    catalog = load_catalog(PACKAGE_KNOWLEDGE_DIR)
    assert catalog.texts["nl"].keys() == catalog.texts["en"].keys()
    for key, dutch in catalog.texts["nl"].items():
        assert dutch.strip(), key
        assert placeholders(dutch) == placeholders(catalog.texts["en"][key]), key


def test_shipped_content_loads() -> None:
    content = load_content(PACKAGE_KNOWLEDGE_DIR)
    domains = {domain.id for domain in content.questionnaire.domains}
    # the whole person: at least ten life areas
    assert len(domains) >= 10
    assert {"money", "housing", "care", "transport", "language", "mental"} <= domains
    kinds = {question.type for question in content.questionnaire.questions}
    assert kinds == {"single", "multi", "scale", "yesno", "number", "text"}


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(PACKAGE_KNOWLEDGE_DIR, target)
    return target


def test_missing_translation_names_file_and_key(content_copy: Path) -> None:
    file = content_copy / "i18n" / "en" / "menu.yaml"
    data = yaml.safe_load(file.read_text())
    del data["title"]
    file.write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(KnowledgeError) as error:
        load_catalog(content_copy)
    assert "menu.title" in str(error.value) and "en" in str(error.value)


def test_unquoted_yes_key_is_reported(content_copy: Path) -> None:
    file = content_copy / "i18n" / "nl" / "common.yaml"
    file.write_text(file.read_text().replace('"yes":', "yes:"))
    with pytest.raises(KnowledgeError) as error:
        load_catalog(content_copy)
    assert "common.yaml" in str(error.value) and "quotes" in str(error.value)


def test_questionnaire_error_names_the_field(content_copy: Path) -> None:
    file = content_copy / "questionnaire" / "werkfit.yaml"
    data = yaml.safe_load(file.read_text())
    data["questions"][2]["domain"] = "astrology"
    file.write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(KnowledgeError) as error:
        load_questionnaire(file)
    assert "werkfit.yaml" in str(error.value)
    assert "questions[2].domain" in str(error.value)


def test_questionnaire_missing_language_names_the_field(content_copy: Path) -> None:
    file = content_copy / "questionnaire" / "werkfit.yaml"
    data = yaml.safe_load(file.read_text())
    del data["questions"][0]["text"]["en"]
    file.write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(KnowledgeError) as error:
        load_questionnaire(file)
    assert "questions.0.text.en" in str(error.value)


def test_knowledge_check_command_reports_a_broken_file(
    monkeypatch: pytest.MonkeyPatch, content_copy: Path
) -> None:
    (content_copy / "questionnaire" / "werkfit.yaml").write_text("id: [unclosed")
    env = {"POWBOT_KNOWLEDGE_DIR": str(content_copy)}
    result = run_cli(monkeypatch, content_copy, ["knowledge", "check"], env=env)
    assert result.returncode == 2
    assert "werkfit.yaml" in result.stderr
    assert "Traceback" not in result.stderr
