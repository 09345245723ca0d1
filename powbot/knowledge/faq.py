"""Employer FAQ: loading and validating the curated entries, and retrieving them.

Content lives in ``<knowledge_dir>/faq/<instrument>.yaml`` (one file per instrument, a
top-level ``entries:`` list) plus ``faq/_synonyms.yaml`` (abbreviations, synonyms, typos,
stopwords), ``faq/_out_of_scope.yaml`` (subjects the FAQ does not answer, with where to go
instead) and ``<knowledge_dir>/region.yaml`` (contact details of the regional WSP).

Retrieval has two parts. Questions are normalised (accents, punctuation, typo map, synonym
and abbreviation expansion to canonical terms, stopwords, Dutch/English stemming, compound
splitting). A lexical scorer (IDF-weighted word coverage per entry and per instrument, plus
RapidFuzz against the example questions) ranks the entries. A linear classifier trained on
all example questions (``classifier.py``; out-of-scope topics are one more label) says which
instrument is meant; its margin plus the lexical evidence is the instrument's "fit". The
best fit decides between "answer" (the instrument's best lexical entry), "clarify" (another
instrument fits almost as well) and "unknown" (the out-of-scope label fits best, or nothing
fits). Authors steer all of it from the YAML files: a new example question is learnt at the
next start. The bot never composes advice: it
either returns a vetted entry or says it does not know.

This module never imports from ``powbot.bot`` or ``powbot.storage``; user-facing labels
("Bron", "Source", ...) are rendered by the bot from its catalogs, so helpers here return
structured data only.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

import numpy as np
import snowballstemmer
import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from rapidfuzz import fuzz, process

from powbot.knowledge.classifier import Doc, InstrumentClassifier
from powbot.knowledge.errors import KnowledgeError

INSTRUMENTS: tuple[str, ...] = (
    "loonkostensubsidie",
    "loondispensatie",
    "no-riskpolis",
    "proefplaatsing",
    "jobcoaching",
    "werkplekaanpassing",
    "loonkostenvoordeel",
    "banenafspraak",
    "praktijkleren",
    "bbl",
    "detachering",
    "open-hiring",
    "jobcarving",
    "sroi",
    "wsp-contact",
)
LANGS: tuple[str, ...] = ("nl", "en")
AUDIENCES: tuple[str, ...] = ("employer", "seeker")

Lang = Literal["nl", "en"]
Audience = Literal["employer", "seeker"]
Decision = Literal["answer", "clarify", "unknown"]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

OUT_OF_SCOPE = "_out-of-scope"  # pseudo-instrument of the out-of-scope topics in the index
FAQ_DIR = "faq"
SYNONYMS_FILE = "_synonyms.yaml"
OUT_OF_SCOPE_FILE = "_out_of_scope.yaml"
REGION_FILE = "region.yaml"


# --------------------------------------------------------------------------- models


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LocalizedText(_Strict):
    nl: NonEmpty
    en: NonEmpty

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


class Source(_Strict):
    title: NonEmpty
    url: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^https?://\S+$")]


class FaqEntry(_Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    instrument: NonEmpty
    audience: Annotated[list[Audience], Field(min_length=1)]
    questions: Annotated[list[NonEmpty], Field(min_length=1)]
    answer: LocalizedText
    source: Source
    reviewed: date
    related: list[str] = Field(default_factory=list)


class _FaqFile(_Strict):
    entries: Annotated[list[FaqEntry], Field(min_length=1)]


class Synonyms(_Strict):
    """Word lists for the retriever. Keys of ``abbreviations``/``synonyms`` are canonical
    single-word terms; values are variants (words or phrases, any language)."""

    abbreviations: dict[str, list[NonEmpty]] = Field(default_factory=dict)
    synonyms: dict[str, list[NonEmpty]] = Field(default_factory=dict)
    typos: dict[str, NonEmpty] = Field(default_factory=dict)
    stopwords: dict[Lang, list[NonEmpty]] = Field(default_factory=dict)
    # Terms that name an instrument ("LKS" names loonkostensubsidie even though other entries
    # mention it too); a question containing one favours that instrument.
    instrument_terms: dict[str, list[NonEmpty]] = Field(default_factory=dict)


class Pointer(_Strict):
    """Where to go with a subject this FAQ does not cover (a vetted, general address)."""

    text: LocalizedText
    url: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^https?://\S+$")]


class OutOfScopeTopic(_Strict):
    """A subject employers ask about that the FAQ deliberately does not answer (dismissal,
    sick leave of staff in general, payroll tax, ...). Its example questions compete with the
    entries in the retriever, so "unknown" is a class of its own, not only a low score."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    pointer: str | None = None  # key in ``pointers``
    questions: Annotated[list[NonEmpty], Field(min_length=1)]


