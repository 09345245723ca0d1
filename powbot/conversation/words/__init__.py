"""Language word lists of the shared parser, one YAML file per language."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from powbot.knowledge.loading import parse_yaml
from powbot.knowledge.text import normalise

FOLDER = Path(__file__).parent
LANGUAGES = ("nl", "en")


@dataclass(frozen=True)
class Words:
    """Every language's words merged: a person who answers a Dutch question in English (or
    the other way round) is understood too. Phrases are normalised (see `normalise`)."""

    lists: dict[str, frozenset[str]]
    maps: dict[str, dict[str, int]]

    def of(self, name: str) -> frozenset[str]:
        return self.lists.get(name, frozenset())

    def map(self, name: str) -> dict[str, int]:
        return self.maps.get(name, {})


def _merge(
    data: dict[str, Any], lists: dict[str, set[str]], maps: dict[str, dict[str, int]]
) -> None:
    for name, value in data.items():
        if not isinstance(name, str) or not all(isinstance(w, str) for w in value or []):
            # YAML reads bare yes/no/on/off as booleans: quote them in the word files.
            raise ValueError(f"word list {name!r}: every key and word must be quoted text")
        if isinstance(value, dict):
            table = maps.setdefault(name, {})
            for word, number in value.items():
                table.setdefault(normalise(str(word)), int(number))
        else:
            lists.setdefault(name, set()).update(normalise(str(word)) for word in value or [])


@cache
def words() -> Words:
    lists: dict[str, set[str]] = {}
    maps: dict[str, dict[str, int]] = {}
    for lang in LANGUAGES:
        data = parse_yaml((FOLDER / f"{lang}.yaml").read_text(encoding="utf-8")) or {}
        _merge(data, lists, maps)
    return Words({name: frozenset(items) for name, items in lists.items()}, maps)
