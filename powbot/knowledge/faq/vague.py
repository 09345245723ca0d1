"""Questions too general to answer ("subsidie", "regeling?", "ik heb een vraag"): instead of
stretching one entry to fit, the bot offers a choice of subjects."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from powbot.knowledge.faq.models import OUT_OF_SCOPE, SEEKER_INSTRUMENT, FaqEntry
from powbot.knowledge.faq.normalise import _words

if TYPE_CHECKING:
    from powbot.knowledge.faq.index import FaqIndex

MAX_WORDS = 6  # a longer message without a single content word is not "a vague question"
SHORT_WORDS = 4  # "een vraag over subsidie"; "wie kan mij helpen met dit alles" says more
GENERIC_IDF = 0.6  # a lone word used by most instruments ("subsidie", "regeling", "help")
# Subjects offered when the question names none, most asked first.
DEFAULTS = ("werkzoekende", "loonkostensubsidie", "proefplaatsing", "no-riskpolis", "jobcoaching")


def is_vague(index: FaqIndex, question: str, toks: Sequence[tuple[str, bool]]) -> bool:
    """Nothing but function words, or one known word that names no instrument and that
    most instruments use."""
    if not toks:
        return 1 <= len(_words(question)) <= MAX_WORDS
    if len(toks) != 1 or len(_words(question)) > SHORT_WORDS:
        return False
    tok, known = toks[0]
    return known and tok not in index.name_terms and index.idf.get(tok, 9.9) < GENERIC_IDF


def choices(
    index: FaqIndex,
    question: str,
    toks: Sequence[tuple[str, bool]],
    audience: str | None,
    limit: int,
) -> list[tuple[FaqEntry, float]]:
    """The first ("what is it") entry of the instruments that fit best, or of the default
    subjects when the question has no content word at all."""
    if SEEKER_INSTRUMENT in index.instruments and index.audience == "seeker":
        # A job seeker with "ik heb een vraag" or "hoe laat is het": their own subjects, not
        # employers' schemes ranked by the classifier (it knows only instruments).
        pos = index.instruments.index(SEEKER_INSTRUMENT)
        return [(index.entries[i], 0.0) for i in index.inst_items[pos][:limit]]
    names = [n for n in index.instruments if n != OUT_OF_SCOPE]
    if toks:
        margins = index.classifier.margins(index._doc(question, toks))
        names.sort(key=lambda n: -margins.get(n, -1.0))
    else:
        names.sort(key=lambda n: DEFAULTS.index(n) if n in DEFAULTS else len(DEFAULTS))
    out: list[tuple[FaqEntry, float]] = []
    for name in names:
        pos = index.instruments.index(name)
        first = next((i for i in index.inst_items[pos] if index._allowed(i, audience)), None)
        if first is not None:
            out.append((index.entries[first], 0.0))
        if len(out) >= limit:
            break
    return out
