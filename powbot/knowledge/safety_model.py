"""The crisis detector's second layer: a small linear model for phrasings nobody wrote into
the phrases and patterns of safety/<lang>.yaml.

The rules (safety.py) are exact and explainable but only know what was written down; fresh
batches written after tuning scored 52-60 % recall on them alone. This model learns from
labelled messages (safety/examples.tsv: crisis messages with their kind, ordinary messages
labelled 'none', including ordinary messages that share crisis words) plus every phrase of
every language file, over word uni- and bigrams and character 2-5-grams of the normalised
text, so a new spelling, word order or inflection of a known crisis still scores high.

It reuses the FAQ classifier's machinery (classifier.py): a one-vs-rest linear SVM trained
with scikit-learn only when no cached model fits the examples (a hash of them as written, of
concepts.yaml and of the feature code: CrisisModel), scored with numpy. It is tuned for recall: a kind counts when its margin is above THRESHOLD (below 0,
the SVM's own boundary), chosen on two-fold runs over the dev batches in
bench/data/understanding/heldout/ so that ordinary questions almost never cross it.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections.abc import Callable, Iterable
from itertools import pairwise
from pathlib import Path

from powbot.knowledge.classifier import Doc, InstrumentClassifier
from powbot.knowledge.errors import KnowledgeError
from powbot.knowledge.safety_concepts import Concepts
from powbot.knowledge.safety_text import normalise

NONE = "none"
# A kind's margin above this raises crisis help. Three-fold runs over the dev batches and
# ordinary.tsv (each fold left out of training; bench/data/understanding/heldout/): on the
# first fold set rules alone caught 52 % of unseen crisis messages, rules + model 74 %. With
# the rules since tuned on those batches, the model still adds ~10 % of unseen crisis
# messages at 0.3, costing 0.9 % of unseen short chat messages and 2 % of unseen hard
# negatives (ordinary messages sharing crisis words); at 0.2: +10 % for 2.8 % and 3.6 %,
# at 0.0: +12.5 % for 6 % and 8 %. Long questions (the FAQ sets) stay near 0 %.
THRESHOLD = 0.3
# Between this and THRESHOLD the message gets the 'possible crisis' line (the normal reply goes
# on): a false alarm there costs one line. Chosen with `python bench/safety_cv.py` (5 folds of
# examples.tsv, 2026-12-07, whole detector): at 0.0 recall 96.8 %, at -0.2 97.9 %, at -0.4
# 98.6 %, for possible lines on 3.7 %, 7.1 % and 12.1 % of the held-out 'none' examples
# (mostly hard negatives); full alarms stay at 94.2 % recall and 1.0 % false alarms.
# Round 6 (7,557 examples, dev11 in): at -0.2 recall 99.0 %, at -0.3 99.3 %, at -0.4 99.5 %, for
# possible lines on 10.0 %, 11.6 % and 14.1 %; full alarms unchanged (88.3 %, 0.3 %). Fresh
# batches' recall is 82-99 %, but -0.3 gave 'ik ga dood van het lachen' the 113 line (model
# alone at -0.27; tests/features/understanding/test_crisis_conversations.py), so it stays at -0.2.
POSSIBLE_THRESHOLD = -0.2


class _CrisisSvm(InstrumentClassifier):
    """The same linear SVM as the FAQ's; its own settings go into the cache key."""

    C = 1.0
    CHAR_NGRAMS = (2, 5)
    MIN_DF = 2
    WEIGHTS = "float32"


Tagger = Callable[[str], frozenset[str]]


def doc(plain: str, tags: Iterable[str] = ()) -> Doc:
    """Word unigrams and bigrams, the meaning components (safety_concepts.py) and their pairs,
    plus the text itself (for character n-grams)."""
    words = plain.split()
    return [*words, *(f"{a} {b}" for a, b in pairwise(words)), *Concepts.features(tags)], plain


