"""The bot's own answer labels as ordinary training material for the crisis model.

People type a button's label instead of pressing it, often at another step than the one that
showed it ("bouw en techniek" at the menu, "yes, by myself" after the question moved on). The
step's own parser lets the current step's options through (features/understanding/steps.py,
`own_answer`), but the same label typed elsewhere reached the crisis model, which had never
seen it and gave some of them a 'just in case' line. So every option label (with its typed
aliases) of the questionnaire, the aftercare check-ins and the Open Hiring questions, and the
catalog's short texts (buttons and menu items), in both languages, train the model as `none`,
each alone and two options of one question together ("fiets, bus"). They are read from the
content at load and hashed into the model's cache key, so a new or changed label retrains the
model once and needs no copy in examples.tsv.

An option marked `urgent` (the questionnaire's "Ik heb geen plek om te slapen") is an answer
that IS a crisis: it and its aliases are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

from powbot.knowledge.loading import parse_yaml

LANGUAGES = ("nl", "en")
# Content files whose answer labels are read (relative to the content folder).
LABEL_FILES = ("questionnaire/*.yaml", "aftercare.yaml", "open_hiring.yaml")
CATALOG = "i18n"
# Keys whose values are labels a person may type: an option's label, its typed aliases, a
# scale's labels, a domain's or stage's name.
LABEL_KEYS = frozenset({"label", "labels", "scale_labels", "aliases"})
# Catalog files that are not button labels: the crisis texts themselves (the coach's names of
# the kinds), and word lists of the intents.
CATALOG_SKIP = frozenset({"safety.yaml", "understanding.yaml"})
# A catalog text counts as a button or menu label when it is this short, on one line and has
# no placeholder.
CATALOG_MAX_WORDS = 6


def label_files(content: Path) -> list[Path]:
    """Every file the labels come from, in a stable order (for the model's cache key)."""
    files = [file for pattern in LABEL_FILES for file in sorted(content.glob(pattern))]
    for lang in LANGUAGES:
        files += sorted((content / CATALOG / lang).glob("*.yaml"))
    return [file for file in files if file.is_file()]


def label_texts(content: Path) -> list[str]:
    """Every label, and two options of one question together, as written (the model drops one
    whose text its examples give a crisis kind: safety_model.py)."""
    texts: set[str] = set()
    for file in label_files(content):
        data = parse_yaml(file.read_text(encoding="utf-8"))
        if file.parent.parent.name == CATALOG:
            if file.name not in CATALOG_SKIP:
                texts.update(_catalog_labels(data))
            continue
        for group in _option_groups(data):
            texts.update(group)
            texts.update(f"{a}, {b}" for a, b in combinations(group, 2))
    return sorted(texts)


def _option_groups(node: Any) -> Iterator[list[str]]:
    """Per list of options and per language, the labels a person may type for them."""
    if isinstance(node, dict):
        options = node.get("options")
        if isinstance(options, list) and all(isinstance(o, dict) for o in options):
            for lang in LANGUAGES:
                yield [t for o in options if not o.get("urgent") for t in _labels(o, lang)]
        if not node.get("urgent"):
            yield from (_labels(node, lang) for lang in LANGUAGES)
        for key, value in node.items():
            if key != "options":
                yield from _option_groups(value)
    elif isinstance(node, list):
        for item in node:
            yield from _option_groups(item)


def _labels(option: dict[str, Any], lang: str) -> list[str]:
    """An option's (or a node's) own labels in one language, aliases included."""
    found: list[str] = []
    for key in LABEL_KEYS & option.keys():
        value = option[key]
        if isinstance(value, dict):
            value = value.get(lang)
        elif key != "aliases" and lang != LANGUAGES[0]:
            continue  # language-neutral lists (aliases) are read once
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list):
            found += [str(v) for v in value if isinstance(v, str | int)]
    return [text.strip() for text in found if text.strip()]


def _catalog_labels(node: Any) -> Iterator[str]:
    """The catalog's short one-line texts without a placeholder: buttons and menu items."""
    if isinstance(node, dict):
        for value in node.values():
            yield from _catalog_labels(value)
    elif isinstance(node, str):
        text = node.strip()
        if text and "\n" not in text and "{" not in text:
            if len(text.split()) <= CATALOG_MAX_WORDS:
                yield text
