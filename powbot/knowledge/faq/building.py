"""Building the FAQ index: the documents, postings, IDF, names and typo vocabulary it searches.

Mixed into the FAQ index, which builds once on first use (``FaqIndex.build``) and is
read-only afterwards. Everything made here is an attribute the query side reads.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from powbot.knowledge.classifier import Doc, InstrumentClassifier
from powbot.knowledge.faq.models import (
    LANGS,
    OUT_OF_SCOPE,
    FaqBase,
    FaqEntry,
    OutOfScopeTopic,
)
from powbot.knowledge.faq.normalise import Normalizer, _words


def _serves(audience: Sequence[str], wanted: str | None) -> bool:
    """Employer index (None): everything not only for job seekers; "seeker": theirs."""
    if wanted == "seeker":
        return "seeker" in audience
    return list(audience) != ["seeker"]


@dataclass
class _Doc:
    entry_idx: int
    text: str  # normalised example question, tokens joined by spaces


class IndexBuilder:
    """Mixed into the FAQ index: ``_build`` makes the structures it searches."""

    ANSWER_WEIGHT: float
    base: FaqBase
    audience: str | None
    norm: Normalizer
    _doc: Callable[..., Doc]
    _index_arrays: Callable[[], None]
    _build_subjects: Callable[[Sequence[Doc]], None]
    subjects: InstrumentClassifier | None

    def _build(self) -> None:
        base, audience = self.base, self.audience
        self.entries: list[FaqEntry] = [e for e in base.entries if _serves(e.audience, audience)]
        self.topics: list[OutOfScopeTopic] = [
            t for t in base.topics if _serves(t.audience, audience)
        ]
        # Items are the entries followed by the out-of-scope topics; item i >= n_entries is
        # topic i - n_entries. Topics share one pseudo-instrument.
        self.n_entries = len(self.entries)
        self._compound_cache: dict[tuple[str, str], list[str]] = {}
        self.surface: set[str] = set()  # words used by the entries (compound parts)
        self.instruments = sorted({e.instrument for e in self.entries})
        if self.topics:
            self.instruments.append(OUT_OF_SCOPE)
        inst_pos = {name: i for i, name in enumerate(self.instruments)}
        items: list[tuple[str, Sequence[str], Sequence[tuple[str, str]]]] = [
            (e.instrument, e.questions, [(e.answer.get(lang), lang) for lang in LANGS])
            for e in self.entries
        ]
        items += [(OUT_OF_SCOPE, t.questions, []) for t in self.topics]
        self.entry_inst = [inst_pos[inst] for inst, _, _ in items]

        entry_weights, inst_tokens = self._index_documents(items)
        self._index_postings(entry_weights, inst_tokens)
        self._index_names_and_typos(inst_pos)
        self._index_arrays()

        # Entries per instrument position, in file order (the "what is it" entry first).
        self.inst_items: list[list[int]] = [[] for _ in self.instruments]
        for idx, pos in enumerate(self.entry_inst):
            self.inst_items[pos].append(idx)
        docs = [self._doc(q) for _, questions, _ in items for q in questions]
        labels = [inst for inst, questions, _ in items for _ in questions]
        self.classifier = InstrumentClassifier(docs, labels)
        self.subjects = None
        if audience == "seeker":
            self._build_subjects(docs)

    def _index_documents(
        self, items: list[tuple[str, Sequence[str], Sequence[tuple[str, str]]]]
    ) -> tuple[list[dict[str, float]], list[set[str]]]:
        """One document per example question; token weights per item (question words 1.0,
        answer words ANSWER_WEIGHT) and the tokens each instrument uses."""
        self.docs: list[_Doc] = []
        self.entry_docs: list[list[int]] = []
        entry_weights: list[dict[str, float]] = []
        inst_tokens: list[set[str]] = [set() for _ in self.instruments]
        for idx, (_, questions, answers) in enumerate(items):
            weights: dict[str, float] = {}
            doc_ids: list[int] = []
            for question in questions:
                self.surface.update(_words(question))
                toks = self.norm.tokens(question)
                for t in toks:
                    weights[t] = 1.0
                doc_ids.append(len(self.docs))
                self.docs.append(_Doc(idx, " ".join(toks)))
            for text, lang in answers:
                self.surface.update(_words(text))
                for t in self.norm.tokens(text, lang):
                    weights.setdefault(t, self.ANSWER_WEIGHT)
            entry_weights.append(weights)
            self.entry_docs.append(doc_ids)
            inst_tokens[self.entry_inst[idx]].update(weights)
        return entry_weights, inst_tokens

    def _index_postings(
        self, entry_weights: list[dict[str, float]], inst_tokens: list[set[str]]
    ) -> None:
        # IDF over instruments: a word that every instrument uses says little about which
        # instrument is meant; a word that only one instrument uses says a lot.
        n_inst = len(self.instruments)
        df: dict[str, int] = {}
        for inst_toks in inst_tokens:
            for t in inst_toks:
                df[t] = df.get(t, 0) + 1
        self.idf = {t: math.log((n_inst + 1) / (d + 0.5)) for t, d in df.items()}
        self.max_idf = math.log((n_inst + 1) / 0.5)

        self.postings: dict[str, list[tuple[int, float]]] = {}
        for idx, weights in enumerate(entry_weights):
            for t, w in weights.items():
                self.postings.setdefault(t, []).append((idx, w))
        self.inst_postings: dict[str, list[int]] = {}
        for i, inst_toks in enumerate(inst_tokens):
            for t in inst_toks:
                self.inst_postings.setdefault(t, []).append(i)

    def _index_names_and_typos(self, inst_pos: dict[str, int]) -> None:
        # Canonical tokens that name an instrument -> instrument positions.
        self.name_terms: dict[str, set[int]] = {}
        for inst, terms in self.base.synonyms.instrument_terms.items():
            if inst not in inst_pos:
                continue
            for term in terms:
                for tok in self.norm.tokens(term):
                    self.name_terms.setdefault(tok, set()).add(inst_pos[inst])

        # Vocabulary for typo correction: indexed tokens and one-word synonym variants.
        self.fuzzy_vocab: dict[str, str] = {t: t for t in self.postings}
        for variant, canonical in self.norm.single_variants.items():
            if canonical in self.postings and len(variant) >= 5:
                self.fuzzy_vocab.setdefault(variant, canonical)
        self.fuzzy_choices = [t for t in self.fuzzy_vocab if len(t) >= 4]
        self._near_choices: dict[int, list[str]] = {}  # by token length
