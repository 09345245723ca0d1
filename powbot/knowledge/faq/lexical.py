"""The lexical half of the FAQ search: items scored on the words they share with a question.

Mixed into the FAQ index, which builds the postings (token -> items with a weight), the IDF
over instruments and the example-question documents. Scoring is vectorised over all items
(numpy): on a 5,000-entry base a common word reaches thousands of entries, and a Python loop
over them was most of the search time. The arithmetic is the same, operation for operation,
so scores (and with them every decision) are the same to the last bit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

if TYPE_CHECKING:
    import numpy as np

    from powbot.knowledge.faq.models import FaqEntry


class LexicalScorer:
    W_ENTRY: float
    W_INSTRUMENT: float
    W_EVIDENCE: float
    W_FUZZY: float
    EVIDENCE_CAP: float
    UNKNOWN_IDF_FACTOR: float
    NAME_BONUS: float
    CANDIDATES: int
    entries: list[FaqEntry]
    n_entries: int
    instruments: list[str]
    entry_inst: list[int]
    idf: dict[str, float]
    max_idf: float
    postings: dict[str, list[tuple[int, float]]]
    inst_postings: dict[str, list[int]]
    name_terms: dict[str, set[int]]
    docs: list
    entry_docs: list[list[int]]

    def _index_arrays(self) -> None:
        """The postings as arrays, for scoring all items at once."""
        import numpy as np

        self._post_arrays = {
            t: (np.fromiter((i for i, _ in p), np.intp, len(p)), np.array([w for _, w in p]))
            for t, p in self.postings.items()
        }
        self._inst_arrays = {t: np.array(p, dtype=np.intp) for t, p in self.inst_postings.items()}
        self._entry_inst_array = np.array(self.entry_inst, dtype=np.intp)
        self._masks: dict[str, np.ndarray] = {}
        self._item_texts = [[self.docs[d].text for d in ids] for ids in self.entry_docs]

    def _allowed(self, idx: int, audience: str | None) -> bool:
        return audience is None or idx >= self.n_entries or audience in self.entries[idx].audience

    def _allowed_mask(self, audience: str) -> np.ndarray:
        import numpy as np

        mask = self._masks.get(audience)
        if mask is None:
            items = len(self.entry_inst)
            mask = np.fromiter((self._allowed(i, audience) for i in range(items)), bool, items)
            self._masks[audience] = mask
        return mask

    def _lexical(
        self, toks: Sequence[tuple[str, bool]], audience: str | None
    ) -> list[tuple[int, float]]:
        """Items (entries, then topics) scored 0-100 on shared words, best first."""
        import numpy as np

        if not toks:
            return []
        unknown_idf = self.UNKNOWN_IDF_FACTOR * self.max_idf
        total = sum(self.idf[t] if k else unknown_idf for t, k in toks)
        items = len(self.entry_inst)
        entry_cov = np.zeros(items)
        touched = np.zeros(items, dtype=bool)
        inst_cov = np.zeros(len(self.instruments))
        for tok, known in toks:
            if not known:
                continue
            w = self.idf[tok]
            hits, weights = self._post_arrays[tok]  # each item once per token
            entry_cov[hits] += w * weights
            touched[hits] = True
            inst_cov[self._inst_arrays[tok]] += w
        bonus = np.zeros(len(self.instruments))
        for tok, _known in toks:
            for pos in self.name_terms.get(tok, ()):
                bonus[pos] = self.NAME_BONUS / 100.0
        if audience is not None:
            touched &= self._allowed_mask(audience)
        candidates = np.flatnonzero(touched)
        cov = entry_cov[candidates]
        inst = self._entry_inst_array[candidates]
        score = (
            self.W_ENTRY * cov / total
            + self.W_INSTRUMENT * inst_cov[inst] / total
            + self.W_EVIDENCE * np.minimum(1.0, cov / self.EVIDENCE_CAP)
            + bonus[inst]
        )
        order = np.lexsort((candidates, -score))[: self.CANDIDATES]  # best first, ties by item
        pre = [(float(score[i]), int(candidates[i])) for i in order]
        best = self._fuzzy_best(" ".join(t for t, _ in toks), [idx for _, idx in pre])
        scored: list[tuple[int, float]] = []
        for (base_score, idx), fuzzy in zip(pre, best, strict=True):
            total_score = 100.0 * base_score + self.W_FUZZY * float(fuzzy)
            scored.append((idx, min(100.0, max(0.0, total_score))))
        # Stable on ties: file order puts the "what is it" entry of an instrument first.
        scored.sort(key=lambda p: (-p[1], p[0]))
        return scored

    def _fuzzy_best(self, qtext: str, candidates: list[int]) -> np.ndarray:
        """Best fuzzy match per candidate over its example questions, in two vectorised calls
        (a Python loop over ~700 texts took half of the search time)."""
        import numpy as np

        texts: list[str] = []
        starts: list[int] = []
        for idx in candidates:
            starts.append(len(texts))
            texts.extend(self._item_texts[idx])
        if not texts:
            return np.zeros(0)
        both = process.cdist([qtext], texts, scorer=fuzz.token_set_ratio, dtype=np.float64)[0]
        both += process.cdist([qtext], texts, scorer=fuzz.token_sort_ratio, dtype=np.float64)[0]
        return np.maximum.reduceat(0.5 * both, starts)
