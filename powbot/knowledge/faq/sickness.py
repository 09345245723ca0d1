"""A sickness question answered with another scheme: the no-riskpolis is offered beside it.

An employer who names the scheme they already have and then asks about sickness ("We hebben
een doelgroepverklaring en krijgen het LKV. Als ze uitvalt door ziekte, kan ik dan bij UWV
iets claimen?") gets the named scheme's answer: its name outweighs the question. When the
answer says nothing about sickness and the no-riskpolis fits within SICK_CHOICE_MARGIN, the
employer gets a choice of both instead (issue 15: "a sickness question from an employer that
could be a no-riskpolis question gets that choice"). Employers only: job seekers' sickness
questions are about their own income, which their own entries answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from powbot.knowledge.faq.broad import asking_sentence
from powbot.knowledge.faq.models import LANGS, FaqEntry

if TYPE_CHECKING:
    from powbot.knowledge.faq.index import FaqIndex

SICK_TERM = "ziek"  # the canonical sickness term of _synonyms.yaml (ziekte, uitval, sick, ...)
SICK_SCHEME = "no-riskpolis"
# The no-riskpolis fits at most this much less than the scheme chosen. On the opened sets 1.5
# also offered it beside the LKV for "is the LKV paid on while the employee is sick?", which
# the LKV answers; 1.0 beside one right answer (who pays a sick seconded worker).
SICK_CHOICE_MARGIN = 1.0


def with_sickness_choice(
    index: FaqIndex,
    question: str,
    best: FaqEntry,
    found: tuple[list[tuple[float, int]], dict[int, tuple[int, float]]],
    close: list[tuple[FaqEntry, float]],
) -> list[tuple[FaqEntry, float]]:
    """``close`` (the choices beside ``best``) with the no-riskpolis added when it should be
    offered; ``found``: the fits and best items."""
    sick = sickness_choice(index, question, best, *found)
    if sick is None or any(e.id == sick[0].id for e, _ in close):
        return close
    return [*close, sick]


def sickness_choice(
    index: FaqIndex,
    question: str,
    best: FaqEntry,
    fits: list[tuple[float, int]],
    best_item: dict[int, tuple[int, float]],
) -> tuple[FaqEntry, float] | None:
    """The no-riskpolis entry to offer beside ``best`` (with its confidence), or None."""
    if index.audience is not None or SICK_SCHEME not in index.instruments:
        return None
    if best.answers_for(SICK_SCHEME):
        return None
    # Sickness in the sentence that asks: "back after long sick leave. Is there a tax
    # allowance?" asks about the allowance.
    if not any(t == SICK_TERM for t, _ in index.query_tokens(asking_sentence(question))):
        return None
    if _about_sickness(index, best):
        return None
    fit_of = {p: f for f, p in fits}
    pos = index.instruments.index(SICK_SCHEME)
    best_fit = fit_of.get(index.instruments.index(best.instrument))
    nrp_fit = fit_of.get(pos)
    if best_fit is None or nrp_fit is None or pos not in best_item:
        return None
    if nrp_fit < index.MIN_FIT or best_fit - nrp_fit >= SICK_CHOICE_MARGIN:
        return None
    return index.entries[best_item[pos][0]], index._confidence(nrp_fit)


def _about_sickness(index: FaqIndex, entry: FaqEntry) -> bool:
    """The answer itself says something about sickness (an example question that mentions
    it as the setting, "a WIA employee back after long sick leave", does not count)."""
    return any(SICK_TERM in index.norm.tokens(entry.answer.get(lang), lang) for lang in LANGS)
