"""Counted texts read right with 1 and with 2, in both languages ('1 berichten' was a bug)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from powbot.knowledge.catalog import LANGUAGES, Catalog, load_catalog
from powbot.knowledge.errors import KnowledgeError

CONTENT = Path(__file__).resolve().parents[2] / "powbot" / "knowledge" / "content"
# A count followed by a plural noun, or a '(en)'/'(s)' hedge: what plural forms are for.
WRONG_WITH_ONE = re.compile(
    r"\b1 (berichten|mensen|vragen|antwoorden|cliënten|check-ins|messages|people|questions|"
    r"answers|clients|times)\b|\w\((en|s)\)"
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(CONTENT)


def fill(template: str, count: int) -> dict[str, object]:
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return {name: count if name == "count" else "X" for name in names}


def counted_keys(catalog: Catalog) -> list[str]:
    """Every text with a {count} followed by a word: it must have plural forms."""
    keys = set(catalog.plural_keys())
    for key, template in catalog.texts["nl"].items():
        if re.search(r"\{count\} \w", template) and not key.endswith((".one", ".other")):
            keys.add(key)
    return sorted(keys)


def test_every_counted_text_has_plural_forms(catalog: Catalog) -> None:
    plural = set(catalog.plural_keys())
    assert [key for key in counted_keys(catalog) if key not in plural] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_counted_text_renders_right_with_1_and_2(catalog: Catalog, lang: str) -> None:
    for key in counted_keys(catalog):
        for count in (1, 2):
            template = catalog.texts[lang][f"{key}.other"]
            text = catalog.t(lang, key, **fill(template, count))
            assert f"{count}" in text, (lang, key, count)
            assert not WRONG_WITH_ONE.search(text), (lang, key, count, text)


def test_the_waiting_messages_line_in_both_languages(catalog: Catalog) -> None:
    assert catalog.t("nl", "localchat.waiting", count=1) == "Er staat 1 bericht voor je klaar."
    assert catalog.t("nl", "localchat.waiting", count=2) == "Er staan 2 berichten voor je klaar."
    assert catalog.t("en", "localchat.waiting", count=1) == "There is 1 message waiting for you."
    assert catalog.has("localchat.waiting")


def test_a_plural_text_without_its_other_form_is_reported(tmp_path: Path) -> None:
    for lang in LANGUAGES:
        folder = tmp_path / "i18n" / lang
        folder.mkdir(parents=True)
        (folder / "x.yaml").write_text('n:\n  one: "{count} ding"\n', encoding="utf-8")
    with pytest.raises(KnowledgeError, match="one' and 'other"):
        load_catalog(tmp_path)
