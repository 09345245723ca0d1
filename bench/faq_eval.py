"""FAQ retrieval benchmark: accuracy, "I don't know" quality and latency.

Run from the repo root:  python bench/faq_eval.py [-v] [--dev-only] [--no-latency]
                                                   [--sealed-file NAME=PATH ...]
  --sealed-file a set kept outside the repository until it is scored: totals only
  -v            print the misses of the sets that may be tuned on (never of sealed sets)
  --dev-only    leave the sealed sets out entirely: use this while tuning
  --no-latency  skip the latency part (and the 5,000-entry synthetic index build)

Data: bench/data/employer_questions.tsv (columns ``question``, ``instrument``; ``none`` means
out of scope). Rows alternate between a dev half (even rows, used to tune the retriever and
the synonyms) and a held-out test half (odd rows); both are reported. The shared starter set
(../shared/eval/employer_questions_starter.tsv, label ``out-of-scope``) is reported too when
present. A plain baseline (RapidFuzz token_set_ratio against all example questions, no
normalisation, fixed cutoff) runs on the same questions. Further sets, each written by a
helper who had not seen the knowledge base: employer_questions_heldout2.tsv and
employer_questions_blind_a.tsv (both tuned on after their first run) and
employer_questions_blind_test.tsv (sealed for its first two runs, before and after the
2026-11-23 changes; tuned on after that), employer_questions_blind_c.tsv and
employer_questions_blind_d.tsv (scored sealed, then opened and tuned on at the end of
2026-11-23), employer_questions_blind_e.tsv (sealed; scored once after that tuning) and
employer_questions_blind_f.tsv (sealed; scored once, at the end of the 2026-11-23 round), employer_questions_blind_g.tsv
(written 2026-11-23, scored once on the untouched commit 43d3061, then opened for tuning),
employer_questions_blind_h.tsv (the same, scored once at ca33363 after blind_g's tuning),
employer_questions_blind_i.tsv (sealed; scored before and after the phrasing augmentation),
employer_questions_blind_j.tsv (written blind 2026-12-07, scored once at 73df1e2, then tuned on),
employer_questions_blind_l.tsv (the same, scored once at 4b2756b after blind_j's tuning),
employer_questions_blind_k.tsv (written blind 2026-12-07; sealed, scored at 73df1e2 and 09e9243),
employer_questions_blind_m.tsv (written blind 2026-12-07; sealed, scored at 30da118),
employer_questions_blind_n.tsv (written blind 2026-12-07, scored once at b2faf65, then tuned on),
employer_questions_blind_o.tsv (written blind 2026-12-07; sealed, scored at b2faf65 and db89baf),
employer_questions_blind_p.tsv (written blind 2026-12-07, scored once at 0e104fb, then tuned on),
employer_questions_blind_q.tsv (written blind 2026-12-07; kept outside the repository
until scored with --sealed-file, now in bench/data as SEALED; at 0e104fb: top-1 91.2 %, idk precision 88.2 %, 6 other-instrument;
after the blind_p round at 6893eee: top-1 91.2 %, top-3 97.1 %, idk precision 88.2 % recall
100 %, 8 other-instrument), and employer_questions_blind_r.tsv (written blind 2026-12-07 by
someone who saw neither the FAQ nor the code; scored once with --sealed-file at 9a93ea8 before
any change: top-1 94.7 %, top-3 95.3 %, idk precision 80.0 % recall 100 %, 2 other-instrument,
0 ja/nee; then tuned on; at e4c3658 after its round: top-1 99.3 %, idk precision 95.2 %, 0
other-instrument), and employer_questions_blind_s.tsv (written blind with blind_r; kept
outside the repository until scored with --sealed-file, now in bench/data as SEALED; at
9a93ea8 before the blind_r round: top-1 92.0 %, top-3 93.3 %, clarify 3.3 %, idk precision
73.1 % recall 95.0 %, 5 other-instrument, 0 ja/nee; at e4c3658 after it: top-1 92.0 %, top-3
93.3 %, clarify 2.7 %, idk precision 73.1 % recall 95.0 %, 5 other-instrument, 0 ja/nee: the
blind_r round did not carry over). In the same run at e4c3658 the repository's sealed sets,
against 9a93ea8: blind_e 98.2 % top-1, 1 other-instrument (98.8, 2); blind_f 98.8, 1 (the same);
blind_i 97.0, 4 (95.8, 4); blind_k 88.2, 9 (88.2, 10); blind_m 95.9, 3 (95.3, 3); blind_o 97.6, 4
(97.1, 4); blind_q 91.2 %, 11 other-instrument (91.2, 8; clarify 4.7 -> 2.9 %, so probably
questions that got a choice now get a direct answer about another instrument; the committed
tree at e4c3658 alone gives the same, so it is that round's doing; rows not read, not tuned on).
Every sealed set (blind_e, f, i, k, m, o; q since this round) was scored at b2faf65 and at db89baf, before and after
the blind_n round.

The blind_t round (2026-12-07): every earlier set's scoring rounds are done and recorded
above, so all of them are now dev sets, read and tuned on (-v prints their misses): heldout2,
probe, blind_a, blind_test (employer_questions_blind_test.tsv, printed as blind_test since
blind_t is the new set), blind_c to blind_s. The dev/test halves of employer_questions.tsv
stay a split (test and all are not printed with -v). One label changed: blind_r's 'Mag ik in
het sollicitatiegesprek vragen naar zijn gezondheid of beperking?' werkplekaanpassing -> none,
as the same question is labelled in blind_a, c, g, h, l, m and o and as the content routes it
(the recruitment topic; wa-duty states the rule beside the adjustment duty).
employer_questions_blind_t.tsv (written blind 2026-12-07 by someone who saw neither the FAQ
nor the code; kept outside the repository until scored with --sealed-file, then in bench/data
as SEALED; opened as a dev set in the blind_u round): at e79fd17 before the round: top-1 94.4 %, top-3 96.1 %,
clarify 2.8 % (n=180), idk precision 76.0 % recall 95.0 % (n=20), 0 ja/nee, 3
other-instrument (baseline 59.4 % top-1); at e8858a6 after it: top-1 95.0 %,
top-3 96.7 %, clarify 2.2 %, idk precision 79.2 % recall 95.0 %, 0 ja/nee, 4 other-instrument
(one more than before: the round's fixes lowered it on the dev sets, 40 -> 22 summed, but did
not carry over to this set's misleading answers; rows not read, not tuned on). In the same run
at e8858a6 against e79fd17 (the dev sets, opened in this round): blind_e 98.8 % top-1, 0
other-instrument (98.2, 1); blind_i 97.6, 3 (97.0, 4); blind_k 89.9, 6 (88.2, 9); blind_m 96.5,
1 (95.9, 3); blind_o 97.6, 2 (97.6, 4); blind_q 93.5, 4 (91.2, 11); blind_r 100.0, 0 (99.3, 0;
one label changed, above); blind_s 95.3, 3 (92.0, 5); no set's top-1 or idk figures lower.
blind_q's rise from 8 to 11 other-instrument answers in the blind_r round (e4c3658) was three
questions: a trial placement before a wage subsidy (pp-what), UWV's processing time for a hoist
(ld-conditions) and money for an mbo learning place (bbl-what); after this round the first gets
a choice, the other two the right instrument.
The seeker round of 2026-12-07 evening (9d97930 -> 1255b9a; the index split by concept, job
seekers' own entries over employer-only ones, a job-seeker text on nrp-who, the bbl subsidy
answer without its 2024 window): every set here, blind_t included, gave the same figures
before and after, to the last digit (top-1, top-3, clarify, idk precision/recall, 0 ja/nee,
other-instrument as above). Out-of-scope examples tried for "reiskosten woon-werkverkeer" (an
employer-only commuting-allowance topic) and "onze cao loopt af" retrained the classifier and
flipped near-ties on dev, blind_a, blind_k and the seeker sets, so they were left out.
The blind_u round (2026-12-07 evening): blind_t is opened as a dev set (its sealed scoring
is recorded above). A new blind set was split by the lead by line parity; its half A is
employer_questions_blind_u.tsv, scored once with --sealed-file before this round changed
anything, at 75e1419 (the FAQ as at 072b51c, which 0e1e6a8's message names): top-1 100.0 %,
top-3 100.0 %, clarify 1.0 % (n=96), idk precision 100.0 % recall 100.0 % (n=11), 0 ja/nee,
0 other-instrument (baseline 64.6 % top-1); then copied here as a dev set, with no miss to
tune on. Half B stays outside the repository; scored twice, totals only, at b069d26 before
the round's content and at 06429f8 after it, the same both times: top-1 97.9 %, top-3
99.0 %, clarify 2.1 % (n=96), idk precision 90.9 % recall 90.9 % (n=11), 0 ja/nee, 2
other-instrument (baseline 64.6 %). The round (06429f8, issue 15's content) adds ld-sick (a
Wajonger's sickness with loondispensatie), wa-travel (transport a disability needs), the
employer-only topics commuting, collective-agreement, staff-health and staff-contracts, and
bbl-subsidy's coming window. Each change of the examples retrains the classifier and moves
near-ties (on the way dev, blind_a, d, g, i, k, o, q, r, s and t each lost one or two
questions, among them the out-of-scope 'reiskosten' and 'cao' examples of the last round);
each was put back with an example on an employer-only entry or topic, so that the job
seekers' index stays as it is (one dismissal example naming loondispensatie is in both:
seeker_c 93.3 -> 94.2 %, every other seeker set unchanged). Against b069d26, after: no set
lower on top-1 or idk precision/recall; probe 99.1 -> 100 % (idk precision 95.7 -> 100 %),
blind_a idk recall 98.1 -> 100 %, blind_e 98.8 -> 99.4 % (idk 97.1/94.3 -> 100/100 %),
blind_i idk 91.7/94.3 -> 91.9/97.1 %, blind_k 89.9 -> 90.5 %, blind_l 98.2 -> 99.4 % (idk
precision 97.0 -> 100 %), blind_p 97.6 -> 98.2 %, blind_q 93.5 -> 95.3 %, blind_s idk
82.6/95.0 -> 83.3/100 %, blind_t 95.0 -> 95.6 %, the rest (starter and blind_u included)
unchanged; 0 ja/nee on every set; other-instrument summed over the sets 26 -> 24 (blind_i
3 -> 2, blind_s 3 -> 2; left: blind_f 1, i 2, k 6, m 1, n 1, o 2, p 1, q 4, s 2, t 4).
Each set also reports the direct answers that can mislead (aim 0): answers that open with
a bare "Ja"/"Nee"/"Yes"/"No", and answers that state the rule of another instrument than the
one asked (an answer to an out-of-scope question counts). Never read the rows of a sealed set.
Before the next round of tuning, write a new blind set (a helper who sees neither the
knowledge base nor these sets), score it once before and once at the end.
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
HELDOUT2 = ROOT / "bench" / "data" / "employer_questions_heldout2.tsv"
PROBE = ROOT / "bench" / "data" / "employer_questions_probe.tsv"
BLIND_A = ROOT / "bench" / "data" / "employer_questions_blind_a.tsv"
BLIND_TEST = ROOT / "bench" / "data" / "employer_questions_blind_test.tsv"
BLIND_C = ROOT / "bench" / "data" / "employer_questions_blind_c.tsv"
BLIND_D = ROOT / "bench" / "data" / "employer_questions_blind_d.tsv"
BLIND_E = ROOT / "bench" / "data" / "employer_questions_blind_e.tsv"
BLIND_F = ROOT / "bench" / "data" / "employer_questions_blind_f.tsv"
BLIND_G = ROOT / "bench" / "data" / "employer_questions_blind_g.tsv"
BLIND_H = ROOT / "bench" / "data" / "employer_questions_blind_h.tsv"
BLIND_I = ROOT / "bench" / "data" / "employer_questions_blind_i.tsv"
BLIND_J = ROOT / "bench" / "data" / "employer_questions_blind_j.tsv"
BLIND_L = ROOT / "bench" / "data" / "employer_questions_blind_l.tsv"
BLIND_K = ROOT / "bench" / "data" / "employer_questions_blind_k.tsv"
BLIND_M = ROOT / "bench" / "data" / "employer_questions_blind_m.tsv"
BLIND_N = ROOT / "bench" / "data" / "employer_questions_blind_n.tsv"
BLIND_O = ROOT / "bench" / "data" / "employer_questions_blind_o.tsv"
BLIND_Q = ROOT / "bench" / "data" / "employer_questions_blind_q.tsv"
BLIND_P = ROOT / "bench" / "data" / "employer_questions_blind_p.tsv"
BLIND_R = ROOT / "bench" / "data" / "employer_questions_blind_r.tsv"
BLIND_S = ROOT / "bench" / "data" / "employer_questions_blind_s.tsv"
BLIND_T = ROOT / "bench" / "data" / "employer_questions_blind_t.tsv"
BLIND_U = ROOT / "bench" / "data" / "employer_questions_blind_u.tsv"
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


def misleading(rows: Sequence[tuple[str, str]], answer: Answerer) -> tuple[int, int]:
    """(answers opening with yes/no, answers about another instrument than asked)."""
    yes_no = other = 0
    for q, y in rows:
        entry = answer(q)
        if entry is None:
            continue
        yes_no += opens_with_yes_no(entry.answer.nl) or opens_with_yes_no(entry.answer.en)
        other += not entry.answers_for(y)
    return yes_no, other


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
        scores.yes_no, scores.other_instrument = misleading(rows, answer)
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
    extra = (
        ("heldout2", HELDOUT2, False),  # written blind; tuned on after its first run
        ("probe", PROBE, False),  # written by a helper who had seen the base
        ("blind_a", BLIND_A, False),  # written blind; tuned on after its first run
        ("blind_test", BLIND_TEST, False),  # written blind; sealed for two runs, then tuned on
        ("blind_c", BLIND_C, False),  # written blind; scored three times sealed, now tuned on
        ("blind_d", BLIND_D, False),  # written blind; scored once sealed, now tuned on
        ("blind_e", BLIND_E, False),  # written blind; scored sealed, opened 2026-12-07
        ("blind_f", BLIND_F, False),  # written blind; scored sealed, opened 2026-12-07
        ("blind_g", BLIND_G, False),  # written blind; scored once at 43d3061, then tuned on
        ("blind_h", BLIND_H, False),  # written blind; scored once at ca33363, then tuned on
        ("blind_i", BLIND_I, False),  # written blind; scored sealed, opened 2026-12-07
        # Written blind on 2026-12-07: blind_j scored once at 73df1e2 (top-1 90.0 %, 14 answers
        # about another instrument) and blind_l once at 4b2756b, then both tuned on; blind_k
        # sealed, scored at 73df1e2 and at 09e9243. All three are dev sets since 2026-12-07.
        ("blind_j", BLIND_J, False),
        ("blind_k", BLIND_K, False),
        ("blind_l", BLIND_L, False),
        # Sealed; scored at 30da118 (top-1 95.3 %, 3 other-instrument answers) and once with
        # 444 extra example questions that were then dropped (95.3 %, 3; the tuned-on blind_d
        # and blind_g went down). Opened (dev) 2026-12-07.
        ("blind_m", BLIND_M, False),
        # Small-business owners on a phone (NL/EN, keywords and long stories, one instrument
        # named as context while another is asked). Written blind on 2026-12-07, scored once at
        # b2faf65 (top-1 95.9 %, 8 answers about another instrument, idk precision 96.3 %,
        # recall 86.7 %), then tuned on. One label changed after that first score: 'Can I hire a
        # refugee from Ukraine ..., do I need a work permit' none -> wsp-contact (the entry
        # wsp-refugees states that rule).
        ("blind_n", BLIND_N, False),
        # HR and payroll staff (formal, comparisons, edge cases). Written blind on 2026-12-07;
        # sealed (kept outside the repository until then), scored at b2faf65 before the
        # blind_n round (top-1 97.1 %, 4 other-instrument answers, idk precision 93.5 %, recall
        # 96.7 %) and at db89baf after it (the same four figures; clarify 2.4 -> 3.5 %).
        # Opened (dev) 2026-12-07.
        ("blind_o", BLIND_O, False),
        # Written blind 2026-12-07, scored once at 0e104fb (top-1 91.8 %, top-3 97.6 %, idk
        # precision 96.8 % recall 100 %, 9 other-instrument), then tuned on.
        ("blind_p", BLIND_P, False),
        # Written blind 2026-12-07 with blind_p, scored sealed at 0e104fb, 6893eee and e4c3658
        # (see the docstring); opened (dev) in the blind_t round.
        ("blind_q", BLIND_Q, False),
        # Written blind 2026-12-07, scored once at 9a93ea8 (top-1 94.7 %, idk precision 80.0 %,
        # 2 other-instrument), then tuned on.
        ("blind_r", BLIND_R, False),
        # Written blind 2026-12-07 with blind_r, scored sealed at 9a93ea8 and e4c3658
        # (see the docstring); opened (dev) in the blind_t round.
        ("blind_s", BLIND_S, False),
        # Written blind 2026-12-07, scored sealed with --sealed-file at e79fd17 and e8858a6
        # (see the docstring); opened (dev) in the blind_u round.
        ("blind_t", BLIND_T, False),
        # Half A (the even lines) of a set written blind 2026-12-07 evening; scored once with
        # --sealed-file before the round (see the docstring), then tuned on. Half B stays
        # outside the repository, scored with --sealed-file as totals only.
        ("blind_u", BLIND_U, False),
    )
    for extra_name, extra_path, sealed in extra:
        if extra_path.exists():
            sets.append((extra_name, read_tsv(extra_path), sealed))
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
