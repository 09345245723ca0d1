"""The training step of a classifier, in a process of its own.

Run as ``python -m powbot.knowledge.classifier_child`` by ``classifier._train_apart``: it
reads (classifier class, docs, labels) pickled on stdin, trains, and writes the plain-array
model pickled on stdout. Only the parent process, which just made the data, talks to it.
"""

from __future__ import annotations

import pickle
import sys


def main() -> None:
    cls, docs, labels = pickle.load(sys.stdin.buffer)
    pickle.dump(cls._train(docs, labels), sys.stdout.buffer)


if __name__ == "__main__":
    main()
