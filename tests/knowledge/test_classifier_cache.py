"""The FAQ classifier is trained when the content changes, not at every start: its weights are
cached under a hash of the training input, and a warm cache is scored without scikit-learn."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from powbot.knowledge import classifier as classifier_module
from powbot.knowledge.classifier import InstrumentClassifier
from powbot.knowledge.classifier_store import TrainedArrays

EXAMPLES = {
    "lks": [
        "hoeveel loonkostensubsidie krijg ik",
        "loonwaarde meten voor subsidie",
        "lks aanvragen",
    ],
    "jc": ["wat doet een jobcoach", "begeleiding op de werkvloer", "coach voor mijn werknemer"],
    "nrp": ["no-riskpolis bij ziekte", "werknemer ziek wie betaalt", "ziektewet vangnet"],
}


def examples(extra: dict[str, list[str]] | None = None) -> tuple[list, list[str]]:
    data = {label: list(questions) for label, questions in EXAMPLES.items()}
    for label, questions in (extra or {}).items():
        data.setdefault(label, []).extend(questions)
    docs = [(q.split(), q) for questions in data.values() for q in questions]
    labels = [label for label, questions in data.items() for _ in questions]
    return docs, labels


def best(model: InstrumentClassifier, question: str) -> str:
    margins = model.margins((question.split(), question))
    return max(margins, key=lambda label: margins[label])


def test_a_second_start_on_the_same_content_does_not_train(tmp_path: Path) -> None:
    first = InstrumentClassifier(*examples(), cache_dir=tmp_path)
    again = InstrumentClassifier(*examples(), cache_dir=tmp_path)
    assert first.trained and not again.trained
    question = ("mijn werknemer is ziek".split(), "mijn werknemer is ziek")
    assert again.margins(question) == pytest.approx(first.margins(question), abs=1e-12)
    assert best(again, "wat kost een jobcoach") == "jc"


def test_changed_content_trains_again_and_answers_from_the_new_content(tmp_path: Path) -> None:
    InstrumentClassifier(*examples(), cache_dir=tmp_path)
    extra = {"ba": ["banenafspraak quotum", "telt mijn werknemer mee voor de banenafspraak"]}
    changed = InstrumentClassifier(*examples(extra), cache_dir=tmp_path)
    assert changed.trained
    assert best(changed, "banenafspraak quotum halen") == "ba"
    assert not InstrumentClassifier(*examples(extra), cache_dir=tmp_path).trained


def test_a_corrupt_cache_file_is_replaced_by_a_new_training(tmp_path: Path) -> None:
    InstrumentClassifier(*examples(), cache_dir=tmp_path)
    (cached,) = tmp_path.glob("faq-classifier-*.npz")
    cached.write_bytes(cached.read_bytes()[:200])  # a disk that filled up half-way
    repaired = InstrumentClassifier(*examples(), cache_dir=tmp_path)
    assert repaired.trained and best(repaired, "no-riskpolis ziek") == "nrp"
    assert not InstrumentClassifier(*examples(), cache_dir=tmp_path).trained


def test_without_a_cache_folder_nothing_is_written(tmp_path: Path) -> None:
    previous = classifier_module.use_cache_dir(None)
    try:
        assert InstrumentClassifier(*examples()).trained
        assert InstrumentClassifier(*examples()).trained
    finally:
        classifier_module.use_cache_dir(previous)
    assert list(tmp_path.iterdir()) == []


def test_a_warm_cache_is_scored_without_importing_scikit_learn_or_scipy(tmp_path: Path) -> None:
    InstrumentClassifier(*examples(), cache_dir=tmp_path)
    script = f"""
import sys
sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})
from pathlib import Path
from tests.knowledge.test_classifier_cache import best, examples
from powbot.knowledge.classifier import InstrumentClassifier
from powbot.knowledge.classifier_store import TrainedArrays
model = InstrumentClassifier(*examples(), cache_dir=Path({str(tmp_path)!r}))
assert not model.trained
assert best(model, "wat kost een jobcoach") == "jc"
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("sklearn", "scipy"))
print(heavy)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_cache_lives_next_to_the_sqlite_database_unless_a_folder_is_set(tmp_path: Path) -> None:
    from powbot.config import load_settings

    url = f"sqlite+aiosqlite:///{tmp_path}/data/powbot.db"
    assert load_settings(DATABASE_URL=url).cache_path == tmp_path / "data" / "cache"
    chosen = load_settings(DATABASE_URL=url, POWBOT_CACHE_DIR=str(tmp_path / "elsewhere"))
    assert chosen.cache_path == tmp_path / "elsewhere"


