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
    return 0
