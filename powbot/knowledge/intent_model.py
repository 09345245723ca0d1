"""The intents' second layer: a small linear model for wordings nobody wrote into the word
lists of understanding.yaml.

The word lists (features/understanding/intents.py) are exact, but a blind set scored 65 %
on them, 75 % after tuning: a list does not carry over to new wording ("geen robot, ik wil
iemand aan de lijn", "welke knoppen moet ik drukken"). This model learns from example
messages per intent (content/intents/<lang>.tsv: text<TAB>intent, one file per language,
`none` for look-alikes that are no intent) against a large `none` class of ordinary messages
the content already holds: every example question of the FAQ, the ordinary examples of the
crisis model (safety/examples.tsv) and the bot's own answer labels (safety_labels.py).

It reuses the FAQ classifier's machinery (classifier.py): a one-vs-rest linear SVM over word
uni- and bigrams and character 2-5-grams, trained with scikit-learn only when no cached model
fits its inputs (a hash of the files as written, plus the caller's key for its filter and
this module's code), scored with numpy. Which margin is enough is the caller's decision
(features/understanding/intent_guess.py).
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

from powbot.knowledge.classifier import Doc, InstrumentClassifier
from powbot.knowledge.errors import KnowledgeError
from powbot.knowledge.loading import parse_yaml
from powbot.knowledge.safety_labels import label_files, label_texts
from powbot.knowledge.text import normalise

NONE = "none"
INTENTS = ("greeting", "human", "help", "language", "stop", "menu", "vacancy", "jobs")
FOLDER = "intents"
# Ordinary messages of other content: the crisis model's examples (only their `none` rows).
SAFETY_EXAMPLES = Path("safety") / "examples.tsv"
FAQ = "faq"
INTENT_WEIGHT = 6
# Ordinary texts longer than this skip the caller's rules (none of them looks that far).
LONG = 24

# A text that the caller's exact rules already call an intent is no ordinary message (the
# crisis model's `none` rows hold 'hoi' and 'ik wil met een mens praten': not a crisis).
Keep = Callable[[str], bool]


class _IntentSvm(InstrumentClassifier):
    """The same linear SVM as the FAQ's; its own settings go into the cache key."""

    C = 0.5
    CHAR_NGRAMS = (2, 5)
    MIN_DF = 1
    WEIGHTS = "float32"


def doc(plain: str) -> Doc:
    """Word unigrams and bigrams, plus the text itself (for character n-grams)."""
    words = plain.split()
    return [*words, *(f"{a} {b}" for a, b in pairwise(words))], plain


class IntentModel:
    """Each intent's margin for a normalised message (above 0: the SVM says "this one").

    Built on first use, not at content load: processes that never read free text pay
    nothing; with a cache folder (classifier.use_cache_dir) a start loads the saved arrays.
    `keep` filters the ordinary texts (only when training); `keep_key` names it in the
    cache key (the caller's rules and word lists), so a change to them retrains once."""

    def __init__(self, directory: Path, keep: Keep, keep_key: str) -> None:
        self._directory = directory
        self._keep = keep
        self._keep_key = keep_key
        self._svm: _IntentSvm | None = None
        self._lock = threading.Lock()

    def inputs_key(self) -> str:
        """A hash of every file the training reads, the caller's filter and this code."""
        digest = hashlib.sha256(f"{_code_fingerprint()}|{self._keep_key}\n".encode())
        for file in _input_files(self._directory):
            digest.update(f"{file.relative_to(self._directory)}\x1f".encode())
            digest.update(file.read_bytes())
        return digest.hexdigest()

    def _training(self) -> tuple[list[Doc], list[str]]:
        """The examples, and every ordinary text as `none` unless an example names it or
        the caller's rules call it an intent; each text once, in a stable order."""
        examples: dict[str, str] = {}
        for text, intent in read_examples(self._directory / FOLDER):
            plain = normalise(text)
            if plain and examples.get(plain, NONE) == NONE:
                examples[plain] = intent
        for text in ordinary_texts(self._directory):
            plain = normalise(text)
            if plain and plain not in examples and (len(plain.split()) > LONG or self._keep(text)):
                examples[plain] = NONE
        pairs = sorted(examples.items())
        # An intent example counts INTENT_WEIGHT times: a few hundred of them against ~14,000
        # ordinary messages would otherwise leave every intent's margin low.
        weighted = [p for p in pairs for _ in range(1 if p[1] == NONE else INTENT_WEIGHT)]
        return [doc(text) for text, _ in weighted], [intent for _, intent in weighted]

    @property
    def svm(self) -> _IntentSvm:
        if self._svm is None:
            with self._lock:  # two threads asking at once train once
                if self._svm is None:
                    self._svm = _IntentSvm.from_inputs(
                        self.inputs_key(), (*INTENTS, NONE), self._training
                    )
        return self._svm

    def margins(self, plain: str) -> dict[str, float]:
        """Every intent's margin and, under NONE, the ordinary class's (one scoring)."""
        return self.svm.margins(doc(plain))


def read_examples(folder: Path) -> list[tuple[str, str]]:
    """Every <lang>.tsv in the folder: text<TAB>intent lines ('#' comments and a header
    allowed); an unknown intent is refused with its file and line."""
    allowed = {*INTENTS, NONE}
    rows: list[tuple[str, str]] = []
    for file in sorted(folder.glob("*.tsv")) if folder.is_dir() else []:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#") or line == "text\tintent":
                continue
            row = line.split("\t")
            if len(row) != 2 or not row[0].strip() or row[1] not in allowed:
                raise KnowledgeError(
                    file, f"line {number}", f"needs text<TAB>one of {sorted(allowed)}"
                )
            rows.append((row[0], row[1]))
    return rows


def ordinary_texts(directory: Path) -> list[str]:
    """Messages that ask for no intent: the FAQ's example questions, the crisis model's
    ordinary examples and the bot's answer labels."""
    texts = [question for file in _faq_files(directory) for question in _questions(file)]
    safety = directory / SAFETY_EXAMPLES
    if safety.is_file():
        for line in safety.read_text(encoding="utf-8").splitlines():
            text, _, kind = line.partition("\t")
            if kind == NONE and not text.startswith("#"):
                texts.append(text)
    return texts + label_texts(directory)


def _faq_files(directory: Path) -> list[Path]:
    return sorted((directory / FAQ).glob("*.yaml"))


def _questions(file: Path) -> Iterator[str]:
    yield from _question_lists(parse_yaml(file.read_text(encoding="utf-8")))


def _question_lists(node: Any) -> Iterator[str]:
    """The strings of every `questions:` list, at any depth (entries and out-of-scope topics)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "questions" and isinstance(value, list):
                yield from (str(q) for q in value if isinstance(q, str) and q.strip())
            else:
                yield from _question_lists(value)
    elif isinstance(node, list):
        for item in node:
            yield from _question_lists(item)


def _input_files(directory: Path) -> list[Path]:
    folder = directory / FOLDER
    files = sorted(folder.glob("*.tsv")) if folder.is_dir() else []
    files += _faq_files(directory) + label_files(directory)
    safety = directory / SAFETY_EXAMPLES
    return files + ([safety] if safety.is_file() else [])


# The code that turns a message into the model's features: the docs (doc() here), the
# normaliser and the vectorisers. A change to any of them retrains once.
_FEATURE_CODE = ("intent_model.py", "text.py", "classifier.py")


@functools.cache
def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    for name in _FEATURE_CODE:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()