class CrisisModel:
    """Which crisis kinds a normalised message points to, according to the model.

    Built on first use, not at content load: processes that never read free text (the CLI's
    other commands, knowledge checks) pay nothing; with a cache folder (use_cache_dir) a
    start loads the saved arrays instead of training (~100k features).

    `examples` are normalised (text, kind) pairs; `raw_examples` are pairs as written
    (examples.tsv), normalised only if the model is trained (~0.27 s for ~20,000 of them);
    `ordinary` are texts as written that train the `none` class (the bot's answer labels:
    safety_labels.py) unless an example gives the same text a crisis kind.
    `tagger_key` names the tagger's content (safety.py: a hash of concepts.yaml). With it the
    cache key is a hash of the raw inputs (the examples, that name, the code that makes the
    features) and a start with a warm cache tags and normalises no example; without it (a
    tagger nobody named) the key is computed from the tagged examples, as the FAQ's is."""

    def __init__(
        self,
        examples: Iterable[tuple[str, str]],
        tagger: Tagger | None = None,
        *,
        tagger_key: str | None = None,
        raw_examples: Iterable[tuple[str, str]] = (),
        ordinary: Iterable[str] = (),
    ) -> None:
        self._pairs = sorted(set(examples))  # stable order: the cache key depends on it
        self._raw = sorted(set(raw_examples))
        self._ordinary = sorted(set(ordinary))
        self._tag: Tagger = tagger or (lambda _plain: frozenset())
        self._tagger_key = "no tagger" if tagger is None else tagger_key
        self._svm: _CrisisSvm | None = None
        self._lock = threading.Lock()

    def inputs_key(self) -> str | None:
        """The hash the cache key is made from (None: the tagged examples are hashed)."""
        code = _code_fingerprint()
        if self._tagger_key is None or code is None:
            return None
        digest = hashlib.sha256(f"{code}|{self._tagger_key}\n".encode())
        for text, kind in self._pairs:
            digest.update(f"{text}\x1f{kind}\n".encode())
        digest.update(b"\x1dnot normalised\n")
        for text, kind in self._raw:
            digest.update(f"{text}\x1f{kind}\n".encode())
        digest.update(b"\x1dordinary unless a crisis example\n")
        for text in self._ordinary:
            digest.update(f"{text}\n".encode())
        return digest.hexdigest()

    def _training(self) -> tuple[list[Doc], list[str]]:
        """Every example normalised and tagged, once each, in a stable order; their kinds.
        An `ordinary` text that an example or phrase gives a crisis kind is left out."""
        found = {*self._pairs, *((normalise(text), kind) for text, kind in self._raw)}
        crisis = {text for text, kind in found if kind != NONE}
        ordinary = {normalise(text) for text in self._ordinary} - crisis
        pairs = sorted(found | {(text, NONE) for text in ordinary if text})
        return [doc(t, self._tag(t)) for t, _ in pairs], [k for _, k in pairs]

    @property
    def svm(self) -> _CrisisSvm:
        if self._svm is None:
            with self._lock:  # two threads asking at once train once
                if self._svm is None:
                    key = self.inputs_key()
                    if key is None:
                        self._svm = _CrisisSvm(*self._training())
                    else:
                        kinds = {kind for _, kind in (*self._pairs, *self._raw)}
                        kinds |= {NONE} if self._ordinary else set()
                        self._svm = _CrisisSvm.from_inputs(key, kinds, self._training)
                    # the built model needs none of them
                    self._pairs, self._raw, self._ordinary = [], [], []
        return self._svm

    @property
    def trained(self) -> bool:
        """Whether building this model ran the training (False: loaded from the cache)."""
        return self.svm.trained

    def kinds(self, plain: str, threshold: float = THRESHOLD) -> tuple[str, ...]:
        """Kinds whose margin is above the threshold, the strongest first."""
        if not plain:
            return ()
        margins = self.svm.margins(doc(plain, self._tag(plain)))
        margins.pop(NONE, None)
        above = [kind for kind, margin in margins.items() if margin > threshold]
        return tuple(sorted(above, key=lambda kind: -margins[kind]))

    def best(self, plain: str, tags: frozenset[str] | None = None) -> tuple[str, float]:
        """The strongest crisis kind and its margin."""
        margins = self.svm.margins(doc(plain, self._tag(plain) if tags is None else tags))
        margins.pop(NONE, None)
        kind = max(margins, key=lambda k: margins[k])
        return kind, margins[kind]

    def margins(self, plain: str, tags: frozenset[str]) -> dict[str, float]:
        """Every crisis kind's margin (one scoring of the text)."""
        margins = self.svm.margins(doc(plain, tags))
        margins.pop(NONE, None)
        return margins

    def scores(self, plain: str, tags: frozenset[str]) -> dict[str, float]:
        """Every crisis kind's margin and, under NONE, the ordinary class's (one scoring)."""
        return self.svm.margins(doc(plain, tags))

    def margin(self, plain: str) -> float:
        """The strongest crisis margin (for the bench and tests)."""
        margins = self.svm.margins(doc(plain, self._tag(plain)))
        margins.pop(NONE, None)
        return max(margins.values(), default=float("-inf"))


# The code that turns a normalised message into the model's features: the docs (doc() here),
# the concept tagger and its tables (safety_concepts.py), the normalisation of the stems
# (safety_text.py) and the vectorisers (classifier.py). Their source goes into the cache key:
# a change to any of them retrains once, as a content change does.
_FEATURE_CODE = ("safety_model.py", "safety_concepts.py", "safety_text.py", "classifier.py")


@functools.cache
def _code_fingerprint() -> str | None:
    """A hash of the feature code's source (None if it cannot be read: hash the docs then)."""
    digest = hashlib.sha256()
    try:
        for name in _FEATURE_CODE:
            digest.update((Path(__file__).parent / name).read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


def read_examples(file: Path, kinds: Iterable[str]) -> list[tuple[str, str]]:
    """text<TAB>kind lines (a header and '#' comment lines allowed); unknown kinds refused
    with the line number. An empty `kinds` accepts any kind (for reading only)."""
    allowed = {*kinds, NONE}
    rows: list[tuple[str, str]] = []
    if not file.is_file():
        return rows
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line == "text\tkind":
            continue
        row = line.split("\t")
        if len(row) != 2 or not row[0].strip() or (len(allowed) > 1 and row[1] not in allowed):
            raise KnowledgeError(file, f"line {number}", f"needs text<TAB>one of {sorted(allowed)}")
        rows.append((row[0], row[1]))
    return rows
