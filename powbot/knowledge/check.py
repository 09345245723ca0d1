"""`powbot knowledge check`: validate every content file and warn about stale answers."""

from __future__ import annotations

from powbot.config import Settings
from powbot.knowledge.content import load_content
from powbot.knowledge.faq import stale_entries


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
    faq = content.faq
    instruments = len({entry.instrument for entry in faq.entries})
    print(
        f"ok: faq: {len(faq.entries)} entries for {instruments} instruments, "
        f"{len(faq.topics)} out-of-scope topics; region {content.region.name!r}"
    )
    for entry in stale_entries(faq, settings.faq_max_age_days):
        print(
            f"warning: {faq.files.get(entry.id, 'faq')}: entry {entry.id!r} last reviewed "
            f"{entry.reviewed.isoformat()}, older than {settings.faq_max_age_days} days"
        )
    return 0