def test_the_command_line_fills_the_cache_once_and_answers_the_same_from_it(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(root),
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/powbot.db",
    }
    ask = [sys.executable, "-m", "powbot.cli", "faq", "ask", "wat doet een jobcoach", "--json"]
    first = subprocess.run(ask, capture_output=True, text=True, env=env, cwd=tmp_path, check=True)
    cached = list((tmp_path / "cache").glob("faq-classifier-*.npz"))
    assert len(cached) == 1
    again = subprocess.run(ask, capture_output=True, text=True, env=env, cwd=tmp_path, check=True)
    assert again.stdout == first.stdout
    assert [f.stat().st_mtime_ns for f in cached] == [
        f.stat().st_mtime_ns for f in (tmp_path / "cache").glob("faq-classifier-*.npz")
    ]  # read, not written again


TRAIN_AND_REPORT = """
import sys
from powbot.knowledge.classifier import InstrumentClassifier
from powbot.knowledge.classifier_store import TrainedArrays
docs = [(q.split(), q) for q in ("lks aanvragen", "loonwaarde meten", "wat doet een jobcoach",
                                  "begeleiding op de werkvloer")]
model = InstrumentClassifier(docs, ["lks", "lks", "jc", "jc"])
margins = model.margins((["jobcoach"], "jobcoach"))
print(model.trained, max(margins, key=lambda label: margins[label]),
      sorted({name.split(".")[0] for name in sys.modules} & {"sklearn", "scipy"}))
"""


def test_training_after_a_content_change_leaves_no_scikit_learn_in_the_bot() -> None:
    """Trained in a child process: the bot's memory does not keep scikit-learn and SciPy
    (~90 MB) for the rest of its life after one retraining."""
    out = (
        subprocess.run(
            [sys.executable, "-c", TRAIN_AND_REPORT], capture_output=True, text=True, check=True
        )
        .stdout.strip()
        .split(maxsplit=2)
    )
    assert out == ["True", "jc", "[]"]


def test_a_script_without_a_main_guard_trains_once(tmp_path: Path) -> None:
    """Regression: training through multiprocessing re-ran the calling script in the child
    (a bench script without `if __name__ == "__main__"` started itself again and the
    warm-up thread died), so the child is a fresh interpreter instead."""
    script = tmp_path / "unguarded.py"
    script.write_text(TRAIN_AND_REPORT)
    out = (
        subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, check=True, timeout=300
        )
        .stdout.strip()
        .splitlines()
    )
    assert out == ["True jc []"]


def test_the_hashed_vocabulary_weighs_terms_as_a_term_dictionary_would() -> None:
    """The scoring form keeps each term as its hash (8 bytes instead of ~130 as a dict entry):
    repeated terms still count with sublinear tf, unknown terms not at all."""
    import numpy as np

    terms = ["zz", "ab", "cd", "ef"]
    arrays = TrainedArrays(
        labels=["a", "b"],
        word_terms=np.array(terms),
        word_idf=np.array([1.0, 2.0, 3.0, 4.0]),
        char_terms=np.array(["x"]),
        char_idf=np.array([5.0]),
        weights=np.arange(5, dtype=np.float32).reshape(5, 1),
        intercept=np.zeros(1),
    )
    model = classifier_module._compact(arrays)
    columns, values = model.words.transform(["ef", "ab", "unknown", "ef", "ef"])
    found = dict(zip(columns.tolist(), values.tolist(), strict=True))
    raw = {"ab": 2.0, "ef": (1 + np.log(3)) * 4.0}  # sublinear tf times idf, then l2
    norm = float(np.sqrt(sum(v * v for v in raw.values())))
    rows = {int(np.nonzero(model.weights[:4, 0] == terms.index(t))[0][0]): t for t in raw}
    assert {rows[c]: v for c, v in found.items()} == pytest.approx(
        {t: v / norm for t, v in raw.items()}
    )
    char_columns, _ = model.chars.transform(["x", "y"])
    assert char_columns.tolist() == [4] and float(model.weights[4, 0]) == 4.0
    assert model.words.transform(["nothing", "known"])[0].size == 0


def test_two_starts_at_once_train_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bot and a `powbot tick` (or two test workers) starting together on new content: one
    trains, the other waits for it and loads the result."""
    import threading

    real_train = classifier_module._train_apart
    trainings: list[int] = []
    started = threading.Event()

    def slow_train(*args: object) -> TrainedArrays:
        trainings.append(1)
        started.set()
        # Long enough for the other start to look for the cache while this one trains.
        threading.Event().wait(0.3)
        return real_train(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(classifier_module, "_train_apart", slow_train)
    models: list[InstrumentClassifier] = []

    def start() -> None:
        models.append(InstrumentClassifier(*examples(), cache_dir=tmp_path))

    first = threading.Thread(target=start)
    first.start()
    assert started.wait(30)
    second = threading.Thread(target=start)
    second.start()
    first.join(60)
    second.join(60)
    assert len(trainings) == 1
    assert sorted(model.trained for model in models) == [False, True]
    assert best(models[0], "wat kost een jobcoach") == best(models[1], "wat kost een jobcoach")
