"""Structured answer parts; user-facing labels are rendered by the bot from its catalogs.

An answer is headed by what it answers (the entry's title, or its first example question in
the reader's language), and is cut into phone-sized parts at sentence ends.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from powbot.knowledge.faq.models import FaqEntry

ANSWER_WORDS = 90  # words per shown part of an answer; the rest comes after "meer"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9À-ÖØ-Þ\"'(€])")


@dataclass(frozen=True)
class AnswerParts:
    """Everything the bot needs to render an answer; labels come from its catalogs."""

    entry_id: str
    instrument: str
    text: str
    source_title: str
    source_url: str
    reviewed: date  # the date the answer was last checked (its oldest claim check)
    related: tuple[str, ...]
    title: str = ""
    # A job seeker on an entry written for employers (no seeker text): the bot says so
    # instead of giving an employer's answer in the employer's voice.
    for_employers: bool = False


def answer_text(entry: FaqEntry, lang: str, audience: str | None = None) -> str:
    """The vetted answer in ``lang`` ("nl" or "en"; anything else falls back to Dutch);
    the job seeker version for ``audience="seeker"`` when the entry has one."""
    if audience == "seeker" and entry.seeker is not None:
        return entry.seeker.get(lang).strip()
    return entry.answer.get(lang).strip()


def entry_heading(entry: FaqEntry, lang: str, language_of: Callable[[str], str]) -> str:
    """What the answer answers: the entry's title, else its first example question in
    ``lang`` (``language_of`` tells a question's language), else its first question."""
    if entry.title is not None:
        return entry.title.get(lang).strip()
    mine = [q for q in entry.questions if language_of(q) == lang]
    return (mine or list(entry.questions))[0].strip()


def answer_parts(
    entry: FaqEntry,
    lang: str,
    audience: str | None = None,
    language_of: Callable[[str], str] | None = None,
) -> AnswerParts:
    for_employers = audience == "seeker" and entry.seeker is None and entry.audience != ["seeker"]
    return AnswerParts(
        entry_id=entry.id,
        instrument=entry.instrument,
        text=answer_text(entry, lang, audience),
        source_title=entry.source.title,
        source_url=entry.source.url,
        reviewed=entry.last_checked(),
        related=tuple(entry.related),
        title=entry_heading(entry, lang, language_of or (lambda _q: lang)),
        for_employers=for_employers,
    )


def split_answer(text: str, limit: int = ANSWER_WORDS) -> list[str]:
    """The answer in parts of at most ``limit`` words, cut between sentences (a single
    sentence longer than ``limit`` is cut between words)."""
    parts: list[str] = []
    current: list[str] = []
    for sentence in _SENTENCE_END.split(text.strip()):
        words = sentence.split()
        while len(words) > limit:  # one very long sentence
            if current:
                parts.append(" ".join(current))
                current = []
            parts.append(" ".join(words[:limit]))
            words = words[limit:]
        if current and len(current) + len(words) > limit:
            parts.append(" ".join(current))
            current = []
        current.extend(words)
    if current:
        parts.append(" ".join(current))
    return parts or [""]


def opens_with_yes_no(text: str) -> bool:
    """An answer that opens with a bare yes or no ("Ja.", "Nee, ...", "No.") instead of
    stating the rule: read alone after a misroute, it confirms the wrong thing."""
    return re.match(r"^\W*(ja|nee|yes|no|jawel|neen)\b", text.strip(), re.IGNORECASE) is not None
