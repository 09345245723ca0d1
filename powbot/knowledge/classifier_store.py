"""The trained classifier's arrays on disk: one .npz file per training input, written
atomically, checked when read, the newest few kept (see classifier.py for when)."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

FORMAT = 1  # bump when the saved arrays or the features change meaning
CACHE_PREFIX = "faq-classifier-"
# The newest files kept. The shipped content alone has four models (the FAQ's, the job
# seekers' FAQ and its subjects, the crisis model); other bases (benchmarks, tests) may share
# the folder. With 3 the four evicted one another: whichever was missing trained again (the
# crisis model ~15 s) and its file pushed out the oldest of the others.
KEEP_FILES = 12
LOCK_WAIT_SECONDS = 600  # a training takes seconds to a minute; past this, train anyway


@dataclass
class TrainedArrays:
    """The model as trained and saved: the terms (a unicode array each) in column order."""

    labels: list[str]
    word_terms: np.ndarray
    word_idf: np.ndarray
    char_terms: np.ndarray
    char_idf: np.ndarray
    weights: np.ndarray
    intercept: np.ndarray


def _cache_file(folder: Path, key: str) -> Path:
    return folder / f"{CACHE_PREFIX}{key[:32]}.npz"


@contextmanager
def training_lock(folder: Path, key: str) -> Iterator[None]:
    """Held while one process loads or trains the model of `key`: the bot, a `powbot tick`
    from cron and test workers that start together wait for the first one's training
    instead of each running their own. A folder that cannot hold the lock file (read-only)
    just goes without it."""
    from filelock import FileLock, Timeout

    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = FileLock(folder / f"{CACHE_PREFIX}{key[:32]}.lock", timeout=LOCK_WAIT_SECONDS)
        lock.acquire()
    except (OSError, Timeout) as exc:
        log.warning("classifier cache lock in %s not taken: %s", folder, exc)
        yield
        return
    try:
        yield
    finally:
        lock.release()


def save(folder: Path, key: str, model: TrainedArrays) -> None:
    """Write atomically (a reader never sees half a file); a read-only folder only costs
    the next start a training."""
    import numpy as np

    try:
        folder.mkdir(parents=True, exist_ok=True)
        meta = json.dumps({"format": FORMAT, "key": key, "labels": model.labels})
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as out:
            np.savez(
                out,
                meta=np.array(meta),
                word_terms=model.word_terms,
                word_idf=model.word_idf,
                char_terms=model.char_terms,
                char_idf=model.char_idf,
                weights=model.weights,
                intercept=model.intercept,
            )
        os.replace(out.name, _cache_file(folder, key))
        _prune(folder)
    except OSError as exc:
        log.warning("FAQ classifier not cached in %s: %s", folder, exc)


def _prune(folder: Path) -> None:
    files = sorted(folder.glob(f"{CACHE_PREFIX}*.npz"), key=lambda f: f.stat().st_mtime)
    for stale in files[:-KEEP_FILES]:
        stale.unlink(missing_ok=True)
        stale.with_suffix(".lock").unlink(missing_ok=True)  # its training lock, if any


def load(folder: Path, key: str) -> TrainedArrays | None:
    import numpy as np

    path = _cache_file(folder, key)
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            if meta["format"] != FORMAT or meta["key"] != key:
                return None
            arrays = TrainedArrays(
                labels=[str(label) for label in meta["labels"]],
                word_terms=np.asarray(data["word_terms"]),
                word_idf=np.asarray(data["word_idf"]),
                char_terms=np.asarray(data["char_terms"]),
                char_idf=np.asarray(data["char_idf"]),
                weights=np.asarray(data["weights"]),
                intercept=np.asarray(data["intercept"]),
            )
        _check(arrays)
    except Exception as exc:  # any damage: train again and overwrite
        log.warning("FAQ classifier cache %s unusable (%s); retraining", path.name, exc)
        return None
    return arrays


def _check(arrays: TrainedArrays) -> None:
    import numpy as np

    n_features = len(arrays.word_terms) + len(arrays.char_terms)
    n_out = 1 if len(arrays.labels) == 2 else len(arrays.labels)
    if arrays.word_terms.shape != arrays.word_idf.shape or (
        arrays.char_terms.shape != arrays.char_idf.shape
    ):
        raise ValueError("vocabulary and idf differ in length")
    if arrays.word_terms.dtype.kind != "U" or arrays.char_terms.dtype.kind != "U":
        raise ValueError("the terms are not text")
    if arrays.weights.shape != (n_features, n_out) or arrays.intercept.shape != (n_out,):
        raise ValueError("weights do not fit the vocabulary")
    if not (np.isfinite(arrays.weights).all() and np.isfinite(arrays.intercept).all()):
        raise ValueError("weights are not finite")
