"""How well does the bot understand free text? Crisis recall per language, false alarms on
ordinary messages, intent accuracy and the latency per message of the whole check.

    python bench/understanding_eval.py                 # the sets in bench/data/understanding/
    python bench/understanding_eval.py --crisis other_crisis.tsv --ordinary other.tsv --json
    python bench/understanding_eval.py --totals     # sealed batches: counts only, pooled
    # a new blind batch, counts only (--with-heldout: pooled with the sealed batches):
    python bench/understanding_eval.py --totals --sealed-crisis c.tsv --sealed-ordinary o.tsv

The default sets include the held-out dev batches (heldout/*_dev*.tsv, written in another
voice and since tuned on; dev12 and dev13 are scored with --crisis/--ordinary). Each sealed
pair (heldout/*_sealed*.tsv) is scored on its own line and must never be tuned on: its figure
is the honest estimate for phrasings nobody wrote in. (Rounds 12-14 opened the misses of
sealed..sealed16 as dev material once each had been scored twice; see heldout/README.md.) A
new blind batch is scored with --totals: counts per language and kind, never a line of it.

Sets (tab-separated, with a header):
- crisis:   text, lang, kind, role, about (self|other) — every line must raise crisis help;
- ordinary: text, source — none may (the FAQ bench questions in bench/data/*.tsv are added);
- intents:  text, role, intent (greeting|human|help|language|stop|menu|vacancy|jobs|code|none).
Aims (issue 13): crisis recall >= 99 %, false alarms <= 1 % on >= 1,000 messages, p95 <= 5 ms.
"""

from __future__ import annotations

import argparse
import csv
import glob
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from powbot.features.understanding import intents as intent_module  # noqa: E402
from powbot.features.understanding import language as language_module  # noqa: E402
from powbot.knowledge.catalog import load_catalog  # noqa: E402
from powbot.knowledge.safety import load_safety  # noqa: E402

DATA = ROOT / "bench" / "data"
CONTENT = ROOT / "powbot" / "knowledge" / "content"
HELD = DATA / "understanding" / "heldout"
# Kind names a blind writer may use for ours (sealed15 was written with the first three).
KIND_ALIASES = {
    "food": "no_food",
    "homeless": "no_shelter",
    "violence": "unsafe_home",
    "self_harm": "suicide",
    "self-harm": "suicide",
}


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [
            row
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            if (row.get("text") or row.get("question") or "").strip()
        ]
    for row in rows:
        if not row.get("source"):  # later batches name the writer's role instead
            row["source"] = row.get("role") or "hard"
        if row.get("kind"):
            row["kind"] = KIND_ALIASES.get(row["kind"].strip(), row["kind"].strip())
    return rows


# Questions of the FAQ benches that must never be read (bench/faq_eval.py and
# bench/seeker_faq_eval.py): their sealed sets, and the held-out odd rows of
# employer_questions.tsv. They count as ordinary messages here, but --show never lists them
# (round 14 found --show printing lines of seeker_questions_blind_g).
SEALED_FAQ = frozenset(
    {"employer_questions_blind_t", "seeker_questions_blind_g", "seeker_questions_blind_h"}
)
HELD_OUT_ROWS = frozenset({"employer_questions"})  # odd data rows: the FAQ's test half


def faq_questions() -> list[dict[str, str]]:
    seen: set[str] = set()
    rows: list[dict[str, str]] = []
    for file in sorted(glob.glob(str(DATA / "*.tsv"))):
        stem = Path(file).stem
        for number, row in enumerate(read(Path(file))):
            text = row["question"].strip()
            if text not in seen:
                seen.add(text)
                hidden = stem in SEALED_FAQ or (stem in HELD_OUT_ROWS and number % 2 == 1)
                rows.append(
                    {"text": text, "source": "faq:" + stem, "hidden": "1" if hidden else ""}
                )
    return rows


def pct(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 2) if whole else 0.0


