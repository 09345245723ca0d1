"""A question about a benefit itself, asked in the employers' FAQ: "Mijn WW-uitkering loopt af
en ik zoek zelf werk, hoe vraag ik bijstand aan?".

The part that asks holds nothing but applying for (or getting) a benefit: bijstand, WW,
Wajong, WIA or "een uitkering". No scheme for employers answers that; the words pulled the
question to whichever scheme's "how do I apply" entry fitted best (the trial placement's),
an answer about another subject. The employer index says it does not know and names the
subject of benefits (UWV or the gemeente informs the person). A question that also names a
scheme, hiring or anything else ("hoe vraag ik loonkostensubsidie aan voor iemand uit de
bijstand?") asks about that, as before. Job seekers have their own index and entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from powbot.knowledge.faq.focus import _asking_clause
from powbot.knowledge.faq.models import OutOfScopeTopic

if TYPE_CHECKING:
    from powbot.knowledge.faq.index import FaqIndex

# The benefits, and asking for one (read as the index reads them: synonyms, stems).
BENEFIT_WORDS = ("bijstand", "ww", "wajong", "wia", "uitkering", "uitkeringen", "benefit")
ASKING_WORDS = ("aanvragen", "krijgen", "krijg")
# The out-of-scope subject named instead: benefits of (former) staff and job seekers.
BENEFIT_TOPIC = "employee-benefits"


def benefit_topic(
    index: FaqIndex, question: str, toks: Sequence[tuple[str, bool]]
) -> OutOfScopeTopic | None:
    """The benefits topic when the part of ``question`` that asks is only about applying for
    a benefit (employer index only); None otherwise."""
    if index.audience is not None:
        return None
    benefits, asking = _tokens(index, BENEFIT_WORDS), _tokens(index, ASKING_WORDS)
    if not benefits & {t for t, _ in toks}:
        return None
    split = _asking_clause(question)
    asked = {t for t, _ in index.query_tokens(split[1] if split else question)}
    if not (asked & benefits and asked & asking) or asked - benefits - asking:
        return None
    return next((t for t in index.topics if t.id == BENEFIT_TOPIC), None)


def _tokens(index: FaqIndex, words: Sequence[str]) -> set[str]:
    return {t for w in words for t, _ in index.query_tokens(w)}