class _OutOfScopeFile(_Strict):
    pointers: dict[str, Pointer] = Field(default_factory=dict)
    topics: Annotated[list[OutOfScopeTopic], Field(min_length=1)]


class Contact(_Strict):
    name: NonEmpty
    phone: str | None = None
    email: str | None = None
    website: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    hours: LocalizedText | None = None


class Region(_Strict):
    name: NonEmpty
    wsp: Contact
    uwv: Contact
    note: LocalizedText


@dataclass(frozen=True)
class FaqBase:
    """All validated entries, in file order, plus the retriever word lists."""

    entries: tuple[FaqEntry, ...]
    synonyms: Synonyms
    files: dict[str, str] = field(default_factory=dict)  # entry id -> file it came from
    topics: tuple[OutOfScopeTopic, ...] = ()
    pointers: dict[str, Pointer] = field(default_factory=dict)

    def pointer(self, topic: OutOfScopeTopic | None) -> Pointer | None:
        return self.pointers.get(topic.pointer) if topic and topic.pointer else None

    def get(self, entry_id: str) -> FaqEntry | None:
        return next((e for e in self.entries if e.id == entry_id), None)


# --------------------------------------------------------------------------- loading


def _field_path(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(file)"


def _problem(err: Any) -> str:
    kind = err.get("type", "")
    if kind == "missing":
        return "missing"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        return "must not be empty"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return f"not a valid date (use YYYY-MM-DD), got {err.get('input')!r}"
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "literal_error":
        return f"{err.get('msg', 'invalid value')}, got {err.get('input')!r}"
    return str(err.get("msg", "invalid"))


def _validate(model: type[BaseModel], data: Any, file: str, prefix: str = "") -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        path = _field_path(err["loc"])
        if prefix:
            path = prefix if path == "(file)" else f"{prefix}.{path}"
        raise KnowledgeError(file, path, _problem(err)) from None


def _read_yaml(path: Path, rel: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeError(rel, "(file)", f"cannot read: {exc.strerror}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise KnowledgeError(rel, "(file)", f"invalid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise KnowledgeError(rel, "(file)", "expected a mapping at the top level")
    return data


def load_faq(knowledge_dir: Path) -> FaqBase:
    """Load and validate every ``faq/*.yaml`` file plus ``faq/_synonyms.yaml``.

    Raises KnowledgeError naming the file and field of the first problem found.
    """
    faq_dir = Path(knowledge_dir) / FAQ_DIR
    if not faq_dir.is_dir():
        raise KnowledgeError(FAQ_DIR, "(directory)", "missing")
    entries: list[FaqEntry] = []
    files: dict[str, str] = {}
    positions: dict[str, tuple[str, int]] = {}
    for path in sorted(faq_dir.glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        rel = f"{FAQ_DIR}/{path.name}"
        data = _read_yaml(path, rel)
        parsed: _FaqFile = _validate(_FaqFile, data, rel)
        for i, entry in enumerate(parsed.entries):
            where = f"entries[{i}]"
            if entry.instrument not in INSTRUMENTS:
                raise KnowledgeError(
                    rel, f"{where}.instrument", f"unknown instrument {entry.instrument!r}"
                )
            if entry.instrument != path.stem:
                raise KnowledgeError(
                    rel,
                    f"{where}.instrument",
                    f"{entry.instrument!r} does not match the file name {path.stem!r}",
                )
            if entry.id in files:
                raise KnowledgeError(
                    rel, f"{where}.id", f"duplicate id {entry.id!r} (also in {files[entry.id]})"
                )
            files[entry.id] = rel
            positions[entry.id] = (rel, i)
            entries.append(entry)
    if not entries:
        raise KnowledgeError(FAQ_DIR, "(directory)", "no FAQ entries found")
    for entry in entries:
        rel, i = positions[entry.id]
        for j, other in enumerate(entry.related):
            if other not in files:
                raise KnowledgeError(
                    rel, f"entries[{i}].related[{j}]", f"unknown entry id {other!r}"
                )
    syn_path = faq_dir / SYNONYMS_FILE
    syn_rel = f"{FAQ_DIR}/{SYNONYMS_FILE}"
    if syn_path.exists():
        synonyms: Synonyms = _validate(Synonyms, _read_yaml(syn_path, syn_rel), syn_rel)
        for group in ("abbreviations", "synonyms"):
            for canonical in getattr(synonyms, group):
                if not re.fullmatch(r"[a-z0-9]+", canonical):
                    raise KnowledgeError(
                        syn_rel,
                        f"{group}.{canonical}",
                        "canonical term must be one lowercase word (a-z, 0-9)",
                    )
        for inst in synonyms.instrument_terms:
            if inst not in INSTRUMENTS:
                raise KnowledgeError(
                    syn_rel, f"instrument_terms.{inst}", f"unknown instrument {inst!r}"
                )
    else:
        synonyms = Synonyms()
    topics, pointers = _load_out_of_scope(faq_dir)
    return FaqBase(
        entries=tuple(entries), synonyms=synonyms, files=files, topics=topics, pointers=pointers
    )


def _load_out_of_scope(faq_dir: Path) -> tuple[tuple[OutOfScopeTopic, ...], dict[str, Pointer]]:
    path = faq_dir / OUT_OF_SCOPE_FILE
    if not path.exists():
        return (), {}
    rel = f"{FAQ_DIR}/{OUT_OF_SCOPE_FILE}"
    parsed: _OutOfScopeFile = _validate(_OutOfScopeFile, _read_yaml(path, rel), rel)
    seen: set[str] = set()
    for i, topic in enumerate(parsed.topics):
        if topic.id in seen:
            raise KnowledgeError(rel, f"topics[{i}].id", f"duplicate id {topic.id!r}")
        seen.add(topic.id)
        if topic.pointer is not None and topic.pointer not in parsed.pointers:
            raise KnowledgeError(rel, f"topics[{i}].pointer", f"unknown pointer {topic.pointer!r}")
    return tuple(parsed.topics), dict(parsed.pointers)


def load_region(knowledge_dir: Path) -> Region:
    rel = REGION_FILE
    return _validate(Region, _read_yaml(Path(knowledge_dir) / rel, rel), rel)


def stale_entries(base: FaqBase, max_age_days: int, today: date | None = None) -> list[FaqEntry]:
    """Entries whose ``reviewed`` date is older than ``max_age_days`` (a warning, not an error)."""
    today = today or date.today()
    return [e for e in base.entries if (today - e.reviewed).days > max_age_days]


# --------------------------------------------------------------------------- rendering


@dataclass(frozen=True)
class AnswerParts:
    """Everything the bot needs to render an answer; labels come from its catalogs."""

    entry_id: str
    instrument: str
    text: str
    source_title: str
    source_url: str
    reviewed: date
    related: tuple[str, ...]


def answer_text(entry: FaqEntry, lang: str) -> str:
    """The vetted answer in ``lang`` ("nl" or "en"; anything else falls back to Dutch)."""
    return entry.answer.get(lang).strip()


def answer_parts(entry: FaqEntry, lang: str) -> AnswerParts:
    return AnswerParts(
        entry_id=entry.id,
        instrument=entry.instrument,
        text=answer_text(entry, lang),
        source_title=entry.source.title,
        source_url=entry.source.url,
        reviewed=entry.reviewed,
        related=tuple(entry.related),
    )


# --------------------------------------------------------------------------- normalisation

_STEMMERS = {
    "nl": snowballstemmer.stemmer("dutch"),
    "en": snowballstemmer.stemmer("english"),
}
_TOKEN_RE = re.compile(r"[a-z0-9]+")
_MAX_PHRASE = 5
_MAX_JOIN = 3  # words of a compound written apart


def _fold(text: str) -> str:
    """Lowercase and strip accents (ë -> e), so "geïnteresseerd" == "geinteresseerd"."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


# Abbreviations written with dots ("l.k.s.", "N.R.P", "s.r.o.i.") -> one word ("lks").
_DOTTED_RE = re.compile(r"(?<![a-z0-9])(?:[a-z]\.){2,}(?:[a-z](?![a-z0-9]))?")


def _words(text: str) -> list[str]:
    text = _DOTTED_RE.sub(lambda m: m.group(0).replace(".", ""), _fold(text).replace("'", ""))
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
            for size in range(min(_MAX_PHRASE, n - i), 0, -1):
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


# --------------------------------------------------------------------------- retrieval


@dataclass(frozen=True)
class SearchResult:
    """Outcome of a question.

    ``decision``: "answer" (show ``best``), "clarify" (offer ``best`` plus ``alternatives``
    as choices) or "unknown" (say we do not know and offer a person). ``score`` is how well
    ``best``'s instrument fits, 0-100 (50: the classifier's boundary). ``alternatives`` are
    the best entries of other instruments, best first; never ``best`` itself.
    ``runner_up`` is the next entry of ``best``'s own instrument: when the instrument is right
    but the entry is not ("what is it" for "how do I apply"), it is usually this one.
    """

    decision: Decision
    best: FaqEntry | None
    score: float
    alternatives: list[tuple[FaqEntry, float]]
    topic: OutOfScopeTopic | None = None  # set when "unknown" because of a known subject
    runner_up: FaqEntry | None = None

    @property
    def instrument(self) -> str | None:
        return self.best.instrument if self.best and self.decision != "unknown" else None


@dataclass
class _Doc:
    entry_idx: int
    text: str  # normalised example question, tokens joined by spaces


class FaqIndex:
    """In-memory retriever over a FaqBase. Everything is precomputed in ``__init__``."""

    # Lexical scoring, tuned on the dev half of bench/data/employer_questions.tsv (see
    # bench/faq_eval.py). It ranks the entries within an instrument and adds evidence to the
    # classifier's choice of instrument.
    W_ENTRY = 0.20  # IDF-weighted share of the question covered by the entry's words
    W_INSTRUMENT = 0.20  # ... covered by all words of the entry's instrument
    W_EVIDENCE = 0.35  # absolute IDF mass matched: one specific term ("NRP") is strong evidence
    W_FUZZY = 0.25  # best RapidFuzz match with one of the entry's example questions
    EVIDENCE_CAP = 5.0  # IDF mass that counts as full evidence (a one-instrument word is ~3.5)
    UNKNOWN_IDF_FACTOR = 0.4  # weight of words the index has never seen, relative to max IDF
    ANSWER_WEIGHT = 0.6  # words only found in the answer text count for less
    FUZZY_TOKEN_CUTOFF = 88  # typo tolerance for single words (rapidfuzz ratio)
    NAME_BONUS = 12.0  # points for an entry whose instrument is named in the question
    CANDIDATES = 25  # entries that get the (more expensive) fuzzy comparison
    MIN_PART = 3  # shortest part of a compound word (a canonical term; other words need +1)
    MIN_HEAD = 6  # shortest known first part when the rest of a compound is unknown
    # Decision, on "fit" = classifier margin + LEXICAL_WEIGHT * lexical score / 100. Chosen on
    # the tuned-on sets in bench/data; the sealed blind sets measure them.
    LEXICAL_WEIGHT = 0.5
    MIN_FIT = -0.5  # the best instrument fits less than this -> "unknown"
    CLARIFY_MARGIN = 0.15  # another instrument fits within this much -> "clarify"
    TOPIC_NAMED_FROM = 45.0  # lexical score from which an out-of-scope topic is named

    def __init__(self, base: FaqBase) -> None:
        self.base = base
        self.entries = list(base.entries)
        self.topics = list(base.topics)
        # Items are the entries followed by the out-of-scope topics; item i >= n_entries is
        # topic i - n_entries. Topics share one pseudo-instrument.
        self.n_entries = len(self.entries)
        self.norm = Normalizer(base.synonyms)
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

        # IDF over instruments: a word that every instrument uses says little about which
        # instrument is meant; a word that only one instrument uses says a lot.
        n_inst = len(self.instruments)
        df: dict[str, int] = {}
        for toks in inst_tokens:
            for t in toks:
                df[t] = df.get(t, 0) + 1
        self.idf = {t: math.log((n_inst + 1) / (d + 0.5)) for t, d in df.items()}
        self.max_idf = math.log((n_inst + 1) / 0.5)

        self.postings: dict[str, list[tuple[int, float]]] = {}
        for idx, weights in enumerate(entry_weights):
            for t, w in weights.items():
                self.postings.setdefault(t, []).append((idx, w))
        self.inst_postings: dict[str, list[int]] = {}
        for i, toks in enumerate(inst_tokens):
            for t in toks:
                self.inst_postings.setdefault(t, []).append(i)

        # Canonical tokens that name an instrument -> instrument positions.
        self.name_terms: dict[str, set[int]] = {}
        for inst, terms in base.synonyms.instrument_terms.items():
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

        # Entries per instrument position, in file order (the "what is it" entry first).
        self.inst_items: list[list[int]] = [[] for _ in self.instruments]
        for idx, pos in enumerate(self.entry_inst):
            self.inst_items[pos].append(idx)
        docs = [self._doc(q) for _, questions, _ in items for q in questions]
        labels = [inst for inst, questions, _ in items for _ in questions]
        self.classifier = InstrumentClassifier(docs, labels)

    # -- query side ---------------------------------------------------------

    def _part_token(self, part: str, lang: str, other: str, last: bool = False) -> str | None:
        """Index token for one part of a compound word, or None. A part must be a synonym
        variant or a word the FAQ itself uses; only the last part may be inflected."""
        if len(part) < self.MIN_PART:
            return None
        canonical = self.norm.word_canonical(part, lang) or self.norm.word_canonical(part, other)
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
        ("detacheringsconstructie" -> detachering); [] when nothing is found."""
        key = (word, lang)
        cached = self._compound_cache.get(key)
        if cached is not None:
            return cached
        other = "en" if lang == "nl" else "nl"
        parts: list[str] | None = None
        if len(word) >= 2 * self.MIN_PART:
            parts = self._segment(word, lang, other)
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
            # The stem may be in the other language ("subsidies" in an English sentence).
            alt = None
            for cand in (self.norm.stem(tok, other),):
                if cand in self.postings:
                    alt = cand
            if alt is None and len(tok) >= 5:
                hit = process.extractOne(
                    tok,
                    self.fuzzy_choices,
                    scorer=fuzz.ratio,
                    score_cutoff=self.FUZZY_TOKEN_CUTOFF,
                )
                if hit is not None:
                    alt = self.fuzzy_vocab[hit[0]]
            if alt is None and word is not None:
                parts = self.decompound(word, lang)
                if parts:
                    out.extend((p, p in self.postings) for p in parts)
                    continue
            out.append((alt, True) if alt else (tok, False))
        # A repeated word should not count twice.
        seen: set[str] = set()
        unique = []
        for tok, known in out:
            if tok not in seen:
                seen.add(tok)
                unique.append((tok, known))
        return unique

    def _doc(self, question: str, toks: Sequence[tuple[str, bool]] | None = None) -> Doc:
        if toks is None:
            toks = self.query_tokens(question)
        return tuple(t for t, _ in toks), _fold(question)

    def _lexical(
        self, toks: Sequence[tuple[str, bool]], audience: str | None
    ) -> list[tuple[int, float]]:
        """Items (entries, then topics) scored 0-100 on shared words, best first."""
        if not toks:
            return []
        unknown_idf = self.UNKNOWN_IDF_FACTOR * self.max_idf
        total = sum(self.idf[t] if k else unknown_idf for t, k in toks)
        entry_cov: dict[int, float] = {}
        inst_cov = [0.0] * len(self.instruments)
        for tok, known in toks:
            if not known:
                continue
            w = self.idf[tok]
            for idx, weight in self.postings[tok]:
                entry_cov[idx] = entry_cov.get(idx, 0.0) + w * weight
            for i in self.inst_postings[tok]:
                inst_cov[i] += w
        named: set[int] = set()
        for tok, _known in toks:
            named |= self.name_terms.get(tok, set())
        pre: list[tuple[float, int]] = []
        for idx, cov in entry_cov.items():
            if not self._allowed(idx, audience):
                continue
            pre.append(
                (
                    self.W_ENTRY * cov / total
                    + self.W_INSTRUMENT * inst_cov[self.entry_inst[idx]] / total
                    + self.W_EVIDENCE * min(1.0, cov / self.EVIDENCE_CAP)
                    + (self.NAME_BONUS / 100.0 if self.entry_inst[idx] in named else 0.0),
                    idx,
                )
            )
        pre.sort(key=lambda p: (-p[0], p[1]))
        pre = pre[: self.CANDIDATES]
        qtext = " ".join(t for t, _ in toks)
        # Best fuzzy match per candidate over its example questions, in two vectorised calls
        # (a Python loop over ~700 texts took half of the search time).
        texts: list[str] = []
        starts: list[int] = []
        for _, idx in pre:
            starts.append(len(texts))
            texts.extend(self.docs[d].text for d in self.entry_docs[idx])
        both = process.cdist([qtext], texts, scorer=fuzz.token_set_ratio, dtype=np.float64)[0]
        both += process.cdist([qtext], texts, scorer=fuzz.token_sort_ratio, dtype=np.float64)[0]
        best = np.maximum.reduceat(0.5 * both, starts) if texts else []
        scored: list[tuple[int, float]] = []
        for (base_score, idx), fuzzy in zip(pre, best, strict=True):
            score = 100.0 * base_score + self.W_FUZZY * float(fuzzy)
            scored.append((idx, min(100.0, max(0.0, score))))
        # Stable on ties: file order puts the "what is it" entry of an instrument first.
        scored.sort(key=lambda p: (-p[1], p[0]))
        return scored

    def _allowed(self, idx: int, audience: str | None) -> bool:
        return audience is None or idx >= self.n_entries or audience in self.entries[idx].audience

    @staticmethod
    def _confidence(fit: float) -> float:
        """Fit on a 0-100 scale: 50 on the classifier's boundary, 100 from a margin of 1."""
        return round(min(100.0, max(0.0, 50.0 + 50.0 * fit)), 1)

    def search(self, question: str, audience: str | None = None, limit: int = 3) -> SearchResult:
        toks = self.query_tokens(question)
        lexical = self._lexical(toks, audience)
        if not lexical:  # no word the FAQ knows: nothing to go on
            return SearchResult("unknown", None, 0.0, [])
        # Best item per instrument position (entries and topics alike), by lexical score.
        best_item: dict[int, tuple[int, float]] = {}
        for idx, s in lexical:
            best_item.setdefault(self.entry_inst[idx], (idx, s))
        margins = self.classifier.margins(self._doc(question, toks))
        fits: list[tuple[float, int]] = []
        for pos, name in enumerate(self.instruments):
            item = best_item.get(pos)
            if item is None:  # no lexical hit: the instrument's first entry for this audience
                first = next((i for i in self.inst_items[pos] if self._allowed(i, audience)), None)
                if first is None:
                    continue
                item = best_item[pos] = (first, 0.0)
            fits.append((margins.get(name, -1.0) + self.LEXICAL_WEIGHT * item[1] / 100.0, pos))
        fits.sort(key=lambda f: (-f[0], f[1]))
        oos = self.instruments.index(OUT_OF_SCOPE) if self.topics else -1
        in_scope = [(fit, pos) for fit, pos in fits if pos != oos]
        if not in_scope:
            return SearchResult("unknown", None, 0.0, [], self._topic(best_item.get(oos)))
        fit, pos = in_scope[0]
        best = self.entries[best_item[pos][0]]
        score = self._confidence(fit)
        # A known out-of-scope subject that fits best wins: stretching an instrument answer to
        # a dismissal question would be made-up advice.
        if fits[0][1] == oos:
            return SearchResult("unknown", best, score, [], self._topic(best_item.get(oos)))
        if fit < self.MIN_FIT:
            return SearchResult("unknown", best, score, [])
        others = [(self.entries[best_item[p][0]], f) for f, p in in_scope[1:] if f >= self.MIN_FIT]
        close = [(e, self._confidence(f)) for e, f in others if fit - f < self.CLARIFY_MARGIN]
        if close:
            return SearchResult("clarify", best, score, close[: max(0, limit - 1)])
        alts = [(e, self._confidence(f)) for e, f in others[: max(0, limit - 1)]]
        runner_up = next(
            (
                self.entries[idx]
                for idx, _ in lexical
                if idx != best_item[pos][0] and self.entry_inst[idx] == pos
            ),
            None,
        )
        return SearchResult("answer", best, score, alts, runner_up=runner_up)

    def _topic(self, item: tuple[int, float] | None) -> OutOfScopeTopic | None:
        if item is None or item[1] < self.TOPIC_NAMED_FROM or item[0] < self.n_entries:
            return None
        return self.topics[item[0] - self.n_entries]


# --------------------------------------------------------------------------- CLI helpers


def faq_ask_json(index: FaqIndex, question: str, lang: str) -> dict[str, Any]:
    """Machine-readable outcome. ``instrument``/``entry`` are null when the bot would say it
    does not know; ``answer`` is null unless the bot would answer directly (on "clarify" the
    bot offers ``entry`` plus ``alternatives`` as choices)."""
    result = index.search(question)
    known = result.decision != "unknown" and result.best is not None
    best = result.best if known else None
    return {
        "instrument": best.instrument if best else None,
        "entry": best.id if best else None,
        "out_of_scope_topic": result.topic.id if result.topic else None,
        "score": result.score,
        "answer": answer_text(best, lang) if best and result.decision == "answer" else None,
        "alternatives": [
            {"entry": e.id, "instrument": e.instrument, "score": s} for e, s in result.alternatives
        ],
    }


def _plain(index: FaqIndex, question: str, lang: str) -> str:
    # Operator-facing CLI output (English), not the bot's user-facing text.
    result = index.search(question)
    if result.decision == "unknown" or result.best is None:
        if result.topic is not None:
            return f"(no answer: out-of-scope topic {result.topic.id!r}; best score {result.score})"
        return f"(no answer; best score {result.score})"
    if result.decision == "clarify":
        options = [(result.best, result.score), *result.alternatives]
        lines = ["(clarify) did you mean:"]
        lines += [f"  - {e.id} [{e.instrument}] score {s}" for e, s in options]
        return "\n".join(lines)
    parts = answer_parts(result.best, lang)
    return (
        f"[{parts.instrument} / {parts.entry_id}] score {result.score}\n{parts.text}\n"
        f"-- {parts.source_title} <{parts.source_url}> ({parts.reviewed.isoformat()})"
    )


def main_faq_ask(argv: list[str], knowledge_dir: Path) -> int:
    """``powbot faq ask "question" [--lang nl|en] [--json]``; ``-`` reads questions from stdin
    (one per line) and prints one JSON object per line."""
    parser = argparse.ArgumentParser(prog="powbot faq ask", description="Ask the employer FAQ.")
    parser.add_argument("question", help='the question, or "-" to read one per line from stdin')
    parser.add_argument("--lang", choices=LANGS, default="nl", help="answer language")
    parser.add_argument("--json", action="store_true", help="print JSON")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        index = FaqIndex(load_faq(knowledge_dir))
    except KnowledgeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.question == "-":
        for line in sys.stdin:
            if line.strip():
                out = faq_ask_json(index, line.strip(), args.lang)
                print(json.dumps(out, ensure_ascii=False))
        return 0
    if args.json:
        print(json.dumps(faq_ask_json(index, args.question, args.lang), ensure_ascii=False))
    else:
        print(_plain(index, args.question, args.lang))
    return 0
