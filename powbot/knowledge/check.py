"""`powbot knowledge check`: validate every content file and warn about stale answers."""

from __future__ import annotations

from powbot.config import Settings
from powbot.knowledge.content import load_content


def check(settings: Settings) -> int:
    content = load_content(settings.knowledge_dir)
    questionnaire = content.questionnaire
    print(
        f"ok: {settings.knowledge_dir}: {len(content.catalog.texts['nl'])} texts per language, "
        f"questionnaire {questionnaire.id!r} with {len(questionnaire.questions)} questions"
    )
    print(f"ok: open_hiring.yaml: {len(content.open_hiring.questions)} eligibility questions")
    print(
        f"ok: aftercare.yaml: {len(content.aftercare.moments)} moments, "
        f"{len(content.aftercare.questions)} questions, {len(content.aftercare.risks)} risk rules"
    )
    return 0
