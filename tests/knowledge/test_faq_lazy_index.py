"""The FAQ index is built when the first question comes, not at start-up, and then answers
as a fully built one does, also when two people ask at the same moment."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from powbot.knowledge.faq import FaqIndex, load_faq

CONTENT = Path(__file__).resolve().parents[2] / "powbot" / "knowledge" / "content"
QUESTIONS = [
    "wat is LKS",
    "loonkostesubsidie aanvragen",
    "What is SROI?",
    "wie betaalt de jobcoach",
]


def test_first_questions_at_once_get_the_answers_of_a_built_index() -> None:
    base = load_faq(CONTENT)
    built = FaqIndex(base).build()
    expected = [built.search(q) for q in QUESTIONS]

    fresh = FaqIndex(base)
    assert fresh.norm.language(["what", "is", "it"]) == "en"  # usable before the build
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(fresh.search, QUESTIONS))

    assert [(r.decision, r.best and r.best.id, r.score) for r in results] == [
        (r.decision, r.best and r.best.id, r.score) for r in expected
    ]
    assert results[0].decision == "answer" and results[0].best is not None
    assert results[0].best.instrument == "loonkostensubsidie"
