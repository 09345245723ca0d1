"""Broad hiring questions: what can an employer get for hiring someone from a group, naming no
scheme ("krijg ik geld als ik iemand uit de bijstand aanneem?", "I run a bakery. Any subsidy
for hiring long term unemployed?").

Every scheme fits such a question a little, so the classifier leans to whichever its words
happen to favour (the wage cost subsidy for "geld", the no-riskpolis for "iemand uit de
bijstand", "other subsidies" for a bakery) and the answer states one scheme's rule as if it
were the answer. An overview entry answers them instead (the WW's own for "iemand uit de WW"),
with the schemes it lists first as the alternatives. The word lists are content
(``broad_hiring`` in ``_synonyms.yaml``).

The sentence that asks must hold a word of money, one of hiring and a group's word, and
otherwise only filler or words no entry uses (the employer's own business: "kapsalon"). Any
other word ("ziek", "minder productief", "56 jaar", a scheme's name) asks something more
specific, which the usual search answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from powbot.knowledge.faq.models import LANGS, BroadHiring, FaqEntry
from powbot.knowledge.faq.normalise import _words
from powbot.knowledge.faq.result import SearchResult

if TYPE_CHECKING:
    from powbot.knowledge.faq.index import FaqIndex


class _Cues:
    """The broad-hiring word lists as the index's tokens, and the overviews that answer."""

    def __init__(self, index: FaqIndex, spec: BroadHiring) -> None:
        by_id = {e.id: e for e in index.entries}
        # (entry, its group's phrases as word tuples); entries not in this index left out.
        self.overviews = [
            (by_id[o.entry], [tuple(_words(g)) for g in o.group])
            for o in spec.overviews
            if o.entry in by_id
        ]
        self.money = _tokens(index, spec.money)
        self.hiring = _tokens(index, spec.hiring)
        groups = [g for o in spec.overviews for g in o.group]
        self.known = self.money | self.hiring | _tokens(index, [*spec.filler, *groups])


def _tokens(index: FaqIndex, phrases: Iterable[str]) -> set[str]:
    """Every token a phrase can become: in either language, and as the query sees it."""
    out: set[str] = set()
    for phrase in phrases:
        for lang in LANGS:
            out.update(index.norm.tokens(phrase, lang))
        out.update(t for t, _ in index.query_tokens(phrase))
    return out


def broad_answer(index: FaqIndex, question: str, limit: int) -> SearchResult | None:
    """The overview as the answer to a broad hiring question, with the schemes it lists
    first (its ``related``) as the alternatives; None for any other question."""
    overview = broad_entry(index, question)
    if overview is None:
        return None
    by_id = {e.id: e for e in index.entries}
    alts = [(by_id[i], 0.0) for i in overview.related if i in by_id]
    return SearchResult("answer", overview, 0.0, alts[: max(0, limit - 1)])


def broad_entry(index: FaqIndex, question: str) -> FaqEntry | None:
    """The overview entry when ``question`` is a broad hiring question; None otherwise (and
    in an index without the overviews, such as the job seekers')."""
    spec = index.base.synonyms.broad_hiring
    if spec is None:
        return None
    cues: _Cues | None = index.__dict__.get("_broad_cues")
    if cues is None:
        cues = index.__dict__["_broad_cues"] = _Cues(index, spec)
    if not cues.overviews:
        return None
    asking = asking_sentence(question)
    toks = {t for t, _ in index.query_tokens(asking)}
    if not (toks & cues.money and toks & cues.hiring):
        return None
    if any(t in index.name_terms for t in toks):
        return None
    if any(_used_by_entries(index, t) for t in toks - cues.known):
        return None
    words = _words(asking)
    return next((e for e, group in cues.overviews if any(_has(words, g) for g in group)), None)


def _has(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1))


def asking_sentence(question: str) -> str:
    """The last sentence with a question mark ("I run a bakery. Any subsidy for ...?"), or
    the whole message."""
    asking = [s for s in _SENTENCE.split(question.strip()) if "?" in s]
    return asking[-1] if asking else question


_SENTENCE = re.compile(r"(?<=[.?!])\s+|\n+")


def _used_by_entries(index: FaqIndex, tok: str) -> bool:
    """Some entry (not only an out-of-scope topic) uses the token."""
    return any(item < index.n_entries for item, _ in index.postings.get(tok, ()))
