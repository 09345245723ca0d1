"""All curated content of one region, loaded and validated together at start-up."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from powbot.knowledge.aftercare import Aftercare, load_aftercare
from powbot.knowledge.catalog import Catalog, load_catalog
from powbot.knowledge.errors import KnowledgeError
from powbot.knowledge.faq import FaqBase, FaqIndex, Region, load_faq, load_region
from powbot.knowledge.open_hiring import OpenHiringContent, load_open_hiring
from powbot.knowledge.questionnaire import Questionnaire, load_questionnaire
from powbot.knowledge.safety import SafetyContent, load_safety


@dataclass
class Content:
    directory: Path
    catalog: Catalog
    questionnaire: Questionnaire
    aftercare: Aftercare
    open_hiring: OpenHiringContent
    faq: FaqBase
    faq_index: FaqIndex
    region: Region
    safety: SafetyContent


def load_content(directory: Path) -> Content:
    """Load everything; the first problem raises KnowledgeError naming file and field."""
    if not directory.is_dir():
        raise KnowledgeError(directory, "POWBOT_KNOWLEDGE_DIR", "folder does not exist")
    catalog = load_catalog(directory)
    questionnaire = load_questionnaire(directory / "questionnaire" / "werkfit.yaml")
    faq, faq_index = _load_faq(directory)
    return Content(
        directory=directory,
        catalog=catalog,
        questionnaire=questionnaire,
        aftercare=load_aftercare(directory / "aftercare.yaml"),
        open_hiring=load_open_hiring(directory / "open_hiring.yaml"),
        faq=faq,
        faq_index=faq_index,
        region=load_region(directory),
        safety=load_safety(directory),
    )


# Parsing the FAQ and building its index takes ~0.3 s (pure-Python stemming); the result is
# immutable, so one process (the test suite: an app per test) reuses it while no file changed.
_FAQ_CACHE: dict[tuple[object, ...], tuple[FaqBase, FaqIndex]] = {}


def _load_faq(directory: Path) -> tuple[FaqBase, FaqIndex]:
    files = sorted((directory / "faq").glob("*.yaml"))
    key = (
        str(directory.resolve()),
        *((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files),
    )
    cached = _FAQ_CACHE.get(key)
    if cached is None:
        faq = load_faq(directory)
        cached = _FAQ_CACHE[key] = (faq, FaqIndex(faq))
    return cached
