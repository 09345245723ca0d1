"""The safety content: validated at load with the file and field named, and good enough on
the labelled sets that ship with the repo (bench/understanding_eval.py reports the details)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from powbot.knowledge.errors import KnowledgeError
from powbot.knowledge.safety import load_safety

ROOT = Path(__file__).resolve().parents[3]
CONTENT = ROOT / "powbot" / "knowledge" / "content"


def test_a_broken_pattern_names_the_file_and_field(tmp_path: Path) -> None:
    shutil.copytree(CONTENT / "safety", tmp_path / "safety")
    nl = tmp_path / "safety" / "nl.yaml"
    nl.write_text(
        nl.read_text(encoding="utf-8").replace("  suicide:\n    - '", "  suicide:\n    - '(", 1)
    )
    with pytest.raises(KnowledgeError) as error:
        load_safety(tmp_path)
    assert error.value.file.endswith("nl.yaml")
    assert error.value.field == "patterns.suicide"


def test_a_language_without_help_for_a_kind_is_refused(tmp_path: Path) -> None:
    shutil.copytree(CONTENT / "safety", tmp_path / "safety")
    pl = tmp_path / "safety" / "pl.yaml"
    text = pl.read_text(encoding="utf-8")
    pl.write_text(
        "\n".join(
            line for line in text.splitlines() if "  medical:" not in line or "🚑" not in line
        )
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError) as error:
        load_safety(tmp_path)
    assert error.value.field == "help.medical"


def test_the_shipped_sets_reach_the_aims() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    import understanding_eval as bench

    safety = load_safety(CONTENT)
    crisis = bench.read(bench.DATA / "understanding" / "crisis.tsv")
    ordinary = bench.read(bench.DATA / "understanding" / "ordinary.tsv") + bench.faq_questions()
    assert len(ordinary) >= 1000
    assert bench.eval_crisis(safety, crisis)["recall_pct"] >= 99
    assert bench.eval_false_alarms(safety, ordinary)["false_alarm_pct"] <= 1


def test_the_heldout_dev_batches_reach_the_aims() -> None:
    """The batches written in another voice (tuned on since; the sealed pair is not tested
    here so that nobody tunes on it)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import understanding_eval as bench

    safety = load_safety(CONTENT)
    held = bench.HELD
    for name in ("crisis_dev.tsv", "crisis_dev2.tsv", "crisis_dev3.tsv"):
        assert bench.eval_crisis(safety, bench.read(held / name))["recall_pct"] >= 99
    # Ordinary messages written to share crisis words ("ik ga dood als ik nog een formulier
    # moet invullen haha"): a few get a kind message, by design (recall comes first).
    hard = [
        row for n in (1, 2, 3) for row in bench.read(held / f"ordinary_dev{n if n > 1 else ''}.tsv")
    ]
    assert bench.eval_false_alarms(safety, hard)["false_alarm_pct"] <= 4
