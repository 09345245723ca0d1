"""Which instrument a question is about: a linear classifier trained on the FAQ's examples.

The lexical retriever in ``faq.py`` scores words; it cannot learn that "half zo snel" and
"lager tempo" point the same way unless a word list says so, and a rare word in a single
example question pulls hard towards that entry. A linear support vector machine trained on
all example questions (each labelled with its entry's instrument, out-of-scope topics with
their own label) weighs every word and character n-gram against all instruments at once, so
it generalises from the ~1,000 examples instead of matching them one by one.

Features: the retriever's normalised tokens (synonyms, abbreviations, stems, compound parts,
typo fixes) plus character n-grams of the folded text (robust to spelling and to Dutch
compounds the word lists do not know), each TF-IDF weighted (sublinear tf, l2 norm).

Trained once per content, not at every start. Training (scikit-learn, imported only then)
takes a second on the real base and most of a minute on a 5,000-entry one; its result is a
few arrays (vocabularies, idf, weights), saved in the cache folder under a hash of the
training input: the documents *as the classifier sees them* (normalised tokens and folded
text) with their labels and the settings below. Any change to the FAQ content, synonyms or
normaliser changes that hash, so the next start retrains; the YAML files stay the only source
of truth and the cache file can always be deleted. A caller whose docs are costly to make
(the crisis model tags every example) builds with ``from_inputs``: a hash of its raw inputs
stands in for the docs, which are made only to train. A missing, unreadable or corrupt cache
file means: train and write it again. Scoring uses numpy only (no scikit-learn, no SciPy).

The cache folder is set once per process with ``use_cache_dir`` (the CLI does it from the
settings: POWBOT_CACHE_DIR, or a ``cache`` folder next to the SQLite file); without one,
nothing is saved and every build trains, as the tests do. Note for whoever restructures
``faq.py``: the call ``InstrumentClassifier(docs, labels)`` is the whole interface; the cache
needs nothing else from the caller.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:
    import numpy as np

from powbot.knowledge.classifier_store import FORMAT, TrainedArrays, load, save, training_lock

log = logging.getLogger(__name__)

# A document is (normalised tokens, folded text): the caller tokenises once for both the
# retriever and the classifier.
Doc = tuple[Sequence[str], str]

_cache_dir: Path | None = None


def use_cache_dir(path: Path | None) -> Path | None:
    """Where trained models are kept in this process (None: nowhere, train every time).
    Returns the folder used until now, so a caller can put it back."""
    global _cache_dir
    previous, _cache_dir = _cache_dir, path
    return previous


def _tokens(doc: Doc) -> Sequence[str]:
    return doc[0]


def _text(doc: Doc) -> str:
    return doc[1]


def char_ngrams(text: str, low: int, high: int) -> list[str]:
    """Character n-grams inside word boundaries, each word padded with a space: exactly
    scikit-learn's ``analyzer="char_wb"`` (its whitespace folding is what ``split`` does)."""
    grams: list[str] = []
    append = grams.append
    for word in text.split():
        w = f" {word} "
        size = len(w)
        for n in range(low, high + 1):
            offset = 0
            append(w[:n])
            while offset + n < size:
                offset += 1
                append(w[offset : offset + n])
            if offset == 0:  # a short word counts once
                break
    return grams


