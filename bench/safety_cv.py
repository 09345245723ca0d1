"""Cross-validation of the crisis model (safety_model.py): choose its thresholds on examples
the model did not see, not on the bench sets.

    python bench/safety_cv.py               # 5 folds over safety/examples.tsv
    python bench/safety_cv.py --folds 3
    python bench/safety_cv.py --explain     # why each held-out 'none' example got the full reply
    python bench/safety_cv.py --grid none-crisis     # the second opinion's settings instead
    python bench/safety_cv.py --grid none-ordinary   # (safety_opinion.py; 99 / -99: off)

Each fold of examples.tsv is left out of training (the phrases of the language files always
stay in), then scored by the whole detector with that fold's model: the rules are fixed, so
the figures measure what the model adds on messages it never saw. Printed per threshold:
recall on crisis examples and false alarms on 'none' examples (most of them hard negatives),
for a full alarm and for the 'possible crisis' tier below it.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from powbot.knowledge import safety as safety_module  # noqa: E402
from powbot.knowledge import safety_opinion, safety_tiers  # noqa: E402
from powbot.knowledge.safety_labels import label_texts  # noqa: E402
from powbot.knowledge.safety_model import NONE, CrisisModel, read_examples  # noqa: E402

CONTENT = ROOT / "powbot" / "knowledge" / "content"
# The setting each --grid varies: (module, name, values).
GRIDS = {
    "possible": (safety_tiers, "POSSIBLE_THRESHOLD", (-0.4, -0.3, -0.2, -0.1, 0.0, 0.1, 0.2, 0.3)),
    "none-crisis": (safety_opinion, "NONE_CRISIS", (-99.0, -0.4, -0.2, 0.0, 0.2, 0.4)),
    "none-ordinary": (safety_opinion, "NONE_ORDINARY", (99.0, 0.6, 0.4, 0.2, 0.0, -0.2)),
}


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    full = safety_module.load_safety(CONTENT)
    rows = [
        (safety_module.normalise(t), k)
        for t, k in read_examples(CONTENT / "safety" / "examples.tsv", safety_module.KINDS)
    ]
    phrases = [
        (" ".join(words), kind)
        for lang in full.languages.values()
        for kind, items in lang.phrases.items()
        for words in items
    ]
    labels = label_texts(CONTENT)
    random.Random(13).shuffle(rows)
    module, name, grid = GRIDS[args.grid]
    chosen = getattr(module, name)
    # per value of the setting: crisis [full, helped, n], none [full, possible, n]
    stats = {t: [0, 0, 0, 0, 0, 0] for t in grid}
    explained: list[str] = []
    for fold in range(args.folds):
        test = rows[fold :: args.folds]
        train = [r for i, r in enumerate(rows) if i % args.folds != fold]
        # The answer labels train the `none` class as in the shipped model (safety_labels.py).
        model = CrisisModel(train + phrases, full.concepts.tag, ordinary=labels)
        content = dataclasses.replace(full, model=model)
        if args.explain:
            setattr(module, name, chosen)
            explained += [
                f"{why(content, text)}\t{text[:110]}"
                for text, kind in test
                if kind == NONE and (hit := content.check(text)) is not None and not hit.possible
            ]
        for t in grid:
            setattr(module, name, t)
            for text, kind in test:
                count(stats[t], kind, content.check(text))
    setattr(module, name, chosen)
    report(args.folds, len(rows), stats, name)
    if args.explain:
        print(f"\nheld-out ordinary examples with the full reply ({len(explained)}):")
        for line in sorted(explained):
            print("  " + line)
    return 0


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The options; the tier settings they name are set on safety_tiers at once."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--grid", choices=sorted(GRIDS), default="possible", help="what to vary")
    parser.add_argument(
        "--support", type=float, default=None, help="model margin a lone rule hit needs"
    )
    parser.add_argument(
        "--calm-drop", type=float, default=None, help="model margin a calm, unbacked line needs"
    )
    parser.add_argument(
        "--model-alone",
        type=float,
        default=None,
        help="margin the model alone needs for the full reply",
    )
    for flag in ("none-crisis", "none-ordinary"):
        parser.add_argument(f"--{flag}", type=float, default=None, help="safety_opinion.py")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="list the held-out ordinary examples that got the full reply, and which signal gave it",
    )
    args = parser.parse_args(argv)
    for name, value in (
        ("MODEL_ALONE", args.model_alone),
        ("CALM_DROP", args.calm_drop),
        ("SUPPORT", args.support),
    ):
        if value is not None:
            setattr(safety_tiers, name, value)
    for name, value in (
        ("NONE_CRISIS", args.none_crisis),
        ("NONE_ORDINARY", args.none_ordinary),
    ):
        if value is not None:
            setattr(safety_opinion, name, value)
    return args


def count(row: list[int], kind: str, hit: safety_module.SafetyHit | None) -> None:
    if kind != NONE:
        row[2] += 1
        if hit is not None:
            row[0] += not hit.possible
            row[1] += (not hit.possible) or kind in hit.kinds
    else:
        row[5] += 1
        if hit is not None:
            row[3 if not hit.possible else 4] += 1


def report(folds: int, examples: int, stats: dict[float, list[int]], name: str) -> None:
    pct = lambda a, b: round(100 * a / b, 1) if b else 0.0  # noqa: E731
    print(f"{folds}-fold over {examples} examples (phrases always in training);")
    print(
        f"full alarm above THRESHOLD {safety_tiers.THRESHOLD} (a lone rule hit: above SUPPORT"
        f" {safety_tiers.SUPPORT}; the model alone: above MODEL_ALONE"
        f" {safety_tiers.MODEL_ALONE}); second opinion: NONE_CRISIS"
        f" {safety_opinion.NONE_CRISIS}, NONE_ORDINARY {safety_opinion.NONE_ORDINARY};"
        f" t is {name}:"
    )
    for t, (full_hits, helped, n, fired, maybe, m) in stats.items():
        print(
            f"  t {t:5}: recall {pct(helped, n):5} % (full {pct(full_hits, n):5} %)"
            f"  false alarms {pct(fired, m):5} % + possible {pct(maybe, m):5} %"
        )


def why(content: safety_module.SafetyContent, plain: str) -> str:
    """Which signal gave the full reply: an alarm combination (its components), a phrase or
    pattern the model backed (kind and margin), or the model alone (kind and margin)."""
    words = plain.split()
    rules, _ = content._rule_hits(words, plain)
    tags = content.concepts.tag(plain)
    combos = [
        "+".join(sorted(rule.needs))
        for rule in content.concepts.rules
        if rule.tier == "alarm" and rule.needs <= tags
    ]
    margins = content.model.margins(plain, tags) if content.model else {}
    parts = [f"combo {c}" for c in combos]
    parts += [
        f"rule {k} {margins.get(k, 0):+.2f}"
        for k in sorted(rules)
        if margins.get(k, 0) > safety_tiers.SUPPORT
    ]
    if not parts and margins:
        kind = max(margins, key=lambda k: margins[k])
        parts.append(f"model {kind} {margins[kind]:+.2f}")
    return "; ".join(parts)


if __name__ == "__main__":
    sys.exit(main())
