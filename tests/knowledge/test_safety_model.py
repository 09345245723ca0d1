"""The crisis detector's second layer: phrasings nobody wrote into the rules still get help,
ordinary messages that share crisis words do not, and the model trains once per content."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

import pytest

from powbot.knowledge import classifier, safety_model, safety_text
from powbot.knowledge.classifier import Doc
from powbot.knowledge.errors import KnowledgeError
from powbot.knowledge.safety import SafetyContent, load_safety
from powbot.knowledge.safety_model import doc
from tests.knowledge.safety_support import CONTENT, taught

# Written for this test: no phrase, pattern or example says it this way (checked below).
UNSEEN_CRISIS = [
    ("het heeft voor mij allemaal geen zin meer", "suicide"),
    ("alles is donker en ik wil er uit", "suicide"),
    ("ik wil niet meer verder zo", "suicide"),
    ("ik ben alles kwijt en wil weg uit dit leven", "suicide"),
    ("i am not want live", "suicide"),
    ("me wanna finish life", "suicide"),
    ("de kids hebben al dagen niks gehad", "no_food"),
]

# Ordinary messages that share a crisis word.
HARD_NEGATIVES = [
    "ik ben dood moe",
    "die deadline slaat nergens op",
    "ik eet niet graag vis",
    "het huis is te klein",
    "I'm dying to start",
    "killing it at work",
    "ik wil niet meer wachten op de gemeente",
    "ik heb de verwarming uitgezet",
    "het leven is mooi",
    "ik heb al gegeten",
    "life is hard but i manage",
    "mijn auto is te klein voor het hele gezin",
]


def test_unseen_phrasings_get_help_from_the_model(safety: SafetyContent) -> None:
    examples = taught()
    for text, kind in UNSEEN_CRISIS:
        assert text not in examples
        hit = safety.check(text)
        assert hit is not None, text
        assert hit.by_model, f"{text!r} is now a rule: pick another unseen phrasing"
        assert kind in hit.kinds, text


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_ordinary_messages_sharing_crisis_words_get_no_crisis_help(
    safety: SafetyContent, text: str
) -> None:
    assert safety.check(text) is None


def test_a_model_hit_in_english_gets_english_help(safety: SafetyContent) -> None:
    hit = safety.check("i am not want live")
    assert hit is not None and hit.language == "en"
    assert "113" in safety.help_text(hit.language, hit, {"shelter": "", "food": "", "gemeente": ""})


def test_loading_content_does_not_train_the_model(tmp_path: Path) -> None:
    shutil.copytree(CONTENT / "safety", tmp_path / "safety")
    content = load_safety(tmp_path)
    assert content.model is not None and content.model._svm is None  # built on first use
    assert content.check("ik wil niet meer leven") is not None  # a rule: still no model
    assert content.model._svm is None


def test_a_cached_model_is_loaded_not_trained_and_answers_the_same(tmp_path: Path) -> None:
    shutil.copytree(CONTENT / "safety", tmp_path / "safety")
    examples = tmp_path / "safety" / "examples.tsv"  # the first 3,000 lines train in a second
    examples.write_text("".join(examples.read_text().splitlines(keepends=True)[:3000]))
    previous = classifier.use_cache_dir(tmp_path / "cache")
    try:
        first = load_safety(tmp_path)
        hit = first.check("ik wil niet meer hier zijn")
        assert first.model is not None and first.model.trained
        (tmp_path / "safety" / "nl.yaml").touch()  # a new mtime: content is loaded again
        second = load_safety(tmp_path)
        assert second is not first
        assert second.check("ik wil niet meer hier zijn") == hit
        assert second.model is not None and not second.model.trained
    finally:
        classifier.use_cache_dir(previous)


def test_an_example_with_an_unknown_kind_names_the_file_and_row(tmp_path: Path) -> None:
    shutil.copytree(CONTENT / "safety", tmp_path / "safety")
    examples = tmp_path / "safety" / "examples.tsv"
    examples.write_text("text\tkind\nik wil weg\tsadness\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as error:
        load_safety(tmp_path)
    assert error.value.file.endswith("examples.tsv")
    assert error.value.field == "line 2"


def test_a_warm_start_loads_the_model_without_tagging_the_examples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache key is a hash of the raw examples, concepts.yaml and the feature code, not of
    the ~20,000 tagged example docs: a start with a warm cache normalises and tags none."""
    shutil.copytree(CONTENT / "safety", tmp_path / "safety")
    examples = tmp_path / "safety" / "examples.tsv"  # the first 3,000 lines train in a second
    examples.write_text("".join(examples.read_text().splitlines(keepends=True)[:3000]))
    made, normalised = [], []

    def counted(plain: str, tags: Iterable[str] = ()) -> Doc:
        made.append(plain)
        return doc(plain, tags)

    def normalise(text: str) -> str:
        normalised.append(text)
        return safety_text.normalise(text)

    monkeypatch.setattr(safety_model, "doc", counted)
    monkeypatch.setattr(safety_model, "normalise", normalise)
    previous = classifier.use_cache_dir(tmp_path / "cache")
    try:
        first = load_safety(tmp_path)
        assert first.model is not None and first.model.trained
        assert len(made) > 3000  # the examples and every phrase, tagged for the training
        assert len(normalised) > 2900  # the examples (normalised at training, not at load)
        (tmp_path / "safety" / "nl.yaml").touch()  # a new mtime: content is loaded again
        made.clear()
        normalised.clear()
        second = load_safety(tmp_path)
        assert second.model is not None and not second.model.trained
        assert made == [] and normalised == []
        assert second.check("ik wil niet meer hier zijn") == first.check(
            "ik wil niet meer hier zijn"
        )
    finally:
        classifier.use_cache_dir(previous)


def test_editing_the_concepts_examples_or_settings_changes_the_cache_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(CONTENT / "safety", tmp_path / "safety")

    def key() -> str:
        content = load_safety(tmp_path)
        assert content.model is not None
        inputs = content.model.inputs_key()
        assert inputs is not None
        return safety_model._CrisisSvm.settings_key(inputs)

    original = key()
    concepts = tmp_path / "safety" / "concepts.yaml"
    text = concepts.read_text(encoding="utf-8")
    concepts.touch()
    assert key() == original  # loaded again (a new mtime), nothing changed
    concepts.write_text(text.replace("concepts:\n", "concepts:\n  extra: [zwembadje]\n", 1))
    edited = key()
    assert edited != original
    examples = tmp_path / "safety" / "examples.tsv"
    with examples.open("a", encoding="utf-8") as out:
        out.write("ik zie het echt niet meer zitten vandaag\tsuicide\n")
    assert key() not in (original, edited)
    before = safety_model._CrisisSvm.settings_key("the same inputs")
    monkeypatch.setattr(safety_model._CrisisSvm, "MIN_DF", 3)
    assert safety_model._CrisisSvm.settings_key("the same inputs") != before
