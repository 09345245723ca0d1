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
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from powbot.knowledge import safety as safety_module  # noqa: E402
from powbot.knowledge.safety_model import NONE, CrisisModel, read_examples  # noqa: E402

CONTENT = ROOT / "powbot" / "knowledge" / "content"
GRID = (-0.5, -0.4, -0.3, -0.2, -0.1, 0.0, 0.1, 0.2, 0.3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
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
    # per threshold: [crisis caught, crisis n, none fired, none n]
    stats = {t: [0, 0, 0, 0] for t in GRID}
    rules_only = [0, 0, 0, 0]
    for fold in range(args.folds):
        test = rows[fold :: args.folds]
        train = [r for i, r in enumerate(rows) if i % args.folds != fold]
        model = CrisisModel(train + phrases)
        for text, kind in test:
            words = text.split()
            kinds, _ = full._rule_hits(words, text)
            margin = model.margin(text) if len(words) >= safety_module.MODEL_MIN_WORDS else -9.0
            crisis = kind != NONE
            rules_only[0 if crisis else 2] += bool(kinds)
            rules_only[1 if crisis else 3] += 1
            for t in GRID:
                fired = bool(kinds) or margin > t
                stats[t][0 if crisis else 2] += fired
                stats[t][1 if crisis else 3] += 1
    pct = lambda a, b: round(100 * a / b, 1) if b else 0.0  # noqa: E731
    print(f"{args.folds}-fold over {len(rows)} examples (phrases always in training)")
    r = rules_only
    print(f"  rules alone: recall {pct(r[0], r[1])} %  false alarms {pct(r[2], r[3])} %")
    for t, (c, n, f, m) in stats.items():
        print(f"  model > {t:5}: recall {pct(c, n):5} %  false alarms {pct(f, m):5} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
