"""Dutch compound words: known index tokens inside a word the index has never seen
("loonkostensubsidieaanvraag" -> loonkostensubsidie + aanvragen)."""

from __future__ import annotations

from collections.abc import Callable

from powbot.knowledge.faq.normalise import Normalizer


class CompoundSplitter:
    """Mixed into the FAQ index, whose vocabulary (postings, surface words, normaliser)
    decides which parts are known."""

    MIN_PART = 3  # shortest part of a compound word (a canonical term; other words need +1)
    MIN_HEAD = 6  # shortest known first part when the rest of a compound is unknown
    norm: Normalizer
    postings: dict[str, list[tuple[int, float]]]
    surface: set[str]
    _compound_cache: dict[tuple[str, str], list[str]]
    name_terms: dict[str, set[int]]
    _typo_of: Callable[[str], str | None]

    def _part_token(self, part: str, lang: str, other: str, last: bool = False) -> str | None:
        """Index token for one part of a compound word, or None. A part must be a synonym
        variant or a word the FAQ itself uses; only the last part may be inflected."""
        if len(part) < self.MIN_PART:
            return None
        canonical = self.norm.word_canonical(part, lang) or self.norm.word_canonical(part, other)
        if canonical and len(part) == self.MIN_PART and part not in self.norm.single_variants:
            # Three letters only as a word of their own ("lks", "uwv"), never as a stem: 'bel'
            # (of 'bellen') would read 'beloven' as bel + oven, a call about an oven.
            canonical = None
        if canonical:
            return canonical if canonical in self.postings else None
        if len(part) < self.MIN_PART + 1 or part in self.norm.all_stopwords:
            return None
        if part not in self.surface and not (last and len(part) >= 5):
            return None
        for la in (lang, other):
            stem = self.norm.stem(part, la)
            if stem in self.postings:
                return stem
        return None

    def _segment(self, word: str, lang: str, other: str, depth: int = 0) -> list[str] | None:
        """Split ``word`` entirely into known parts (longest first part first), allowing the
        Dutch linking sounds "s", "e" and "en" between parts."""
        tok = self._part_token(word, lang, other, last=True)
        if tok is not None:
            return [tok]
        if depth >= 3:
            return None
        for i in range(len(word) - self.MIN_PART, self.MIN_PART - 1, -1):
            head = self._part_token(word[:i], lang, other)
            if head is None:
                continue
            rest = word[i:]
            for link in ("", "s", "en", "e"):
                if link and not rest.startswith(link):
                    continue
                tail = self._segment(rest[len(link) :], lang, other, depth + 1)
                if tail is not None:
                    return [head, *tail]
        return None

    def decompound(self, word: str, lang: str) -> list[str]:
        """Known tokens inside an unknown (Dutch) compound word: "loonkostensubsidieaanvraag"
        -> loonkostensubsidie + aanvragen. Falls back to a long known first part
        ("detacheringsconstructie" -> detachering) unless the word is a misspelt instrument
        name; [] when nothing is found."""
        key = (word, lang)
        cached = self._compound_cache.get(key)
        if cached is not None:
            return cached
        other = "en" if lang == "nl" else "nl"
        parts: list[str] | None = None
        if len(word) >= 2 * self.MIN_PART:
            parts = self._segment(word, lang, other)
            if parts is None:
                # A misspelt instrument name is not a compound with an unknown rest:
                # 'loonkostensubsidei' is loonkostensubsidie, not loonkosten + something.
                typo = self._typo_of(word)
                if typo is not None and typo in self.name_terms:
                    parts = [typo]
            if parts is None:
                for i in range(len(word) - self.MIN_PART, self.MIN_HEAD - 1, -1):
                    head = self._part_token(word[:i], lang, other)
                    if head is not None:
                        parts = [head]
                        break
        result = list(dict.fromkeys(parts or []))
        if len(self._compound_cache) < 50_000:
            self._compound_cache[key] = result
        return result
