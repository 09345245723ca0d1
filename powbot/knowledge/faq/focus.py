"""Which part of a question asks: an instrument named only as the setting ("We krijgen al
LKV, maar ...") or around the clause that asks is context, not the subject."""

from __future__ import annotations

import re
from collections.abc import Callable

from powbot.knowledge.faq.models import FaqEntry


class QuestionFocus:
    """Mixed into the FAQ index, whose tokens and instrument names it reads."""

    SETTING_MIN_TOKENS = 3  # known words the question itself needs after "maar"/"but"
    entries: list[FaqEntry]
    name_terms: dict[str, set[int]]
    query_tokens: Callable[[str], list[tuple[str, bool]]]
    _confidence: Callable[[float], float]

    def _asked_first(
        self,
        question: str,
        setting: set[int],
        pos: int,
        found: tuple[list[tuple[float, int]], dict[int, tuple[int, float]]],
        close: list[tuple[FaqEntry, float]],
    ) -> list[tuple[FaqEntry, float]]:
        """The choices to offer besides instrument ``pos``'s entry. When the clause that asks
        names another instrument and ``pos`` is named only around it ("Na de proefplaatsing
        wil ik hem aannemen, hoe vraag ik de doelgroepverklaring aan?"), the answer is a
        guess: the instrument asked is offered with it, before any other. (A question with a "maar"
        turn has had its setting left out already.) ``found``: the fits and best items."""
        asked = [] if setting else self._asked_instead(question, pos)
        if not asked:
            return close
        fits, best_item = found
        fit_of = {p: f for f, p in fits}
        first = [(self.entries[best_item[p][0]], self._confidence(fit_of[p])) for p in asked]
        names = {e.instrument for e, _ in first}
        return first + [(e, s) for e, s in close if e.instrument not in names]

    def _asked_instead(self, question: str, pos: int) -> list[int]:
        """Instruments named in the clause that asks (the last of the sentence with the
        question mark), when instrument ``pos`` is named only outside it; [] otherwise."""
        split = _asking_clause(question)
        if split is None:
            return []
        before, after = (
            {p for t, known in self.query_tokens(part) if known for p in self.name_terms.get(t, ())}
            for part in split
        )
        if pos not in before or pos in after:
            return []
        return sorted(after)

    def _named_as_setting(self, question: str) -> set[int]:
        """Instruments named only before the turn of the question ("We krijgen al LKV voor
        hem, maar kan de gemeente ook het loon aanvullen?"): they are the setting, and the
        part after "maar"/"but" says what is asked."""
        turn = _TURN.split(question)
        if len(turn) < 2:
            return set()
        before, after = " ".join(turn[:-1]), turn[-1]
        after_toks = [t for t, known in self.query_tokens(after) if known]
        if len(after_toks) < self.SETTING_MIN_TOKENS:
            return set()
        named_after = {p for t in after_toks for p in self.name_terms.get(t, ())}
        named_before = {
            p for t, known in self.query_tokens(before) if known for p in self.name_terms.get(t, ())
        }
        return named_before - named_after


_TURN = re.compile(r"\b(?:maar|but)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.?!])\s+")
_CLAUSE = re.compile(r"[,;:]\s+")


def _asking_clause(question: str) -> tuple[str, str] | None:
    """(the rest, the clause that asks): the last clause of the last sentence with a question
    mark (or of the last sentence). None for a question of one clause."""
    sentences = [s for s in _SENTENCE.split(question.strip()) if s.strip()]
    if not sentences:
        return None
    asking = next((i for i in range(len(sentences) - 1, -1, -1) if "?" in sentences[i]), None)
    if asking is None:
        asking = len(sentences) - 1
    clauses = [c for c in _CLAUSE.split(sentences[asking]) if c.strip()]
    if len(sentences) + len(clauses) < 3:  # one sentence of one clause
        return None
    rest = sentences[:asking] + clauses[:-1] + sentences[asking + 1 :]
    return " ".join(rest), clauses[-1]