@dataclass
class _Vectorizer:
    """One TF-IDF feature block for scoring: its terms as their hashes (this process's
    ``hash()``, sorted; a term's column is its position in them plus ``offset``) and their
    idf in the same order. A dict from term to column cost ~130 bytes a term (the string, the
    entry, the column's int); the hashes cost 8: the crisis model's ~100k terms take 0.8 MB
    instead of 13. Two terms with the same 64-bit hash are the price: with ~100k terms, one
    chance in ~10^14 per looked-up n-gram of counting a feature the message does not have."""

    hashes: np.ndarray  # int64, sorted
    idf: np.ndarray
    offset: int

    def transform(self, terms: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
        import numpy as np

        hashes = self.hashes
        keys = np.fromiter(map(hash, terms), dtype=np.int64)
        if not keys.size or not hashes.size:
            return np.zeros(0, dtype=np.intp), np.zeros(0)
        at = np.minimum(np.searchsorted(hashes, keys), hashes.size - 1)
        columns, tf = np.unique(at[hashes[at] == keys], return_counts=True)
        if not columns.size:
            return np.zeros(0, dtype=np.intp), np.zeros(0)
        values = (np.log(tf) + 1.0) * self.idf[columns]  # sublinear tf times idf
        norm = math.sqrt(float(values @ values))
        return columns + self.offset, values / norm if norm else values


@dataclass
class _Model:
    """The model as it scores (see _compact)."""

    labels: list[str]
    words: _Vectorizer
    chars: _Vectorizer
    weights: np.ndarray  # (features, labels) for one-vs-rest; (features, 1) when binary
    intercept: np.ndarray


class InstrumentClassifier:
    """One-vs-rest linear SVM; ``margins`` gives each label's signed distance to its
    decision boundary (above 0: the model says "this label"; around 1 or more: confident).

    ``trained`` says whether this instance ran the training (False: loaded from the cache).
    """

    C = 1.0  # regularisation; 0.5-2 score the same on the tuned-on sets in bench/data
    CHAR_NGRAMS = (2, 5)
    MIN_DF = 1  # features seen in fewer examples than this are left out (model size)
    WEIGHTS = "float64"  # "float32" halves the weights in memory (margins differ by ~1e-7)

    def __init__(
        self, docs: Sequence[Doc], labels: Sequence[str], *, cache_dir: Path | None = None
    ) -> None:
        self._build(
            labels, cache_dir, lambda: self.content_key(docs, labels), lambda: (docs, labels)
        )

    @classmethod
    def from_inputs(
        cls,
        inputs_key: str,
        labels: Iterable[str],
        make: Callable[[], tuple[Sequence[Doc], Sequence[str]]],
        *,
        cache_dir: Path | None = None,
    ) -> Self:
        """For docs that are costly to make (the crisis model tags ~20,000 examples: ~0.4 s):
        `inputs_key` hashes the raw inputs they are made from and stands in for them in the
        cache key (the caller sees to it that it changes whenever they would); `labels` are
        the labels that occur; `make` gives the docs and their labels, called only to train."""
        model = cls.__new__(cls)
        model._build(labels, cache_dir, lambda: cls.settings_key(inputs_key), make)
        return model

    def _build(
        self,
        labels: Iterable[str],
        cache_dir: Path | None,
        key_of: Callable[[], str],
        make: Callable[[], tuple[Sequence[Doc], Sequence[str]]],
    ) -> None:
        self.labels = sorted(set(labels))
        self.trained = False
        self._model: _Model | None = None
        if len(self.labels) < 2:
            return  # nothing to choose between (a one-instrument knowledge base)
        folder = cache_dir if cache_dir is not None else _cache_dir
        key = key_of()
        if folder is None:
            arrays = _train_apart(type(self), *make())
            self.trained = True
        else:
            with training_lock(folder, key):  # processes starting together train once
                cached = load(folder, key)
                if cached is None:
                    cached = _train_apart(type(self), *make())
                    self.trained = True
                    save(folder, key, cached)
            arrays = cached
        self._model = _compact(arrays)  # empties `arrays`
        self.labels = self._model.labels

    @classmethod
    def settings(cls) -> str:
        """The training settings and the cache format, as they go into the cache key."""
        return f"{FORMAT}|{cls.C}|{cls.CHAR_NGRAMS}|{cls.MIN_DF}|{cls.WEIGHTS}"

    @classmethod
    def content_key(cls, docs: Sequence[Doc], labels: Sequence[str]) -> str:
        """A hash of everything training depends on: the settings, the docs and labels."""
        digest = hashlib.sha256(f"{cls.settings()}\n".encode())
        for (tokens, text), label in zip(docs, labels, strict=True):
            digest.update("\x1e".join(tokens).encode())
            digest.update(f"\x1f{text}\x1f{label}\n".encode())
        return digest.hexdigest()

    @classmethod
    def settings_key(cls, inputs_key: str) -> str:
        """The cache key from a caller's hash of its raw inputs plus the settings."""
        return hashlib.sha256(f"inputs|{cls.settings()}|{inputs_key}".encode()).hexdigest()

    @classmethod
    def _train(cls, docs: Sequence[Doc], labels: Sequence[str]) -> TrainedArrays:
        import numpy as np

        # Heavy imports (~0.9 s, ~90 MB) only when there is something to train.
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import FeatureUnion, Pipeline
        from sklearn.svm import LinearSVC

        words = TfidfVectorizer(analyzer=_tokens, sublinear_tf=True, min_df=cls.MIN_DF)
        chars = TfidfVectorizer(
            analyzer="char_wb",
            preprocessor=_text,
            ngram_range=cls.CHAR_NGRAMS,
            sublinear_tf=True,
            min_df=cls.MIN_DF,
        )
        pipeline = Pipeline(
            [
                ("features", FeatureUnion([("words", words), ("chars", chars)])),
                ("svm", LinearSVC(C=cls.C, random_state=0)),
            ]
        )
        pipeline.fit(list(docs), list(labels))
        svm = pipeline.named_steps["svm"]
        return TrainedArrays(
            labels=[str(c) for c in pipeline.classes_],
            word_terms=_terms(words.vocabulary_),
            word_idf=np.asarray(words.idf_),
            char_terms=_terms(chars.vocabulary_),
            char_idf=np.asarray(chars.idf_),
            weights=np.ascontiguousarray(np.asarray(svm.coef_).T, dtype=cls.WEIGHTS),
            intercept=np.asarray(svm.intercept_, dtype=np.float64),
        )

    def margins(self, doc: Doc) -> dict[str, float]:
        model = self._model
        if model is None:
            return {label: 1.0 for label in self.labels}
        low, high = self.CHAR_NGRAMS
        word_cols, word_values = model.words.transform(doc[0])
        char_cols, char_values = model.chars.transform(char_ngrams(doc[1], low, high))
        weights = model.weights
        values = word_values @ weights[word_cols] + char_values @ weights[char_cols]
        values = values + model.intercept
        if len(self.labels) == 2:  # binary SVM: one value, positive means the second label
            return {self.labels[0]: -float(values[0]), self.labels[1]: float(values[0])}
        return {label: float(v) for label, v in zip(self.labels, values, strict=True)}


def _train_apart(
    cls: type[InstrumentClassifier], docs: Sequence[Doc], labels: Sequence[str]
) -> TrainedArrays:
    """Train in a child process: scikit-learn and SciPy (~90 MB) would otherwise stay in
    this process's memory until it ends, although after a content change they are needed
    for this one training only. A fresh interpreter (not multiprocessing, which re-imports
    the caller's main module); if it cannot run, train here: a model must always load."""
    import pickle
    import subprocess
    import sys

    root = str(Path(__file__).resolve().parents[2])  # this copy of powbot, not another one
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])),
    }
    try:
        done = subprocess.run(
            [sys.executable, "-m", "powbot.knowledge.classifier_child"],
            input=pickle.dumps((cls, list(docs), list(labels))),
            capture_output=True,
            check=True,
            env=env,
            timeout=900,
        )
        arrays: TrainedArrays = pickle.loads(done.stdout)  # our own child's answer
        return arrays
    except (OSError, subprocess.SubprocessError, pickle.UnpicklingError, EOFError) as error:
        log.warning("training in a child process failed (%s); training in this one", error)
        return cls._train(docs, labels)


