"""Structured answer parts; user-facing labels are rendered by the bot from its catalogs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from powbot.knowledge.faq.models import FaqEntry


@dataclass(frozen=True)
class AnswerParts:
    """Everything the bot needs to render an answer; labels come from its catalogs."""

    entry_id: str
    instrument: str
    text: str
    source_title: str
    source_url: str
    reviewed: date
    related: tuple[str, ...]


def answer_text(entry: FaqEntry, lang: str) -> str:
    """The vetted answer in ``lang`` ("nl" or "en"; anything else falls back to Dutch)."""
    return entry.answer.get(lang).strip()


def answer_parts(entry: FaqEntry, lang: str) -> AnswerParts:
    return AnswerParts(
        entry_id=entry.id,
        instrument=entry.instrument,
        text=answer_text(entry, lang),
        source_title=entry.source.title,
        source_url=entry.source.url,
        reviewed=entry.reviewed,
        related=tuple(entry.related),
    )