def eval_crisis(safety: Any, rows: list[dict[str, str]]) -> dict[str, Any]:
    per: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    misses: list[str] = []
    for row in rows:
        hit = safety.check(row["text"])
        stats = per[row["lang"]]
        stats["n"] += 1
        possible = hit is not None and getattr(hit, "possible", False)
        # A possible hit is help only when its one line names the help for this kind.
        if hit is None or (possible and row["kind"] not in hit.kinds):
            misses.append(f"{row['lang']}\t{row['kind']}\t{row['text']}")
            continue
        stats["hit"] += 1
        stats["possible"] += possible
        stats["kind"] += row["kind"] in hit.kinds
        stats["help_language"] += hit.language == row["lang"]
        stats["about"] += hit.about_other == (row.get("about") == "other")
        stats["model"] += getattr(hit, "by_model", False)
    report = {
        lang: {
            "messages": s["n"],
            "recall_pct": pct(s["hit"], s["n"]),
            "full_alarm_pct": pct(s["hit"] - s["possible"], s["n"]),
            "right_kind_pct": pct(s["kind"], s["n"]),
            "help_in_their_language_pct": pct(s["help_language"], s["hit"]),
            "self_or_other_right_pct": pct(s["about"], s["hit"]),
            "caught_by_model_only": s["model"],
        }
        for lang, s in sorted(per.items())
    }
    total = sum(s["n"] for s in per.values())
    hits = sum(s["hit"] for s in per.values())
    full = hits - sum(s["possible"] for s in per.values())
    return {
        "per_language": report,
        "recall_pct": pct(hits, total),
        "full_alarm_pct": pct(full, total),
        "misses": misses,
    }


def eval_false_alarms(safety: Any, rows: list[dict[str, str]]) -> dict[str, Any]:
    """Full false alarms (the crisis reply) and possible ones (one added line), apart."""
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    alarms: list[str] = []
    for row in rows:
        group = row["source"].split(":")[0]
        per[group][0] += 1
        hit = safety.check(row["text"])
        if hit is not None:
            possible = getattr(hit, "possible", False)
            per[group][2 if possible else 1] += 1
            tier = "possible" if possible else "ALARM"
            if row.get("hidden"):
                continue  # counted, never listed
            alarms.append(f"{tier}\t{','.join(hit.kinds)}\t{row['text'][:140]}")
    total = sum(n for n, _, _ in per.values())
    fired = sum(f for _, f, _ in per.values())
    maybe = sum(m for _, _, m in per.values())
    return {
        "messages": total,
        "false_alarm_pct": pct(fired, total),
        "possible_line_pct": pct(maybe, total),
        "per_source": {
            g: {"messages": n, "false_alarm_pct": pct(f, n), "possible_line_pct": pct(m, n)}
            for g, (n, f, m) in per.items()
        },
        "alarms": alarms,
    }


def eval_intents(catalog: Any, rows: list[dict[str, str]]) -> dict[str, Any]:
    """Accuracy per intent; `by_model`: right answers the word-list rules alone missed (the
    trained model's, intent_guess.py), `overruled`: rule intents the model turned down."""
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    wrong: list[str] = []
    by_model = overruled = 0
    for row in rows:
        got = intent_module.detect_text(catalog, row["text"], row["role"]) or "none"
        rules = intent_module.detect_by_rules(catalog, row["text"], row["role"]) or "none"
        per[row["intent"]][0] += 1
        if got == row["intent"]:
            per[row["intent"]][1] += 1
            by_model += rules != got and rules == "none"
            overruled += rules != got and got == "none"
        else:
            wrong.append(f"{row['role']}\t{row['text']}\texpected {row['intent']}, got {got}")
    total = sum(n for n, _ in per.values())
    right = sum(r for _, r in per.values())
    return {
        "messages": total,
        "accuracy_pct": pct(right, total),
        "per_intent": {i: pct(r, n) for i, (n, r) in sorted(per.items())},
        "right_by_model": by_model,
        "right_by_overruling": overruled,
        "wrong": wrong,
    }


