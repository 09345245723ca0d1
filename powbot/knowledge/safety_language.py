"""One language's safety file (knowledge/content/safety/<lang>.yaml): its phrases, patterns,
excludes, who-is-it-about patterns and help texts, read and checked. The first problem raises
KnowledgeError naming the file and the field."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from string import Formatter
from typing import Any

import yaml

from powbot.knowledge.errors import KnowledgeError
from powbot.knowledge.loading import parse_yaml
from powbot.knowledge.safety_text import fold, normalise

KINDS = ("suicide", "unsafe_home", "no_shelter", "no_food", "money", "medical")
HELP_KEYS = ("intro", "intro_other", "danger", "possible", *KINDS)
# In "u", for employers and coaches, where a language has the distinction (Dutch).
FORMAL_KEYS = tuple(f"{key}_formal" for key in ("intro", "intro_other", "possible", *KINDS))
PLACEHOLDERS = frozenset({"shelter", "food", "gemeente"})


@dataclass
class SafetyLanguage:
    code: str
    name: str
    help: dict[str, str]
    speaks: str
    phrases: dict[str, list[tuple[str, ...]]]
    patterns: dict[str, re.Pattern[str]]
    exclude: list[str]
    others: re.Pattern[str] | None
    myself: re.Pattern[str] | None
    typo_words: list[str]
    # Words one letter from a `typos` word that are words of their own ('hopeless' is not a
    # typo of 'homeless'): never corrected.
    keep_words: list[str] = field(default_factory=list)


def read_yaml(file: Path) -> dict[str, Any]:
    try:
        data = parse_yaml(file.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise KnowledgeError(file, "yaml", str(exc).splitlines()[0]) from None
    if not isinstance(data, dict):
        raise KnowledgeError(file, "(file)", "must be a mapping")
    return data


def load_language(file: Path) -> SafetyLanguage:
    data = read_yaml(file)
    if data.get("language") != file.stem:
        raise KnowledgeError(file, "language", f"must be {file.stem!r} (the file name)")
    phrases = _kinds_map(file, data, "phrases")
    patterns = _kinds_map(file, data, "patterns", required=False)
    return SafetyLanguage(
        code=file.stem,
        name=_text(file, data, "name"),
        help=_help(file, data),
        speaks=_text(file, data, "speaks"),
        phrases={kind: _phrase_words(file, kind, items) for kind, items in phrases.items()},
        patterns={
            kind: _compile(file, f"patterns.{kind}", items) for kind, items in patterns.items()
        },
        exclude=[normalise(item) for item in _strings(file, "exclude", data.get("exclude", []))],
        others=_optional_pattern(file, data, "others"),
        myself=_optional_pattern(file, data, "self"),
        typo_words=[normalise(w) for w in _strings(file, "typos", data.get("typos", []))],
        keep_words=[normalise(w) for w in _strings(file, "keep", data.get("keep", []))],
    )


def _optional_pattern(file: Path, data: dict[str, Any], key: str) -> re.Pattern[str] | None:
    if not data.get(key):
        return None
    return _compile(file, key, _strings(file, key, data[key]))


def _text(file: Path, data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise KnowledgeError(file, key, "missing")
    return value.strip()


def _strings(file: Path, where: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise KnowledgeError(file, where, "must be a list of texts")
    return list(value)


def _kinds_map(
    file: Path, data: dict[str, Any], key: str, *, required: bool = True
) -> dict[str, list[str]]:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise KnowledgeError(file, key, "must map a kind to a list")
    for kind in value:
        if kind not in KINDS:
            raise KnowledgeError(file, f"{key}.{kind}", f"unknown kind; use one of {KINDS}")
    if required:
        for kind in KINDS:
            if not value.get(kind):
                raise KnowledgeError(file, f"{key}.{kind}", "missing")
    return {kind: _strings(file, f"{key}.{kind}", items) for kind, items in value.items()}


def _phrase_words(file: Path, kind: str, items: list[str]) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for item in items:
        words = tuple(normalise(item).split())
        if not words:
            raise KnowledgeError(file, f"phrases.{kind}", f"{item!r} has no letters")
        if words not in out:
            out.append(words)
    return out


def _compile(file: Path, where: str, items: list[str]) -> re.Pattern[str]:
    """One alternation of the items. Each item is compiled on its own only to name the one
    that is wrong: compiling every item twice was most of the start-up's pattern time."""
    try:
        return re.compile("|".join(f"(?:{fold(item)})" for item in items))
    except re.error:
        for item in items:
            try:
                re.compile(item)
            except re.error as exc:
                raise KnowledgeError(file, where, f"{item!r}: {exc}") from None
        raise


def _help(file: Path, data: dict[str, Any]) -> dict[str, str]:
    value = data.get("help")
    if not isinstance(value, dict):
        raise KnowledgeError(file, "help", "missing")
    out: dict[str, str] = {}
    for key in (*HELP_KEYS, *(key for key in FORMAL_KEYS if key in value)):
        text = value.get(key)
        if not isinstance(text, str) or not text.strip():
            raise KnowledgeError(file, f"help.{key}", "missing")
        names = {name for _, name, _, _ in Formatter().parse(text) if name}
        if names - PLACEHOLDERS:
            raise KnowledgeError(file, f"help.{key}", f"unknown placeholder {names - PLACEHOLDERS}")
        out[key] = text.strip()
    return out
