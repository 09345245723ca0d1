"""The outcome of a FAQ search."""

from __future__ import annotations

from dataclasses import dataclass

from powbot.knowledge.faq.models import Decision, FaqEntry, OutOfScopeTopic


@dataclass(frozen=True)
class SearchResult:
    """Outcome of a question.

    ``decision``: "answer" (show ``best``), "clarify" (offer ``best`` plus ``alternatives``
    as choices), "vague" (too general: ``best`` is None and ``alternatives`` are subjects to
    choose from) or "unknown" (say we do not know and offer a person). ``score`` is how well
    ``best``'s instrument fits, 0-100 (50: the classifier's boundary). ``alternatives`` are
    the best entries of other instruments, best first; never ``best`` itself.
    ``runner_up`` is the next entry of ``best``'s own instrument: when the instrument is right
    but the entry is not ("what is it" for "how do I apply"), it is usually this one.
    """

    decision: Decision
    best: FaqEntry | None
    score: float
    alternatives: list[tuple[FaqEntry, float]]
    # A known subject outside the FAQ: why it is "unknown", or (on "clarify") the subject that
    # fitted almost as well as ``best``, where "none of these" points to.
    topic: OutOfScopeTopic | None = None
    runner_up: FaqEntry | None = None

    @property
    def instrument(self) -> str | None:
        return self.best.instrument if self.best and self.decision != "unknown" else None
