"""Cross-validation of the crisis model (safety_model.py): choose its thresholds on examples
the model did not see, not on the bench sets.

    python bench/safety_cv.py               # 5 folds over safety/examples.tsv
    python bench/safety_cv.py --folds 3

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
from powbot.knowledge import safety_tiers  # noqa: E402
from powbot.knowledge.safety_model import NONE, CrisisModel, read_examples  # noqa: E402

CONTENT = ROOT / "powbot" / "knowledge" / "content"
GRID = (-0.4, -0.3, -0.2, -0.1, 0.0, 0.1, 0.2, 0.3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--support", type=float, default=None, help="model margin a lone rule hit needs"
    )
    parser.add_argument(
        "--calm-drop", type=float, default=None, help="model margin a calm, unbacked line needs"
    )
    args = parser.parse_args(argv)
    if args.calm_drop is not None:
        safety_tiers.CALM_DROP = args.calm_drop
    if args.support is not None:
        safety_tiers.SUPPORT = args.support
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
    random.Random(13).shuffle(rows)
    # per possible-threshold: crisis [full, helped, n], none [full, possible, n]
    stats = {t: [0, 0, 0, 0, 0, 0] for t in GRID}
    for fold in range(args.folds):
        test = rows[fold :: args.folds]
        train = [r for i, r in enumerate(rows) if i % args.folds != fold]
        content = dataclasses.replace(full, model=CrisisModel(train + phrases, full.concepts.tag))
        for t in GRID:
            safety_tiers.POSSIBLE_THRESHOLD = t
            for text, kind in test:
                hit = content.check(text)
                row = stats[t]
                if kind != NONE:
                    row[2] += 1
                    if hit is not None:
                        row[0] += not hit.possible
                        row[1] += (not hit.possible) or kind in hit.kinds
                else:
                    row[5] += 1
                    if hit is not None:
                        row[3 if not hit.possible else 4] += 1
    pct = lambda a, b: round(100 * a / b, 1) if b else 0.0  # noqa: E731
    print(f"{args.folds}-fold over {len(rows)} examples (phrases always in training);")
    print(
        f"full alarm above THRESHOLD {safety_tiers.THRESHOLD} (a lone rule hit: above SUPPORT"
        f" {safety_tiers.SUPPORT}), possible line above t:"
    )
    for t, (full_hits, helped, n, fired, maybe, m) in stats.items():
        print(
            f"  t {t:5}: recall {pct(helped, n):5} % (full {pct(full_hits, n):5} %)"
            f"  false alarms {pct(fired, m):5} % + possible {pct(maybe, m):5} %"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
