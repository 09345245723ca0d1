"""FAQ retrieval benchmark: accuracy, "I don't know" quality and latency.

Run from the repo root:  python bench/faq_eval.py [-v] [--dev-only] [--no-latency]
                                                   [--sealed-file NAME=PATH ...]
  --sealed-file a set kept outside the repository until it is scored: totals only
  -v            print the misses of the sets that may be tuned on (never of sealed sets)
  --dev-only    leave the sealed sets out entirely: use this while tuning
  --no-latency  skip the latency part (and the 5,000-entry synthetic index build)

Data: bench/data/employer_questions.tsv (columns ``question``, ``instrument``; ``none`` means
out of scope): even rows are a dev half, odd rows a held-out test half (not printed with -v).
The shared starter set (../shared/eval/employer_questions_starter.tsv) is reported when
present, and every set in ``DEV_SETS`` (bench/data/employer_questions_<name>.tsv; written
blind, scored sealed, then opened for tuning). A plain baseline (RapidFuzz token_set_ratio
against all example questions, fixed cutoff) runs on the same questions.

Each set also reports the direct answers that can mislead (aim 0): answers that open with a
bare "Ja"/"Nee"/"Yes"/"No", and answers that state the rule of another instrument than the
one asked (an answer to an out-of-scope question counts); -v marks the latter "OI".

Sealed sets: never read their rows; score them with --sealed-file (totals only) as often as
the round allows. Before a round of tuning, have a new blind set written (by someone who sees
neither the knowledge base nor these sets) and score it once before and once at the end.
Who wrote which set, when each was scored and every round's figures: bench/data/FAQ_ROUNDS.md.
"""

from __future__ import annotations

import csv
import itertools
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from powbot.knowledge.faq import (  # noqa: E402
    INSTRUMENTS,
    FaqBase,
    FaqEntry,
    FaqIndex,
    LocalizedText,
    Source,
    load_faq,
    opens_with_yes_no,
)

KNOWLEDGE_DIR = ROOT / "powbot" / "knowledge" / "content"
DATA = ROOT / "bench" / "data" / "employer_questions.tsv"
STARTER = ROOT.parent / "shared" / "eval" / "employer_questions_starter.tsv"
# Every set written blind and since opened for tuning, in the order they were written
# (their history: bench/data/FAQ_ROUNDS.md).
DEV_SETS = (
    "heldout2", "probe", "blind_a", "blind_test", "blind_c", "blind_d", "blind_e", "blind_f",
    "blind_g", "blind_h", "blind_i", "blind_j", "blind_k", "blind_l", "blind_m", "blind_n",
    "blind_o", "blind_p", "blind_q", "blind_r", "blind_s", "blind_t", "blind_u", "blind_x",
)  # fmt: skip
NONE_LABELS = {"none", "out-of-scope"}
BASELINE_CUTOFF = 60.0
SYNTHETIC_SIZE = 5000
REPEATS = 5

# A predictor maps a question to (instrument or None when it says "I don't know", top-3).
Predictor = Callable[[str], tuple[tuple[str, ...] | None, list[str]]]
# What the bot would show as a direct answer (None for a choice or "I don't know").
Answerer = Callable[[str], FaqEntry | None]


@dataclass
class Scores:
    n_in: int
    top1: float
    top3: float
    clarify_rate: float
    n_out: int
    idk_precision: float
    idk_recall: float
    # Direct answers that can mislead: opening with a bare "Ja"/"Nee" (either language), or
    # stating the rule of another instrument than the one asked (out of scope counts too).
    yes_no: int = 0
    other_instrument: int = 0


