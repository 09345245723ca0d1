"""The crisis detector: does a message point to suicide or self-harm, danger at home, no place
to sleep, no food, an acute money emergency or a medical emergency — in any language we have
phrases for (knowledge/content/safety/<lang>.yaml)?

Tuned for recall: a false alarm costs a kind message, a miss can cost a life. Matching is
cheap (well under a millisecond for a chat message): text is normalised (case, accents,
punctuation, repeated letters, Arabic/Persian letter forms), long words with a typo are
corrected to the nearest word of the phrase vocabulary, then phrases are looked up as whole
words and the per-language regular expressions run over the same text. When no rule fires, a
small linear model (safety_model.py, trained on safety/examples.tsv and every phrase) gets
the same text: it catches phrasings nobody wrote into the rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from powbot.knowledge.errors import KnowledgeError
from powbot.knowledge.safety_concepts import EMPTY, Concepts, load_concepts
from powbot.knowledge.safety_labels import label_files, label_texts
from powbot.knowledge.safety_language import (
    KINDS,
    SafetyLanguage,
    load_language,
    read_yaml,
)
from powbot.knowledge.safety_model import CrisisModel, read_examples
from powbot.knowledge.safety_text import normalise, script_language
from powbot.knowledge.safety_tiers import DANGER_KINDS, decide

__all__ = ["KINDS", "SafetyContent", "SafetyHit", "SafetyLanguage", "load_safety", "normalise"]

REQUIRED_LANGUAGES = ("nl", "en")
CONCEPTS = "concepts"  # safety/concepts.yaml: the meaning components, not a language
MAX_SCAN = 2000  # characters looked at (messages are capped well below this anyway)

# The model judges sentences, not the short answers typed at a form's step ("heel veel",
# "24 uur", "fiets, bus"): below this many words only the phrases and patterns count.
MODEL_MIN_WORDS = 3


@dataclass(frozen=True)
class SafetyHit:
    kinds: tuple[str, ...]  # in KINDS order
    language: str  # the language whose phrases matched (the help is given in it)
    about_other: bool  # the message is about someone else (an employee, a friend, ...)
    by_model: bool = False  # no phrase or pattern matched; the crisis model did
    # A weaker signal: the normal reply goes on, with one line naming the help (possible_text).
    possible: bool = False


@dataclass
class SafetyContent:
    languages: dict[str, SafetyLanguage]
    model: CrisisModel | None = None
    concepts: Concepts = EMPTY
    # first word -> [(phrase words, kind, language)]
    _index: dict[str, list[tuple[tuple[str, ...], str, str]]] = field(default_factory=dict)
    _vocabulary: list[str] = field(default_factory=list)
    _known: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        for language in self.languages.values():
            for kind, phrases in language.phrases.items():
                for words in phrases:
                    self._index.setdefault(words[0], []).append((words, kind, language.code))
        known = {word for entries in self._index.values() for e in entries for word in e[0]}
        known |= {word for lang in self.languages.values() for word in lang.keep_words}
        self._known = frozenset(known)
        # Only words listed under `typos` are corrected: a word like 'starving' is one letter
        # from 'starting', so correcting towards every phrase word would raise false alarms.
        self._vocabulary = sorted(
            {word for lang in self.languages.values() for word in lang.typo_words}
        )
        self._correct = lru_cache(maxsize=20000)(self._correct_uncached)
        # Character trigrams of each language's phrases: which language a message the model
        # caught (and no phrase did) is written in, so the help comes in that language.
        self._trigrams = {
            code: frozenset(
                _trigrams(" ".join(" ".join(p) for ps in lang.phrases.values() for p in ps))
            )
            for code, lang in self.languages.items()
        }

    # ------------------------------------------------------------------ detection

    def check(self, text: str) -> SafetyHit | None:
        """The crisis kinds in this message (possible=True: a weaker signal), or None.

        Full alarm: a combination of meaning components marked `alarm`, a phrase or pattern
        the model backs, or the model above THRESHOLD. Possible: a component combination
        marked `possible`, a lone phrase or pattern, the model between POSSIBLE_THRESHOLD and
        THRESHOLD, or any of the above but a firm combination in a calm context (a vacancy,
        a lunch break, the past, a joke); see safety_tiers.py."""
        plain = normalise(text[:MAX_SCAN])
        if not plain:
            return None
        for language in self.languages.values():
            for phrase in language.exclude:
                if phrase in plain:
                    plain = f" {plain} ".replace(f" {phrase} ", " | ").strip()
        words = [self._correct(word) for word in plain.split()]
        fixed = " ".join(words)
        rules, votes = self._rule_hits(words, fixed)
        tags = self.concepts.tag(fixed)
        model = self.model
        scored: list[dict[str, float] | None] = []

        def scores() -> dict[str, float] | None:
            """The model's margins, scored once per message and only when asked for."""
            if not scored:
                short = model is None or len(words) < MODEL_MIN_WORDS
                scored.append(None if short or model is None else model.scores(fixed, tags))
            return scored[0]

        tiers = decide(rules, tags, self.concepts, scores)
        alarm, possible = tiers.alarm, tiers.possible
        kinds = alarm or possible
        if not kinds:
            return None
        script = script_language(fixed)
        if script in self.languages:  # Persian words in Arabic letters are Persian
            votes[script] = votes.get(script, 0) + 2
        if not votes:
            votes[self._guess_language(fixed)] = 1
        order = list(self.languages)
        best = max(votes, key=lambda code: (votes[code], -order.index(code)))
        about_other = self._about_other(fixed)
        ordered = tuple(k for k in KINDS if k in kinds)
        return SafetyHit(ordered, best, about_other, tiers.by_model, possible=not alarm)

    def _rule_hits(self, words: list[str], fixed: str) -> tuple[set[str], dict[str, int]]:
        """Kinds the phrases and patterns find, and per language how strongly it matched."""
        votes: dict[str, int] = {}
        kinds: set[str] = set()
        for kind, lang in self._phrase_hits(words):
            kinds.add(kind)
            votes[lang] = votes.get(lang, 0) + 2
        for language in self.languages.values():
            for kind, pattern in language.patterns.items():
                if pattern.search(fixed):
                    kinds.add(kind)
                    votes[language.code] = votes.get(language.code, 0) + 1
        return kinds, votes

    def _phrase_hits(self, words: list[str]) -> Iterable[tuple[str, str]]:
        for start, word in enumerate(words):
            for phrase, kind, lang in self._index.get(word, ()):
                if tuple(words[start : start + len(phrase)]) == phrase:
                    yield kind, lang

    def _guess_language(self, fixed: str) -> str:
        """The script first (Ethiopic: Tigrinya; Arabic letters: Persian when a Persian
        letter or word shows, else Arabic; Latin words with 2/3/5/7 for letters: Arabizi),
        else the language whose phrases share the most character trigrams (ties: nl, en)."""
        script = script_language(fixed)
        if script in self.languages:
            return script
        grams = _trigrams(fixed)
        scores = {code: len(grams & known) for code, known in self._trigrams.items()}
        return max(scores, key=lambda code: scores[code])  # dicts keep nl, en first on ties

    def _about_other(self, fixed: str) -> bool:
        """Clearly about someone else: another person is named and the writer does not
        speak about themselves ('mijn man slaat me' is about the writer)."""
        languages = self.languages.values()
        other = any(lang.others is not None and lang.others.search(fixed) for lang in languages)
        if not other:
            return False
        return not any(lang.myself is not None and lang.myself.search(fixed) for lang in languages)

    def _correct_uncached(self, word: str) -> str:
        """A word one typo away (two for 12+ letters) from a `typos` word becomes it."""
        if len(word) < 5 or word in self._known or word.isdigit() or not self._vocabulary:
            return word
        limit = 2 if len(word) >= 12 else 1
        match = process.extractOne(
            word, self._vocabulary, scorer=Levenshtein.distance, score_cutoff=limit
        )
        if match is None or (len(match[0]) < 12 and match[1] > 1):
            return word
        return str(match[0])

    # ------------------------------------------------------------------ help

    def language(self, code: str) -> SafetyLanguage | None:
        return self.languages.get(code)

    def help_text(
        self, code: str, hit: SafetyHit, places: dict[str, str], formal: bool = False
    ) -> str:
        """The crisis reply in one language: intro, 112 when life may be at risk, one line
        per kind. `places` fills {shelter}, {food} and {gemeente} from the region."""
        language = self.languages.get(code) or self.languages[REQUIRED_LANGUAGES[0]]
        lines = [_line(language.help, "intro_other" if hit.about_other else "intro", formal)]
        if DANGER_KINDS & set(hit.kinds):
            lines.append(language.help["danger"])
        lines += [_line(language.help, kind, formal).format(**places) for kind in hit.kinds]
        return "\n\n".join(lines)

    def possible_text(
        self, code: str, hit: SafetyHit, places: dict[str, str], formal: bool = False
    ) -> str:
        """The short addition for a possible crisis: one kind line under `help.possible`."""
        language = self.languages.get(code) or self.languages[REQUIRED_LANGUAGES[0]]
        kinds = "\n".join(_line(language.help, kind, formal).format(**places) for kind in hit.kinds)
        return f"{_line(language.help, 'possible', formal)}\n{kinds}"


