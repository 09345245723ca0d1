"""Meaning components for the crisis detector: which building blocks of a crisis a message
has (a self-reference, wanting, dying; a partner or parent and hitting or threatening; 'no'
and a bed and tonight; hunger and days or children; eviction or a cut-off and a date; chest
pain, not breathing ...), in every language at once (safety/concepts.yaml).

Whole phrases only catch what someone wrote down; fresh wording mostly recombines the same
components. So the components serve twice: combinations of them are rules (`alarm`: crisis
help at once; `possible`: the normal reply plus one line naming the help for that kind), and
they are extra features for the crisis model (safety_model.py), so it learns 'partner +
threat' rather than one sentence. `calm` components (a vacancy, a lunch break, 'haha',
'vroeger', 'geregeld') turn a lone keyword hit into a possible one: "ik heb honger, wanneer
is de lunchpauze" gets a line about food help, not the full crisis reply.

Stem syntax (matched on safety.normalise()d text, folded the same way): `stem` matches words
that start with it, `=word` a whole word, `~part` anywhere (for Arabic and Persian, whose
prefixes are written onto the word). A stem may hold spaces.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ahocorasick

from powbot.knowledge.errors import KnowledgeError
from powbot.knowledge.safety_text import normalise

TIERS = ("alarm", "possible")
# The groups of components concepts.yaml may list (each a list of component names).
GROUPS = (
    "calm",
    "firm",
    "past",
    "present",
    "resolved",
    "joke",
    "earnest",
    "workplace",
    "planned",
    "arrears",
    "garnish",
    "acute",
)
# Round 17: what a boss 'does' in hyperbole ('is killing me'), and what makes it no hyperbole.
BOSS_VERBS = frozenset({"kill_threat", "die"})  # never "violence": a boss who hits is no joke
BOSS_BLOCKERS = frozenset(
    {"home_person", "want", "suicide_word", "nolive", "weapon", "screams", "afraid"}
    | {"stabbed", "injury", "bleed", "helpme", "kids", "locked", "police", "hiding"}
    | {"passport_taken", "controller", "fled", "phone_taken"}
)


@dataclass(frozen=True)
class Rule:
    kind: str
    tier: str
    needs: frozenset[str]


@dataclass(frozen=True)
class Concepts:
    # One-word stems are looked up per word (fast on long FAQ questions); stems with a space
    # and `~part` stems are searched in the text.
    words: dict[str, frozenset[str]]  # whole word -> components
    prefixes: dict[str, tuple[tuple[str, str], ...]]  # first two letters -> (stem, component)
    texts: tuple[tuple[str, str], ...]  # (" word word" / " whole phrase " / part, component)
    rules: tuple[Rule, ...]
    calm: frozenset[str]
    # Alarm combinations holding a `firm` component ('zelfmoord', 'unconscious') stay alarms
    # in a calm context; other combinations there become possible ones.
    firm: frozenset[str] = frozenset()
    # The past ('years ago') without a sign it is back ('again', 'tonight') or with a sign it is
    # over ('safe now'): every combination, firm ones too, gives at most the possible line.
    past: frozenset[str] = frozenset()
    present: frozenset[str] = frozenset()
    resolved: frozenset[str] = frozenset()
    # Laughter ('haha', 'lol', 😂): every combination, firm ones too, gives at most the line.
    joke: frozenset[str] = frozenset()
    # Round 17: 'not even joking', 'very serious' in the same message: no laughter softens it.
    earnest: frozenset[str] = frozenset()
    # Round 17: a boss or manager who is 'killing me' ('المدير عم يقتلني بتغيير الورديات') is
    # hyperbole, like laughter, unless the message names a partner, a weapon, fear ...
    workplace: frozenset[str] = frozenset()
    # Round 15: a planned cut-off or outage (maintenance, works on the mains, the whole street)
    # without a sign of arrears ('niet betaald', a debt, an eviction) is no money emergency.
    planned: frozenset[str] = frozenset()
    arrears: frozenset[str] = frozenset()
    # Round 16: a garnishment of the wage or benefit ('er ligt beslag op mijn loon') without a
    # sign that nothing is left to live on ('niks over', no food, the rent unpaid, the
    # bailiff at the door now) is a question about debts, no money emergency.
    garnish: frozenset[str] = frozenset()
    acute: frozenset[str] = frozenset()
    # `texts` as one Aho-Corasick automaton: a single pass over the message instead of one
    # substring search per needle (4,000+ of them, most of the detector's time).
    finder: Any = None
    # A hash of concepts.yaml: the crisis model's cache key stands for its tagged examples
    # by this (with the examples and the code), so a start need not tag them all.
    fingerprint: str = ""
    _rules_by_component: dict[str, list[tuple[int, Rule]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def tag(self, plain: str) -> frozenset[str]:
        """The components present in normalised text."""
        found: set[str] = set()
        for word in plain.split():
            found |= self.words.get(word, frozenset())
            for stem, name in self.prefixes.get(word[:2], ()):
                if word.startswith(stem):
                    found.add(name)
        padded = f" {plain} "
        if self.finder is not None:
            for _end, names in self.finder.iter(padded):
                found.update(names)
        return frozenset(found)

    def __post_init__(self) -> None:
        # Each rule filed under one of its components: a message is checked against the rules
        # that can hold for its components, not all ~400 of them (most messages have none).
        index: dict[str, list[tuple[int, Rule]]] = {}
        for position, rule in enumerate(self.rules):
            index.setdefault(min(rule.needs, default=""), []).append((position, rule))
        object.__setattr__(self, "_rules_by_component", index)

    def holding(self, tags: frozenset[str]) -> list[Rule]:
        """The rules whose components are all in the message, in the file's order."""
        index = self._rules_by_component
        found = [
            (position, rule)
            for component in (*tags, "")
            for position, rule in index.get(component, ())
            if rule.needs <= tags
        ]
        return [rule for _position, rule in sorted(found, key=lambda pair: pair[0])]

    def kinds(self, tags: frozenset[str]) -> dict[str, str]:
        """kind -> 'alarm' or 'possible' for every rule whose components are all present."""
        out: dict[str, str] = {}
        for rule in self.holding(tags):
            if out.get(rule.kind) != "alarm":
                out[rule.kind] = rule.tier
        return out

    def is_calm(self, tags: frozenset[str]) -> bool:
        return bool(tags & self.calm)

    def is_over(self, tags: frozenset[str]) -> bool:
        """The message speaks of a crisis in the past that is not back or is over now."""
        return bool(tags & self.past) and (bool(tags & self.resolved) or not tags & self.present)

    def is_joke(self, tags: frozenset[str]) -> bool:
        if tags & self.earnest:
            return False
        boss = bool(tags & self.workplace) and bool(tags & BOSS_VERBS)
        return bool(tags & self.joke) or (boss and not tags & BOSS_BLOCKERS)

    def is_resolved(self, tags: frozenset[str]) -> bool:
        return bool(tags & self.past) and bool(tags & self.resolved)

    def is_planned(self, tags: frozenset[str]) -> bool:
        return bool(tags & self.planned) and not tags & self.arrears

    def is_garnishment(self, tags: frozenset[str]) -> bool:
        return bool(tags & self.garnish) and not tags & self.acute

    def firm_kinds(self, tags: frozenset[str]) -> set[str]:
        """Kinds whose alarm combination holds here with a firm component in it."""
        return {
            rule.kind
            for rule in self.holding(tags)
            if rule.tier == "alarm" and rule.needs & self.firm
        }

    @staticmethod
    def features(tags: Iterable[str]) -> list[str]:
        """Model features: each component and each pair of components."""
        names = sorted(tags)
        pairs = [f"§{a}+{b}" for i, a in enumerate(names) for b in names[i + 1 :]]
        return [f"§{name}" for name in names] + pairs


