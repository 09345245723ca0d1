"""Normalisation shared by the index and the queries: folding, synonyms, stemming."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import snowballstemmer

from powbot.knowledge.faq.models import LANGS, Synonyms

_STEMMERS = {
    "nl": snowballstemmer.stemmer("dutch"),
    "en": snowballstemmer.stemmer("english"),
}
_TOKEN_RE = re.compile(r"[a-z0-9]+")
_MAX_PHRASE = 5
_MAX_JOIN = 3  # words of a compound written apart


def _fold(text: str) -> str:
    """Lowercase and strip accents (ë -> e), so "geïnteresseerd" == "geinteresseerd"."""
    if text.isascii():  # nothing to decompose (most text; the index folds ~1M words)
        return text.lower()
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


# Abbreviations written with dots ("l.k.s.", "N.R.P", "s.r.o.i.") -> one word ("lks").
_DOTTED_RE = re.compile(r"(?<![a-z0-9])(?:[a-z]\.){2,}(?:[a-z](?![a-z0-9]))?")


def _words(text: str) -> list[str]:
    # "60%" is the word "procent" too: how much someone can do is what wage subsidies are about.
    text = _fold(text).replace("'", "").replace("%", " procent ")
    text = _DOTTED_RE.sub(lambda m: m.group(0).replace(".", ""), text)
    return _TOKEN_RE.findall(text)


class Normalizer:
    """Turns text into canonical tokens; shared by the index and the queries."""

    def __init__(self, synonyms: Synonyms) -> None:
        self.typos = {_fold(k): _fold(v) for k, v in synonyms.typos.items()}
        self.stopwords: dict[str, set[str]] = {
            lang: {w for s in synonyms.stopwords.get(lang, []) for w in _words(s)}  # type: ignore[call-overload]
            for lang in LANGS
        }
        self.all_stopwords = self.stopwords["nl"] | self.stopwords["en"]
        self._stem_cache: dict[tuple[str, str], str] = {}
        self.canonical: set[str] = set()
        # phrase (tuple of words, surface or stemmed) -> canonical term
        self.phrases: dict[tuple[str, ...], str] = {}
        self.single_variants: dict[str, str] = {}
        groups = {**synonyms.synonyms}
        for canonical, variants in synonyms.abbreviations.items():
            groups.setdefault(canonical, [])
            groups[canonical] = [*groups[canonical], *variants]
        for canonical, variants in groups.items():
            self.canonical.add(canonical)
            for variant in [canonical, *variants]:
                words = tuple(self.typos.get(w, w) for w in _words(variant))
                if not words:
                    continue
                self.phrases.setdefault(words, canonical)
                for lang in LANGS:
                    stemmed = tuple(self.stem(w, lang) for w in words)
                    self.phrases.setdefault(stemmed, canonical)
                if len(words) == 1:
                    self.single_variants.setdefault(words[0], canonical)
        # The first words of all phrases: a word that starts none (most) skips the lookups.
        self._phrase_heads = {key[0] for key in self.phrases}

    def stem(self, word: str, lang: str) -> str:
        key = (word, lang)
        cached = self._stem_cache.get(key)
        if cached is None:
            cached = _STEMMERS[lang].stemWord(word)
            if len(self._stem_cache) < 200_000:  # bounded: queries can bring new words
                self._stem_cache[key] = cached
        return cached

    def language(self, words: Sequence[str]) -> str:
        nl = sum(w in self.stopwords["nl"] for w in words)
        en = sum(w in self.stopwords["en"] for w in words)
        return "en" if en > nl else "nl"

    def word_canonical(self, word: str, lang: str) -> str | None:
        """Canonical term of a single word (after the typo map), or None."""
        word = self.typos.get(word, word)
        return self.phrases.get((word,)) or self.phrases.get((self.stem(word, lang),))

    def tokens(self, text: str, lang: str | None = None) -> list[str]:
        """Canonical tokens of ``text``: phrases mapped to canonical terms, other words
        stopword-filtered and stemmed (in ``lang``, or the detected language)."""
        return [tok for tok, _ in self.tokens_with_words(text, lang)]

    def tokens_with_words(self, text: str, lang: str | None = None) -> list[tuple[str, str | None]]:
        """Like ``tokens``, each paired with the surface word it came from (None when a
        phrase or a joined compound produced it)."""
        words = [self.typos.get(w, w) for w in _words(text)]
        lang = lang or self.language(words)
        stems = [self.stem(w, lang) for w in words]
        out: list[tuple[str, str | None]] = []
        i = 0
        n = len(words)
        while i < n:
            matched = False
            # A compound written apart ("proef plaatsing", "werkgevers service punt").
            for size in range(min(_MAX_JOIN, n - i), 1, -1):
                parts = words[i : i + size]
                if any(p in self.all_stopwords or p.isdigit() for p in parts):
                    continue
                canonical = self.word_canonical("".join(parts), lang)
                if canonical:
                    out.append((canonical, None))
                    i += size
                    matched = True
                    break
            if matched:
                continue
            starts_phrase = words[i] in self._phrase_heads or stems[i] in self._phrase_heads
            for size in range(min(_MAX_PHRASE, n - i) if starts_phrase else 0, 0, -1):
                key = tuple(words[i : i + size])
                canonical = self.phrases.get(key) or self.phrases.get(tuple(stems[i : i + size]))
                if canonical:
                    out.append((canonical, None))
                    i += size
                    matched = True
                    break
            if matched:
                continue
            word = words[i]
            if word not in self.all_stopwords and not word.isdigit():
                out.append((stems[i], word))
            i += 1
        return out