def read_tsv(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [(r["question"].strip(), r["instrument"].strip()) for r in rows if r["question"]]


def misleading(rows: Sequence[tuple[str, str]], answer: Answerer) -> tuple[int, int, list[str]]:
    """(answers opening with yes/no, answers about another instrument than asked, a line per
    misleading answer naming the entry shown)."""
    yes_no = other = 0
    lines: list[str] = []
    for q, y in rows:
        entry = answer(q)
        if entry is None:
            continue
        bare = opens_with_yes_no(entry.answer.nl) or opens_with_yes_no(entry.answer.en)
        wrong = not entry.answers_for(y)
        yes_no += bare
        other += wrong
        if bare or wrong:
            kind = "OI" if wrong else "JN"
            lines.append(f"    {kind}  {y:>18} -> {entry.id:<18} {q}")
    return yes_no, other, lines


def evaluate(
    rows: Sequence[tuple[str, str]],
    predict: Predictor,
    clarify: Callable[[str], bool],
    answer: Answerer | None = None,
):
    in_rows = [(q, y) for q, y in rows if y not in NONE_LABELS]
    out_rows = [(q, y) for q, y in rows if y in NONE_LABELS]
    top1 = top3 = clar = 0
    idk_true = idk_pred = 0
    misses: list[str] = []
    for q, y in rows:
        inst, top = predict(q)
        is_out = y in NONE_LABELS
        if inst is None:
            idk_pred += 1
            idk_true += is_out
        if not is_out:
            top1 += inst is not None and y in inst
            top3 += y in top and inst is not None
            clar += clarify(q)
            if inst is None or y not in inst:
                shown = inst[0] if inst else None
                misses.append(f"    in  {y:>18} -> {shown!s:<18} {q}")
        elif inst is not None:
            misses.append(f"    out {'none':>18} -> {inst[0]!s:<18} {q}")
    scores = Scores(
        n_in=len(in_rows),
        top1=top1 / max(1, len(in_rows)),
        top3=top3 / max(1, len(in_rows)),
        clarify_rate=clar / max(1, len(in_rows)),
        n_out=len(out_rows),
        idk_precision=idk_true / idk_pred if idk_pred else 1.0,
        idk_recall=idk_true / max(1, len(out_rows)),
    )
    if answer is not None:
        scores.yes_no, scores.other_instrument, lines = misleading(rows, answer)
        misses += lines
    return scores, misses


def latency_ms(questions: Sequence[str], fn: Callable[[str], object]) -> tuple[float, float]:
    for q in questions:  # warm-up
        fn(q)
    samples = []
    for _ in range(REPEATS):
        for q in questions:
            t0 = time.perf_counter()
            fn(q)
            samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def faq_answerer(index: FaqIndex) -> Answerer:
    def answer(q: str) -> FaqEntry | None:
        r = index.search(q)
        return r.best if r.decision == "answer" else None

    return answer


def faq_predictor(index: FaqIndex) -> tuple[Predictor, Callable[[str], bool]]:
    def predict(q: str) -> tuple[tuple[str, ...] | None, list[str]]:
        r = index.search(q, limit=3)
        if r.decision == "unknown" or r.best is None:
            return None, []
        # The first label is the one shown in misses; an entry that covers a second
        # instrument (bbl-subsidy: the Subsidieregeling praktijkleren) answers that one too.
        best = (r.best.instrument, *r.best.covers)
        found = [r.best, *(e for e, _ in r.alternatives)]
        return best, [i for e in found for i in (e.instrument, *e.covers)]

    def clarify(q: str) -> bool:
        return index.search(q).decision == "clarify"

    return predict, clarify


def baseline_predictor(base: FaqBase) -> tuple[Predictor, Callable[[str], bool]]:
    choices = [q for e in base.entries for q in e.questions]
    owner = [e.instrument for e in base.entries for _ in e.questions]

    def predict(q: str) -> tuple[tuple[str, ...] | None, list[str]]:
        hits = process.extract(
            q, choices, scorer=fuzz.token_set_ratio, limit=3, score_cutoff=BASELINE_CUTOFF
        )
        if not hits:
            return None, []
        return (owner[hits[0][2]],), [owner[h[2]] for h in hits]

    return predict, lambda q: False


def synthetic_base(real: FaqBase, size: int, seed: int = 7) -> FaqBase:
    """Real entries plus generated ones up to ``size``, sharing the real vocabulary so the
    inverted index sees realistic posting-list lengths."""
    rng = random.Random(seed)
    real_words = sorted(
        {w for e in real.entries for q in e.questions for w in q.lower().split() if w.isalpha()}
    )
    letters = "abcdefghijklmnoprstuvwz"
    fake_words = [
        "".join(rng.choice(letters) for _ in range(rng.randint(4, 11))) for _ in range(4000)
    ]
    vocab = real_words + fake_words
    entries: list[FaqEntry] = list(real.entries)
    src = Source(title="Synthetic", url="https://example.org/synthetic")
    for i in range(size - len(entries)):
        words = lambda n: " ".join(rng.choice(vocab) for _ in range(n))  # noqa: E731
        entries.append(
            FaqEntry(
                id=f"syn-{i}",
                instrument=rng.choice(INSTRUMENTS),
                audience=["employer"],
                questions=[words(rng.randint(4, 10)) + "?" for _ in range(rng.randint(3, 8))],
                answer=LocalizedText(nl=words(40), en=words(40)),
                source=src,
                reviewed=date(2026, 11, 22),
            )
        )
    return FaqBase(entries=tuple(entries), synonyms=real.synonyms)


def fmt(s: Scores, with_misleading: bool = False) -> str:
    line = (
        f"top-1 {s.top1:6.1%}  top-3 {s.top3:6.1%}  clarify {s.clarify_rate:5.1%} (n={s.n_in:3d})"
        f" | idk precision {s.idk_precision:6.1%} recall {s.idk_recall:6.1%} (n={s.n_out:2d})"
    )
    if with_misleading:
        line += f" | misleading: ja/nee {s.yes_no:2d}, other instrument {s.other_instrument:2d}"
    return line


def sealed_files(argv: list[str]) -> list[tuple[str, Sequence[tuple[str, str]], bool]]:
    """The sets given as --sealed-file NAME=PATH (kept outside the repository until scored)."""
    found: list[tuple[str, Sequence[tuple[str, str]], bool]] = []
    for flag, value in itertools.pairwise(argv):
        if flag == "--sealed-file":
            name, _, path = value.partition("=")
            found.append((name, read_tsv(Path(path)), True))
    return found


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    dev_only = "--dev-only" in argv
    base = load_faq(KNOWLEDGE_DIR)
    t0 = time.perf_counter()
    index = FaqIndex(base)
    build_ms = (time.perf_counter() - t0) * 1000
    rows = read_tsv(DATA)
    dev = rows[0::2]
    test = rows[1::2]
    ours = faq_predictor(index)
    base_pred = baseline_predictor(base)

    print(f"knowledge base: {len(base.entries)} entries, index built in {build_ms:.0f} ms")
    print(
        f"question set:   {DATA.relative_to(ROOT)} ({len(rows)} rows;"
        f" dev {len(dev)}, test {len(test)})"
    )
    print()
    # (name, rows, sealed). Tuned-on sets may be read and tuned against (-v prints their
    # misses). Sealed sets are only ever scored: nobody reads their rows or misses, and
    # --dev-only leaves them out so that tuning runs do not even see their summary.
    sets: list[tuple[str, Sequence[tuple[str, str]], bool]] = [
        ("dev", dev, False),
        ("test", test, True),
        ("all", rows, True),
    ]
    if STARTER.exists():
        sets.append(("starter", read_tsv(STARTER), False))
    for extra_name in DEV_SETS:
        extra_path = ROOT / "bench" / "data" / f"employer_questions_{extra_name}.tsv"
        if extra_path.exists():
            sets.append((extra_name, read_tsv(extra_path), False))
    sets += sealed_files(argv)
    if dev_only:
        sets = [item for item in sets if not item[2]]
    for name, predictor in (
        ("powbot FaqIndex", ours),
        (f"baseline (token_set_ratio >= {BASELINE_CUTOFF:.0f})", base_pred),
    ):
        print(f"== {name}")
        answerer = faq_answerer(index) if predictor is ours else None
        for set_name, data, sealed in sets:
            scores, misses = evaluate(data, *predictor, answer=answerer)
            print(f"  {set_name:8} {fmt(scores, answerer is not None)}")
            if verbose and predictor is ours and not sealed:
                print("\n".join(misses))
        print()

    if "--no-latency" in argv:
        return 0
    questions = [q for q, _ in rows]
    p50, p95 = latency_ms(questions, index.search)
    b50, b95 = latency_ms(questions, lambda q: base_pred[0](q))
    print("== latency per question (ms)")
    print(
        f"  real base ({len(base.entries)} entries)      FaqIndex p50 {p50:6.2f}  p95 {p95:6.2f}"
        f" | baseline p50 {b50:6.2f}  p95 {b95:6.2f}"
    )
    syn = synthetic_base(base, SYNTHETIC_SIZE)
    t0 = time.perf_counter()
    syn_index = FaqIndex(syn)
    syn_build = (time.perf_counter() - t0) * 1000
    s50, s95 = latency_ms(questions, syn_index.search)
    syn_base_pred = baseline_predictor(syn)
    sb50, sb95 = latency_ms(questions, lambda q: syn_base_pred[0](q))
    print(
        f"  synthetic ({len(syn.entries)} entries)     FaqIndex p50 {s50:6.2f}  p95 {s95:6.2f}"
        f" | baseline p50 {sb50:6.2f}  p95 {sb95:6.2f}   (index built in {syn_build:.0f} ms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