EMPTY = Concepts({}, {}, (), (), frozenset())


def load_concepts(file: Path, kinds: tuple[str, ...], read: Any) -> Concepts:
    """safety/concepts.yaml (optional: without it no component rules run)."""
    if not file.is_file():
        return EMPTY
    data = read(file)
    raw = data.get("concepts")
    if not isinstance(raw, dict) or not raw:
        raise KnowledgeError(file, "concepts", "must map a name to a list of stems")
    words: dict[str, set[str]] = {}
    prefixes: dict[str, list[tuple[str, str]]] = {}
    texts: list[tuple[str, str]] = []
    for name, stems in raw.items():
        if not isinstance(stems, list) or not all(isinstance(s, str) and s for s in stems):
            raise KnowledgeError(file, f"concepts.{name}", "must be a list of texts")
        for stem in stems:
            mark, body = (
                (stem[0], normalise(stem[1:])) if stem[0] in "=~" else ("", normalise(stem))
            )
            if len(body) < (1 if mark else 2):
                raise KnowledgeError(file, f"concepts.{name}", f"{stem!r} is too short")
            _place(mark, body, name, words, prefixes, texts)
    groups: dict[str, frozenset[str]] = {}
    for key in GROUPS:
        groups[key] = frozenset(data.get(key) or [])
        if groups[key] - set(raw):
            raise KnowledgeError(file, key, f"unknown {set(groups[key]) - set(raw)}")
    return Concepts(
        {word: frozenset(names) for word, names in words.items()},
        {key: tuple(items) for key, items in prefixes.items()},
        tuple(texts),
        _rules(file, data.get("rules") or {}, kinds, set(raw)),
        groups["calm"],
        groups["firm"],
        groups["past"],
        groups["present"],
        groups["resolved"],
        groups["joke"],
        groups["earnest"],
        groups["workplace"],
        groups["planned"],
        groups["arrears"],
        groups["garnish"],
        groups["acute"],
        _finder(texts),
        hashlib.sha256(file.read_bytes()).hexdigest(),
    )


