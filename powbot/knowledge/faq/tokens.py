"""The query side's tokens: a question's words as the index knows them (synonyms, stems in
the other language, compound parts, typos), each flagged known or not."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rapidfuzz import fuzz, process

from powbot.knowledge.classifier import Doc
from powbot.knowledge.faq.normalise import Normalizer, _fold, _words


class QueryTokens:
    """Mixed into the FAQ index, whose vocabulary (postings, typo choices) it reads."""

    FUZZY_TOKEN_CUTOFF = 88  # typo tolerance for single words (rapidfuzz ratio)
    norm: Normalizer
    postings: dict[str, list[tuple[int, float]]]
    fuzzy_vocab: dict[str, str]
    fuzzy_choices: list[str]
    _near_choices: dict[int, list[str]]
    decompound: Callable[[str, str], list[str]]  # the compound splitter's

    def query_tokens(self, question: str) -> list[tuple[str, bool]]:
        """Tokens of the question, each with a flag: known to the index or not."""
        words = _words(question)
        lang = self.norm.language(words)
        other = "en" if lang == "nl" else "nl"
        out: list[tuple[str, bool]] = []
        for tok, word in self.norm.tokens_with_words(question, lang):
            if tok in self.postings:
                out.append((tok, True))
                continue
            stem = self.norm.stem(tok, other)  # "subsidies" in an English sentence
            if stem in self.postings:
                out.append((stem, True))
                continue
            # A compound before a typo: 'detacheringsconstructie' is detachering +
            # constructie, not a misspelt 'detacheringscontract'.
            parts = self.decompound(word, lang) if word is not None else None
            if parts:
                out.extend((p, p in self.postings) for p in parts)
                continue
            # The stem of a misspelt word can drift from the right word's stem
            # ('loondispentatie' -> 'loondispenteer'): then the word as typed is compared.
            alt = self._typo_of(tok) or (self._typo_of(word) if word else None)
            out.append((alt, True) if alt else (tok, False))
        # A repeated word should not count twice.
        return _first_of_each(out)

    def _typo_of(self, tok: str) -> str | None:
        """The indexed token an unknown one is a close spelling of (a typo), if any."""
        if len(tok) < 5:
            return None
        hit = process.extractOne(
            tok,
            self._choices_near(len(tok)),
            scorer=fuzz.ratio,
            score_cutoff=self.FUZZY_TOKEN_CUTOFF,
        )
        return self.fuzzy_vocab[hit[0]] if hit is not None else None

    def _choices_near(self, size: int) -> list[str]:
        """The typo choices whose length lets them reach the cutoff, in their own order (so
        ties go the same way): fuzz.ratio is at most 200 * min(a, b) / (a + b)."""
        near = self._near_choices.get(size)
        if near is None:
            reach = self.FUZZY_TOKEN_CUTOFF - 1  # a point of slack for rounding
            near = [
                c for c in self.fuzzy_choices if 200 * min(size, len(c)) / (size + len(c)) >= reach
            ]
            if len(self._near_choices) < 100:
                self._near_choices[size] = near
        return near

    def _doc(self, question: str, toks: Sequence[tuple[str, bool]] | None = None) -> Doc:
        if toks is None:
            toks = self.query_tokens(question)
        return tuple(t for t, _ in toks), _fold(question)


def _first_of_each(tokens: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Each token once, at its first place."""
    seen: set[str] = set()
    unique = []
    for tok, known in tokens:
        if tok not in seen:
            seen.add(tok)
            unique.append((tok, known))
    return unique
