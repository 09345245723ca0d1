"""UI text catalogs: knowledge/content/i18n/<lang>/*.yaml, nested keys flattened with dots.

A counted text has plural forms: `waiting: {one: "Er staat 1 bericht…", other: "Er staan
{count} berichten…"}` (flattened to `waiting.one` / `waiting.other`); `t(lang, "…waiting",
count=n)` picks the form for n. Dutch and English both use one (n == 1) and other.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import yaml

from powbot.knowledge.errors import KnowledgeError
from powbot.knowledge.loading import parse_yaml

LANGUAGES = ("nl", "en")
PLURAL_FORMS = ("one", "other")


def plural_form(count: object) -> str:
    """The plural category of a count in Dutch and English: 'one' for exactly 1."""
    return "one" if count == 1 else "other"


class Catalog:
    def __init__(self, texts: dict[str, dict[str, str]]) -> None:
        self.texts = texts

    def t(self, lang: str, key: str, **values: Any) -> str:
        table = self.texts.get(lang) or self.texts[LANGUAGES[0]]
        template = table.get(key)
        if template is None and f"{key}.other" in table:
            template = table[f"{key}.{plural_form(values.get('count'))}"]
        if template is None:
            raise KeyError(f"no text {key!r} in catalog {lang!r}")
        return template.format(**values) if values else template

    def has(self, key: str) -> bool:
        table = self.texts[LANGUAGES[0]]
        return key in table or f"{key}.other" in table

    def plural_keys(self) -> list[str]:
        """The keys that have plural forms (without the .one/.other ending)."""
        return sorted(
            k.removesuffix(".other") for k in self.texts[LANGUAGES[0]] if k.endswith(".other")
        )


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _flatten(prefix: str, node: Any, out: dict[str, str], file: Path) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if not isinstance(key, str):
                # YAML reads unquoted yes/no/on/off as booleans: a classic content mistake.
                raise KnowledgeError(file, f"{prefix}.{key}", "key must be text; put it in quotes")
            _flatten(f"{prefix}.{key}" if prefix else str(key), value, out, file)
    elif isinstance(node, str):
        if prefix in out:
            raise KnowledgeError(file, prefix, "defined twice")
        out[prefix] = node
    else:
        raise KnowledgeError(file, prefix, f"must be text, not {type(node).__name__}")


def _load_language(folder: Path, lang: str) -> dict[str, str]:
    table: dict[str, str] = {}
    if not folder.is_dir():
        raise KnowledgeError(folder, lang, "catalog folder is missing")
    for file in sorted(folder.glob("*.yaml")):
        try:
            data = parse_yaml(file.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise KnowledgeError(file, "yaml", str(exc).splitlines()[0]) from None
        _flatten(file.stem, data, table, file)
    return table


def _check_plurals(folder: Path, table: dict[str, str]) -> None:
    for key in [k for k in table if k.endswith((".one", ".other"))]:
        stem = key.rsplit(".", 1)[0]
        if not all(f"{stem}.{form}" in table for form in PLURAL_FORMS):
            raise KnowledgeError(folder, key, "a plural text needs both 'one' and 'other'")


def _check_same_keys(root: Path, texts: dict[str, dict[str, str]]) -> None:
    base, *others = LANGUAGES
    for lang in others:
        for key in texts[base].keys() - texts[lang].keys():
            raise KnowledgeError(root / lang, key, f"missing (present in {base})")
        for key in texts[lang].keys() - texts[base].keys():
            raise KnowledgeError(root / base, key, f"missing (present in {lang})")
        for key, template in texts[base].items():
            if placeholders(template) != placeholders(texts[lang][key]):
                raise KnowledgeError(root / lang, key, "placeholders differ from " + base)


def load_catalog(knowledge_dir: Path) -> Catalog:
    root = knowledge_dir / "i18n"
    texts = {lang: _load_language(root / lang, lang) for lang in LANGUAGES}
    for lang, table in texts.items():
        _check_plurals(root / lang, table)
    _check_same_keys(root, texts)
    return Catalog(texts)