def _terms(vocabulary: dict[str, Any]) -> np.ndarray:
    """The terms in column order, as one unicode array (saved without pickle)."""
    import numpy as np

    terms = [""] * len(vocabulary)
    for term, column in vocabulary.items():
        terms[int(column)] = str(term)
    return np.array(terms, dtype=str)


def _compact(arrays: TrainedArrays) -> _Model:
    """The scoring form: each block's terms replaced by their sorted hashes, its idf and its
    weight rows put in the same order (the margins are the same up to float rounding).
    Takes the terms and weights out of `arrays` as it goes: the terms (~6 MB as unicode
    arrays) are gone before the weights are copied, which keeps the load's peak and the
    memory it leaves behind in the process ~4 MB lower."""
    import numpy as np

    n_words = len(arrays.word_terms)
    word_hashes, word_order = _hashes(arrays.word_terms)
    char_hashes, char_order = _hashes(arrays.char_terms)
    arrays.word_terms = arrays.char_terms = np.zeros(0, dtype=str)
    words = _Vectorizer(word_hashes, arrays.word_idf[word_order], 0)
    chars = _Vectorizer(char_hashes, arrays.char_idf[char_order], n_words)
    weights, arrays.weights = arrays.weights, np.zeros((0, 1))
    weights = weights[np.concatenate([word_order, char_order + n_words])]
    return _Model(arrays.labels, words, chars, weights, arrays.intercept)


def _hashes(terms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The terms' hashes, sorted, and the order that sorts them. A few thousand strings at a
    time: the ~100k Python strings are never all in memory at once."""
    import numpy as np

    hashes = np.empty(len(terms), dtype=np.int64)
    step = 4096
    for start in range(0, len(terms), step):
        chunk = terms[start : start + step].tolist()
        hashes[start : start + len(chunk)] = np.fromiter(map(hash, chunk), np.int64, len(chunk))
    order = np.argsort(hashes, kind="stable")
    return hashes[order], order