# --------------------------------------------------------------------------- loading


# The content is immutable once loaded: one process (the test suite builds an app per test)
# reuses it while no file changed.
_CACHE: dict[tuple[object, ...], SafetyContent] = {}


def load_safety(directory: Path) -> SafetyContent:
    """Every safety/<lang>.yaml and examples.tsv, and the answer labels the model also learns
    from (safety_labels.py); the first problem raises KnowledgeError (file and field). Loaded
    again when one of them changed (its size or mtime)."""
    folder = directory / "safety"
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    examples = folder / "examples.tsv"
    key = (
        str(folder.resolve()),
        *((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files),
        (examples.stat().st_mtime_ns, examples.stat().st_size) if examples.is_file() else None,
        *((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in label_files(directory)),
    )
    cached = _CACHE.get(key)
    if cached is None:
        cached = _CACHE[key] = _load(folder, files)
    return cached


def _load(folder: Path, files: list[Path]) -> SafetyContent:
    languages: dict[str, SafetyLanguage] = {}
    for file in files:
        if file.stem != CONCEPTS:
            languages[file.stem] = load_language(file)
    for code in REQUIRED_LANGUAGES:
        if code not in languages:
            raise KnowledgeError(folder / f"{code}.yaml", "(file)", "missing")
    # Dutch and English first: on a tie the help comes in the bot's own languages.
    ordered = {code: languages[code] for code in REQUIRED_LANGUAGES}
    ordered.update({code: lang for code, lang in languages.items() if code not in ordered})
    phrases = [
        (" ".join(words), kind)
        for lang in ordered.values()
        for kind, phrases in lang.phrases.items()
        for words in phrases
    ]
    concepts = load_concepts(folder / f"{CONCEPTS}.yaml", KINDS, read_yaml)
    model = CrisisModel(
        phrases,
        concepts.tag,
        tagger_key=f"concepts {concepts.fingerprint}",
        # Checked now (a wrong kind names its line), normalised only if the model trains.
        raw_examples=read_examples(folder / "examples.tsv", KINDS),
        # The bot's own answer labels are ordinary messages wherever they are typed.
        ordinary=label_texts(folder.parent),
    )
    return SafetyContent(ordered, model, concepts)


def _trigrams(text: str) -> set[str]:
    padded = f" {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _line(texts: dict[str, str], key: str, formal: bool) -> str:
    """The text in "u" when asked for and the language has it, else the usual one."""
    return texts.get(f"{key}_formal", texts[key]) if formal else texts[key]
