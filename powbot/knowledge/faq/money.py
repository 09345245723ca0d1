"""A question about money gets the entry that states the amount.

Within one instrument the entry is chosen on shared words. "Is there a subsidy for companies
that supervise apprentices?" shares as many words with the bbl's "what is it" entry as with
its subsidy entry, and the first in the file wins a tie; but the one that answers a question
about money is the entry whose claims include an amount. When the question asks about money
and the entry chosen states none, an entry of the same instrument that does, and that scored
almost as well, is taken instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from powbot.knowledge.faq.models import FaqEntry

# Canonical tokens (after synonyms and stemming) of asking for money, in either language.
MONEY_TOKENS = frozenset({"subsidie", "subsidi", "geld", "bedrag", "vergoeding", "grant"})
NEAR = 5.0  # lexical points the money entry may be behind


def states_an_amount(entry: FaqEntry) -> bool:
    return any(claim.kind == "amount" for claim in entry.claims)


def money_entry(
    entries: Sequence[FaqEntry],
    toks: Sequence[tuple[str, bool]],
    lexical: Sequence[tuple[int, float]],
    entry_inst: Sequence[int],
    chosen: tuple[int, float],
) -> tuple[int, float]:
    """``chosen`` (an item and its lexical score), or the entry of its instrument that states an
    amount when the question asks about money and ``chosen`` states none."""
    idx, score = chosen
    if idx >= len(entries) or states_an_amount(entries[idx]):
        return chosen
    if not any(tok in MONEY_TOKENS for tok, _ in toks):
        return chosen
    for other, other_score in lexical:
        if other_score < score - NEAR:
            break
        if (
            other != idx
            and other < len(entries)
            and entry_inst[other] == entry_inst[idx]
            and states_an_amount(entries[other])
        ):
            return other, other_score
    return chosen


# "Krijgen we voor die ene dan nog wat?", "krijg ik daar iets voor?", "do we get anything?":
# asking what one gets without saying what. Matched in the sentence that asks.
_GET_SOMETHING = re.compile(
    r"\b(?:krijg|krijgt|krijgen)\b(?:\s+\w+){0,6}?\s+(?:wat|iets)\b"
    r"|\b(?:get|receive)\b(?:\s+\w+){0,3}?\s+(?:anything|something)\b",
    re.IGNORECASE,
)


def asks_for_something(sentence: str, toks: Sequence[tuple[str, bool]]) -> bool:
    """The sentence asks what one gets without naming it (money, most likely), and the
    question (``toks``) names no money either ("krijg ik iets terug" is a refund)."""
    if any(tok in MONEY_TOKENS for tok, _ in toks):
        return False
    return _GET_SOMETHING.search(sentence) is not None


def amount_entry(entries: Sequence[FaqEntry], items: Sequence[int]) -> FaqEntry | None:
    """The first of ``items`` (one instrument's entries, in file order) that states an amount."""
    return next(
        (entries[i] for i in items if i < len(entries) and states_an_amount(entries[i])), None
    )