def eval_intent_intrusions(catalog: Any, ordinary: list[dict[str, str]]) -> dict[str, Any]:
    """Ordinary messages (FAQ questions as an employer, answers and check-in replies as a
    job seeker) that an intent would take before the step or the FAQ sees them."""
    rows = [r for r in ordinary if not r["source"].startswith("chat")]
    taken = []
    for row in rows:
        role = "employer" if row["source"].startswith("faq") else "seeker"
        got = intent_module.detect_text(catalog, row["text"], role)
        if got is not None:
            taken.append("" if row.get("hidden") else f"{got}\t{row['text'][:120]}")
    return {"messages": len(rows), "taken_pct": pct(len(taken), len(rows)), "taken": taken}


def eval_languages(crisis: list[dict[str, str]], ordinary: list[dict[str, str]]) -> dict[str, Any]:
    """The 'I speak Dutch and English' note: foreign text recognised, nl/en text never."""
    detect = language_module.foreign_language.__wrapped__  # type: ignore[attr-defined]
    foreign = [r["text"] for r in crisis if r["lang"] not in ("nl", "en")]
    ours = [r["text"] for r in crisis if r["lang"] in ("nl", "en")] + [
        r["text"] for r in ordinary if r["source"].startswith(("faq", "questionnaire", "checkin"))
    ]
    found = sum(detect(text) is not None for text in foreign)
    wrongly = [text for text in ours if detect(text) is not None]
    return {
        "foreign_messages": len(foreign),
        "foreign_recognised_pct": pct(found, len(foreign)),
        "dutch_english_messages": len(ours),
        "dutch_english_called_foreign_pct": pct(len(wrongly), len(ours)),
        "called_foreign": wrongly[:20],
    }


def eval_sealed(
    safety: Any, crisis: list[dict[str, str]], ordinary: list[dict[str, str]]
) -> dict[str, Any]:
    """The sealed batch: scored, never tuned on (misses are not listed, not even with --show)."""
    found = eval_crisis(safety, crisis)
    alarms = eval_false_alarms(safety, ordinary)
    return {
        "crisis_messages": len(crisis),
        "recall_pct": found["recall_pct"],
        "full_alarm_pct": found["full_alarm_pct"],
        "recall_per_language": {k: v["recall_pct"] for k, v in found["per_language"].items()},
        "hard_negatives": alarms["messages"],
        "false_alarm_pct": alarms["false_alarm_pct"],
        "possible_line_pct": alarms["possible_line_pct"],
    }


def sealed_totals(safety: Any, batches: list[tuple[Path, Path]]) -> list[str]:
    """Counts only, never a text: per batch and pooled, crisis messages helped (a full alarm
    or a possible line naming the right help) and full alarms per language and per kind, and
    full false alarms and possible lines on the ordinary messages."""
    pooled: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    lines: list[str] = []

    def add(table: dict[str, list[int]], key: str, helped: bool, full: bool) -> None:
        table[key][0] += 1
        table[key][1] += helped
        table[key][2] += full

    for crisis_path, ordinary_path in batches:
        per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for row in read(crisis_path):
            hit = safety.check(row["text"])
            possible = hit is not None and hit.possible
            helped = hit is not None and (not possible or row["kind"] in hit.kinds)
            full = hit is not None and not possible
            for table in (per, pooled):
                for key in ("lang " + row["lang"], "kind " + row["kind"], "ALL crisis"):
                    add(table, key, helped, full)
        for row in read(ordinary_path):
            hit = safety.check(row["text"])
            possible = hit is not None and hit.possible
            for table in (per, pooled):  # for ordinary messages: [n, possible, full]
                add(table, "ordinary", possible, hit is not None and not possible)
        lines += [crisis_path.stem, *_count_lines(per)]
    if len(batches) > 1:
        lines += [f"POOLED over {len(batches)} batches", *_count_lines(pooled)]
    return lines


