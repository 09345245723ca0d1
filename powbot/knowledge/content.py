"""All curated content of one region, loaded and validated together at start-up."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from powbot.knowledge.aftercare import Aftercare, load_aftercare
from powbot.knowledge.catalog import Catalog, load_catalog
from powbot.knowledge.errors import KnowledgeError
from powbot.knowledge.open_hiring import OpenHiringContent, load_open_hiring
from powbot.knowledge.questionnaire import Questionnaire, load_questionnaire


@dataclass
class Content:
    directory: Path
    catalog: Catalog
    questionnaire: Questionnaire
    aftercare: Aftercare
    open_hiring: OpenHiringContent


def load_content(directory: Path) -> Content:
    """Load everything; the first problem raises KnowledgeError naming file and field."""
    if not directory.is_dir():
        raise KnowledgeError(directory, "POWBOT_KNOWLEDGE_DIR", "folder does not exist")
    catalog = load_catalog(directory)
    questionnaire = load_questionnaire(directory / "questionnaire" / "werkfit.yaml")
    return Content(
        directory=directory,
        catalog=catalog,
        questionnaire=questionnaire,
        aftercare=load_aftercare(directory / "aftercare.yaml"),
        open_hiring=load_open_hiring(directory / "open_hiring.yaml"),
    )
