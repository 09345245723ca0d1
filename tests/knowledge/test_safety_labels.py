"""The bot's own answer labels, typed at any step, get no crisis help (safety_labels.py).

A label typed at another step than the one that showed it ('bouw en techniek' at the menu)
used to reach the crisis model, which gave some of them a 'just in case' line. Every label of
the questionnaire, the check-ins, the Open Hiring questions and the catalog's buttons, alone
and two options of one question together, is scanned here; the answers that ARE a crisis
('Ik heb geen plek om te slapen') keep the full reply.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from powbot.knowledge.safety import SafetyContent, load_safety
from powbot.knowledge.safety_labels import label_texts
from powbot.knowledge.safety_text import normalise
from tests.knowledge.safety_support import CONTENT


def test_no_answer_label_or_pair_of_labels_gets_a_crisis_line(safety: SafetyContent) -> None:
    labels = label_texts(CONTENT)
    assert len(labels) > 1000  # every file was read: questionnaire, check-ins, forms, buttons
    flagged = [(text, hit.kinds) for text in labels if (hit := safety.check(text))]
    assert flagged == []


@pytest.mark.parametrize(
    "text",
    [
        "bouw en techniek",
        "zorg en welzijn",
        "Zorg en welzijn, Bouw en techniek",
        "yes, by myself",
        "nee toch niet",
        "Warehouse and logistics, Care and welfare",
        "Not at all, Not really",
        "Te zwaar of te veel",
        "It will not be extended",
        "I only get my pay",
        "Rather not say",
    ],
)
def test_labels_that_got_a_line_before_get_nothing(safety: SafetyContent, text: str) -> None:
    assert safety.check(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "met de fiets",
        "ik ga met de bus",
        "met de trein en de bus",
        "liefst zorg en welzijn of schoonmaak",
        "eerst de bouw dan schoonmaak",
        "yes all by myself",
        "nee nog niet echt",
        "not really no",
        "echt heel slecht",
    ],
)
def test_labels_typed_in_other_words_get_nothing(safety: SafetyContent, text: str) -> None:
    assert normalise(text) not in {normalise(label) for label in label_texts(CONTENT)}
    assert safety.check(text) is None


def test_an_urgent_answer_is_not_taught_as_ordinary(safety: SafetyContent) -> None:
    labels = {normalise(text) for text in label_texts(CONTENT)}
    for text in ("Ik heb geen plek om te slapen", "I have no place to sleep"):
        assert normalise(text) not in labels
        hit = safety.check(text)
        assert hit is not None and not hit.possible and "no_shelter" in hit.kinds


def test_a_changed_label_changes_the_model_and_reloads_the_content(tmp_path: Path) -> None:
    shutil.copytree(CONTENT, tmp_path / "content")
    before = load_safety(tmp_path / "content")
    assert before.model is not None
    key = before.model.inputs_key()
    yaml = tmp_path / "content" / "aftercare.yaml"
    yaml.write_text(
        yaml.read_text(encoding="utf-8").replace("Goed te doen", "Prima te doen"),
        encoding="utf-8",
    )
    after = load_safety(tmp_path / "content")
    assert after is not before and after.model is not None
    assert after.model.inputs_key() != key