def _finder(texts: list[tuple[str, str]]) -> Any:
    """The text needles in one automaton; each needle yields every component it names."""
    if not texts:
        return None
    names: dict[str, set[str]] = {}
    for needle, name in texts:
        names.setdefault(needle, set()).add(name)
    automaton = ahocorasick.Automaton()
    for needle, found in names.items():
        automaton.add_word(needle, tuple(sorted(found)))
    automaton.make_automaton()
    return automaton


def _place(
    mark: str,
    body: str,
    name: str,
    words: dict[str, set[str]],
    prefixes: dict[str, list[tuple[str, str]]],
    texts: list[tuple[str, str]],
) -> None:
    """A stem goes to the word table, the prefix table or the text searches."""
    if mark == "~":
        texts.append((body, name))
    elif " " in body:
        texts.append((f" {body} " if mark else f" {body}", name))
    elif mark:
        words.setdefault(body, set()).add(name)
    else:
        prefixes.setdefault(body[:2], []).append((body, name))


def _rules(file: Path, raw: Any, kinds: tuple[str, ...], names: set[str]) -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for kind, tiers in raw.items():
        if kind not in kinds:
            raise KnowledgeError(file, f"rules.{kind}", f"unknown kind; use one of {kinds}")
        for tier, combos in (tiers or {}).items():
            if tier not in TIERS:
                raise KnowledgeError(file, f"rules.{kind}.{tier}", f"use one of {TIERS}")
            for combo in combos or []:
                needs = frozenset(combo if isinstance(combo, list) else [combo])
                if needs - names:
                    raise KnowledgeError(file, f"rules.{kind}.{tier}", f"unknown {needs - names}")
                rules.append(Rule(kind, tier, needs))
    return tuple(rules)
