"""`powbot knowledge check`: validate every content file, and warn about stale answers and
about claims without an official source, plain http links and stale claims."""

from __future__ import annotations

from datetime import date

from powbot.config import Settings
from powbot.knowledge.content import Content, load_content
from powbot.knowledge.faq import stale_entries
from powbot.knowledge.faq.claims import claim_problems, official_domains


def region_warnings(content: Content) -> list[str]:
    """The shipped example region: people in crisis would get numbers that ring nowhere."""
    if not content.region.example:
        return []
    return [
        "warning: region.yaml holds the example region: its phone numbers and addresses are "
        "placeholders; put in your region's own and remove 'example: true' before going live"
    ]


def check(settings: Settings, today: date | None = None) -> int:
    today = today or date.today()
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
    claims = sum(len(entry.claims) for entry in faq.entries)
    print(
        f"ok: faq: {len(faq.entries)} entries for {instruments} instruments, {claims} claims, "
        f"{len(faq.topics)} out-of-scope topics; region {content.region.name!r}"
    )
    for line in region_warnings(content):
        print(line)
    max_age = settings.faq_max_age_days
    for entry in stale_entries(faq, max_age, today):
        print(
            f"warning: {faq.files.get(entry.id, 'faq')}: entry {entry.id!r} last checked "
            f"{entry.last_checked().isoformat()}, older than {max_age} days"
        )
    domains = official_domains(settings.knowledge_dir)
    for problem in claim_problems(faq, domains, today, max_age):
        print(
            f"warning: {faq.files.get(problem.entry_id, 'faq')}: entry {problem.entry_id!r}: {problem.message}"
        )
    return 0
