"""CLI helpers: `powbot faq ask` (operator-facing, English)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from powbot.knowledge.errors import KnowledgeError
from powbot.knowledge.faq.index import FaqIndex
from powbot.knowledge.faq.loading import load_faq
from powbot.knowledge.faq.models import LANGS
from powbot.knowledge.faq.render import answer_parts, answer_text


def faq_ask_json(index: FaqIndex, question: str, lang: str) -> dict[str, Any]:
    """Machine-readable outcome. ``instrument``/``entry`` are null when the bot would say it
    does not know; ``answer`` is null unless the bot would answer directly (on "clarify" the
    bot offers ``entry`` plus ``alternatives`` as choices)."""
    result = index.search(question)
    known = result.decision != "unknown" and result.best is not None
    best = result.best if known else None
    return {
        "instrument": best.instrument if best else None,
        "entry": best.id if best else None,
        "out_of_scope_topic": result.topic.id if result.topic else None,
        "score": result.score,
        "answer": answer_text(best, lang) if best and result.decision == "answer" else None,
        "alternatives": [
            {"entry": e.id, "instrument": e.instrument, "score": s} for e, s in result.alternatives
        ],
    }


def _plain(index: FaqIndex, question: str, lang: str) -> str:
    # Operator-facing CLI output (English), not the bot's user-facing text.
    result = index.search(question)
    if result.decision == "vague":
        lines = ["(too general) offer a choice of subjects:"]
        lines += [f"  - {e.id} [{e.instrument}]" for e, _ in result.alternatives]
        return "\n".join(lines)
    if result.decision == "unknown" or result.best is None:
        if result.topic is not None:
            return f"(no answer: out-of-scope topic {result.topic.id!r}; best score {result.score})"
        return f"(no answer; best score {result.score})"
    if result.decision == "clarify":
        options = [(result.best, result.score), *result.alternatives]
        lines = ["(clarify) did you mean:"]
        lines += [f"  - {e.id} [{e.instrument}] score {s}" for e, s in options]
        if result.topic is not None:
            lines.append(f"  (or the out-of-scope topic {result.topic.id!r})")
        return "\n".join(lines)
    parts = answer_parts(result.best, lang)
    return (
        f"[{parts.instrument} / {parts.entry_id}] score {result.score}\n{parts.text}\n"
        f"-- {parts.source_title} <{parts.source_url}> ({parts.reviewed.isoformat()})"
    )


def main_faq_ask(argv: list[str], knowledge_dir: Path) -> int:
    """``powbot faq ask "question" [--lang nl|en] [--json]``; ``-`` reads questions from stdin
    (one per line) and prints one JSON object per line."""
    parser = argparse.ArgumentParser(prog="powbot faq ask", description="Ask the employer FAQ.")
    parser.add_argument("question", help='the question, or "-" to read one per line from stdin')
    parser.add_argument("--lang", choices=LANGS, default="nl", help="answer language")
    parser.add_argument("--json", action="store_true", help="print JSON")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        index = FaqIndex(load_faq(knowledge_dir))
    except KnowledgeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.question == "-":
        for line in sys.stdin:
            if line.strip():
                out = faq_ask_json(index, line.strip(), args.lang)
                print(json.dumps(out, ensure_ascii=False))
        return 0
    if args.json:
        print(json.dumps(faq_ask_json(index, args.question, args.lang), ensure_ascii=False))
    else:
        print(_plain(index, args.question, args.lang))
    return 0
