"""Which instrument a question is about: a linear classifier trained on the FAQ's examples.

The lexical retriever in ``faq.py`` scores words; it cannot learn that "half zo snel" and
"lager tempo" point the same way unless a word list says so, and a rare word in a single
example question pulls hard towards that entry. A linear support vector machine trained on
all example questions (each labelled with its entry's instrument, out-of-scope topics with
their own label) weighs every word and character n-gram against all instruments at once, so
it generalises from the ~1,000 examples instead of matching them one by one.

Features: the retriever's normalised tokens (synonyms, abbreviations, stems, compound parts,
typo fixes) plus character n-grams of the folded text (robust to spelling and to Dutch
compounds the word lists do not know). The model is trained when the index is built (about a
second) and never saved: the YAML files stay the only source of truth.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.sparse import hstack
from sklearn import config_context
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

# A document is (normalised tokens, folded text): the caller tokenises once for both the
# retriever and the classifier.
Doc = tuple[Sequence[str], str]


def _tokens(doc: Doc) -> Sequence[str]:
    return doc[0]


def _text(doc: Doc) -> str:
    return doc[1]


class InstrumentClassifier:
    """One-vs-rest linear SVM; ``margins`` gives each label's signed distance to its
    decision boundary (above 0: the model says "this label"; around 1 or more: confident)."""

    C = 1.0  # regularisation; 0.5-2 score the same on the tuned-on sets in bench/data
    CHAR_NGRAMS = (2, 5)

    def __init__(self, docs: Sequence[Doc], labels: Sequence[str]) -> None:
        self.labels = sorted(set(labels))
        self._pipeline: Pipeline | None = None
        self._vectorizers: list[TfidfVectorizer] = []
        self._weights = np.zeros((0, 0))
        self._intercept = np.zeros(0)
        if len(self.labels) < 2:
            return  # nothing to choose between (a one-instrument knowledge base)
        features = FeatureUnion(
            [
                ("words", TfidfVectorizer(analyzer=_tokens, sublinear_tf=True)),
                (
                    "chars",
                    TfidfVectorizer(
                        analyzer="char_wb",
                        preprocessor=_text,
                        ngram_range=self.CHAR_NGRAMS,
                        sublinear_tf=True,
                    ),
                ),
            ]
        )
        self._pipeline = Pipeline(
            [("features", features), ("svm", LinearSVC(C=self.C, random_state=0))]
        )
        self._pipeline.fit(list(docs), list(labels))
        self.labels = [str(c) for c in self._pipeline.classes_]
        # For one question, the pipeline's own decision_function spends much of its time in
        # joblib and input checks; ``margins`` computes the same linear function directly.
        self._vectorizers = [vectorizer for _, vectorizer in features.transformer_list]
        svm = self._pipeline.named_steps["svm"]
        self._weights = np.asarray(svm.coef_).T
        self._intercept = np.asarray(svm.intercept_)

    def margins(self, doc: Doc) -> dict[str, float]:
        if self._pipeline is None:
            return {label: 1.0 for label in self.labels}
        # The vectorizers were fitted here on validated text: skip the per-call checks.
        with config_context(assume_finite=True, skip_parameter_validation=True):
            parts = [vectorizer.transform([doc]) for vectorizer in self._vectorizers]
        x = hstack(parts).tocsr()
        values = np.asarray(x @ self._weights)[0] + self._intercept
        if len(self.labels) == 2:  # binary SVM: one value, positive means the second label
            return {self.labels[0]: -float(values[0]), self.labels[1]: float(values[0])}
        return {label: float(v) for label, v in zip(self.labels, values, strict=True)}