def _count_lines(table: dict[str, list[int]]) -> list[str]:
    rows = []
    for key in sorted(table, key=lambda k: (k == "ordinary", k == "ALL crisis", k)):
        n, helped, full = table[key]
        if key == "ordinary":
            rows.append(
                f"  ordinary        {n:5}  full false alarms {full:4} ({pct(full, n)} %)"
                f"  possible lines {helped:4} ({pct(helped, n)} %)"
            )
        else:
            rows.append(
                f"  {key:14}  {n:5}  helped {helped:5} ({pct(helped, n)} %)"
                f"  full {full:5} ({pct(full, n)} %)"
            )
    return rows


def _batch_number(path: Path) -> tuple[int, str]:
    """crisis_sealed.tsv is batch 1, crisis_sealed13.tsv batch 13."""
    digits = path.stem.rsplit("sealed", 1)[-1]
    return (int(digits) if digits.isdigit() else 1, path.name)


def sealed_batches(args: argparse.Namespace) -> list[tuple[Path, Path]]:
    """The sealed pairs to score: the one named, else every crisis_sealed*.tsv with its
    ordinary_sealed*.tsv (each written blind by someone who never saw the detector), in the
    order they were written: sealed, sealed2 ... sealed16. With --with-heldout, the one named
    comes first and all of these after it."""
    pairs = []
    if args.sealed_crisis is not None:
        pairs.append((args.sealed_crisis, args.sealed_ordinary))
        if not args.with_heldout:
            return pairs
    for crisis_path in sorted(HELD.glob("crisis_sealed*.tsv"), key=_batch_number):
        ordinary_path = HELD / crisis_path.name.replace("crisis_", "ordinary_", 1)
        if ordinary_path.is_file():
            pairs.append((crisis_path, ordinary_path))
    return pairs


def latency(safety: Any, catalog: Any, texts: list[str]) -> dict[str, float]:
    """The whole free-text check per message: safety, intents and language (uncached)."""
    detect = language_module.foreign_language.__wrapped__  # type: ignore[attr-defined]
    times: list[float] = []
    cpu: list[float] = []
    for text in texts:
        start, start_cpu = time.perf_counter(), time.thread_time()
        safety.check(text)
        intent_module.detect_text(catalog, text, "seeker")
        detect(text)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    cpu.sort()
    at95 = int(0.95 * (len(times) - 1))
    return {
        "messages": len(times),
        "p50_ms": round(statistics.median(times), 3),
        "p95_ms": round(times[at95], 3),
        "max_ms": round(times[-1], 3),
        # CPU time of this thread: the same work without the waits of a busy machine.
        "cpu_p95_ms": round(cpu[at95], 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sets = DATA / "understanding"
    parser.add_argument(
        "--crisis",
        type=Path,
        nargs="+",
        default=[
            sets / "crisis.tsv",
            HELD / "crisis_dev.tsv",
            HELD / "crisis_dev2.tsv",
            HELD / "crisis_dev3.tsv",
            HELD / "crisis_dev4.tsv",
            HELD / "crisis_dev5.tsv",
            HELD / "crisis_dev6.tsv",
            HELD / "crisis_dev7.tsv",
            HELD / "crisis_dev8.tsv",
            HELD / "crisis_dev9.tsv",
            HELD / "crisis_dev10.tsv",
            HELD / "crisis_dev11.tsv",
        ],
    )
    parser.add_argument(
        "--ordinary",
        type=Path,
        nargs="+",
        default=[
            sets / "ordinary.tsv",
            HELD / "ordinary_dev.tsv",
            HELD / "ordinary_dev2.tsv",
            HELD / "ordinary_dev3.tsv",
            HELD / "ordinary_dev4.tsv",
            HELD / "ordinary_dev5.tsv",
            HELD / "ordinary_dev6.tsv",
            HELD / "ordinary_dev7.tsv",
            HELD / "ordinary_dev8.tsv",
            HELD / "ordinary_dev9.tsv",
            HELD / "ordinary_dev10.tsv",
            HELD / "ordinary_dev11.tsv",
        ],
    )
    parser.add_argument(
        "--sealed-crisis",
        type=Path,
        help="one sealed crisis batch (default: every heldout/crisis_sealed*.tsv)",
    )
    parser.add_argument("--sealed-ordinary", type=Path, help="its ordinary messages")
    parser.add_argument("--no-sealed", action="store_true", help="leave out the sealed lines")
    parser.add_argument(
        "--totals",
        action="store_true",
        help="only the sealed batches, as counts per language and kind (never a text)",
    )
    parser.add_argument(
        "--with-heldout",
        action="store_true",
        help="with --sealed-crisis: the heldout sealed batches too (pooled with --totals)",
    )
    parser.add_argument("--intents", type=Path, default=DATA / "understanding" / "intents.tsv")
    parser.add_argument("--no-faq", action="store_true", help="leave out the FAQ bench questions")
    parser.add_argument("--json", action="store_true", help="one JSON object, no lists")
    parser.add_argument("--show", action="store_true", help="print misses and false alarms")
    parser.add_argument(
        "--intents-only",
        action="store_true",
        help="only the intents: accuracy and the ordinary messages they take (no crisis model)",
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    language_module.warm_up()
    model_ms = round((time.perf_counter() - started) * 1000, 1)
    started = time.perf_counter()
    if args.intents_only:
        return intents_only(args)
    safety = load_safety(CONTENT)
    if args.totals:
        print("\n".join(sealed_totals(safety, sealed_batches(args))))
        return 0
    catalog = load_catalog(CONTENT)
    load_ms = round((time.perf_counter() - started) * 1000, 1)
    crisis = [row for path in args.crisis for row in read(path)]
    ordinary = [row for path in args.ordinary for row in read(path)]
    ordinary += [] if args.no_faq else faq_questions()
    intents = read(args.intents)

    result: dict[str, Any] = {
        "content_load_ms": load_ms,
        "language_model_load_ms": model_ms,
        "crisis": eval_crisis(safety, crisis),
        "false_alarms": eval_false_alarms(safety, ordinary),
        "intents": eval_intents(catalog, intents),
        "intent_intrusions": eval_intent_intrusions(catalog, ordinary),
        "languages": eval_languages(crisis, ordinary),
        "latency": latency(safety, catalog, [r["text"] for r in crisis + ordinary + intents]),
    }
    if not args.no_sealed:
        result["sealed"] = {
            crisis_path.stem: eval_sealed(safety, read(crisis_path), read(ordinary_path))
            for crisis_path, ordinary_path in sealed_batches(args)
        }
    if args.json:
        slim = json.loads(json.dumps(result))
        for section, key in (
            ("crisis", "misses"),
            ("false_alarms", "alarms"),
            ("intents", "wrong"),
            ("intent_intrusions", "taken"),
        ):
            slim[section][key] = len(slim[section][key])
        print(json.dumps(slim, ensure_ascii=False, indent=1))
        return 0
    print_report(result, show=args.show)
    return 0


def intents_only(args: argparse.Namespace) -> int:
    """The intent lines of the report alone (no crisis model to load or train)."""
    catalog = load_catalog(CONTENT)
    ordinary = [row for path in args.ordinary for row in read(path)]
    ordinary += [] if args.no_faq else faq_questions()
    found = eval_intents(catalog, read(args.intents))
    taken = eval_intent_intrusions(catalog, ordinary)
    print(
        f"intent accuracy {found['accuracy_pct']} % of {found['messages']}"
        f" ({found['right_by_model']} right only through the trained model,"
        f" {found['right_by_overruling']} through it overruling a word-list rule)"
    )
    print("  " + "  ".join(f"{k} {v}" for k, v in found["per_intent"].items()))
    print(f"intents taking ordinary messages: {taken['taken_pct']} % of {taken['messages']}")
    if args.show:
        for title, rows in (("wrong intents", found["wrong"]), ("taken", taken["taken"])):
            print(f"\n{title} ({len(rows)}):")
            print("\n".join("  " + row for row in rows if row))
    return 0


def print_report(result: dict[str, Any], *, show: bool) -> None:
    crisis, alarms = result["crisis"], result["false_alarms"]
    print(
        f"crisis recall {crisis['recall_pct']} % (aim >= 99; full alarm"
        f" {crisis['full_alarm_pct']} %, the rest a 'possible crisis' line naming the right help)"
    )
    print("  lang  msgs  recall  full  right-kind  help-in-their-lang  self/other  model-only")
    for lang, s in crisis["per_language"].items():
        print(
            f"  {lang:4} {s['messages']:5} {s['recall_pct']:7} {s['full_alarm_pct']:5}"
            f" {s['right_kind_pct']:11}"
            f" {s['help_in_their_language_pct']:19} {s['self_or_other_right_pct']:11}"
            f" {s['caught_by_model_only']:11}"
        )
    print(
        f"false alarms {alarms['false_alarm_pct']} % of {alarms['messages']} ordinary messages"
        f" (aim <= 1); 'possible crisis' line added to {alarms['possible_line_pct']} %"
    )
    for source, s in alarms["per_source"].items():
        print(
            f"  {source:14} {s['messages']:5} messages  {s['false_alarm_pct']} %"
            f"  (+ possible line {s['possible_line_pct']} %)"
        )
    intents = result["intents"]
    print(
        f"intent accuracy {intents['accuracy_pct']} % of {intents['messages']}"
        f" ({intents['right_by_model']} right only through the trained model,"
        f" {intents['right_by_overruling']} through it overruling a word-list rule)"
    )
    print("  " + "  ".join(f"{k} {v}" for k, v in intents["per_intent"].items()))
    intrusions = result["intent_intrusions"]
    print(
        f"intents taking ordinary messages: {intrusions['taken_pct']} % of"
        f" {intrusions['messages']} (FAQ questions, answers, check-in replies; see --show)"
    )
    languages = result["languages"]
    print(
        f"language note: foreign recognised {languages['foreign_recognised_pct']} %"
        f" of {languages['foreign_messages']}; Dutch/English called foreign"
        f" {languages['dutch_english_called_foreign_pct']} % of {languages['dutch_english_messages']}"
    )
    for name, sealed in result.get("sealed", {}).items():
        print(
            f"SEALED {name} (never tuned on): crisis recall {sealed['recall_pct']} % of"
            f" {sealed['crisis_messages']} (full alarm {sealed['full_alarm_pct']} %), false alarms"
            f" {sealed['false_alarm_pct']} % (+ possible line {sealed['possible_line_pct']} %) of"
            f" {sealed['hard_negatives']} ordinary messages"
        )
        print("  " + "  ".join(f"{k} {v}" for k, v in sealed["recall_per_language"].items()))
    lat = result["latency"]
    print(
        f"latency per message (safety + intents + language): p50 {lat['p50_ms']} ms,"
        f" p95 {lat['p95_ms']} ms (CPU {lat['cpu_p95_ms']} ms), max {lat['max_ms']} ms over"
        f" {lat['messages']} (aim p95 <= 5); language models load once in"
        f" {result['language_model_load_ms']} ms; safety and catalog content load in"
        f" {result['content_load_ms']} ms"
    )
    if show:
        for title, rows in (
            ("missed crisis", crisis["misses"]),
            ("false alarms", alarms["alarms"]),
            ("wrong intents", intents["wrong"]),
            ("intents taking ordinary messages", intrusions["taken"]),
            ("called foreign", languages["called_foreign"]),
        ):
            print(f"\n{title} ({len(rows)}):")
            for row in rows:
                if row:  # an empty row stands for a question of a sealed FAQ set
                    print("  " + row)


if __name__ == "__main__":
    sys.exit(main())
