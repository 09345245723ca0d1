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

import re
from typing import TYPE_CHECKING

from powbot.knowledge.faq.models import LANGS, FaqEntry
from powbot.knowledge.faq.normalise import _words
from powbot.knowledge.faq.result import SearchResult

if TYPE_CHECKING:
    from powbot.knowledge.faq.index import FaqIndex

SICK_TERM = "ziek"  # the canonical sickness term of _synonyms.yaml (ziekte, uitval, sick, ...)
SICK_SCHEME = "no-riskpolis"
# The no-riskpolis fits at most this much less than the scheme chosen. On the opened sets 1.5
# also offered it beside the LKV for "is the LKV paid on while the employee is sick?", which
# the LKV answers; 1.0 beside one right answer (who pays a sick seconded worker).
SICK_CHOICE_MARGIN = 1.0
# The no-riskpolis may fit this much less than the usual lowest fit (MIN_FIT): sickness in the
# sentence that asks is evidence of its own ("Ze valt regelmatig uit. Hoe beperken we de
# kosten daarvan?" fitted the no-riskpolis at -0.53, beside the register's answer).
SICK_FIT_SLACK = 0.25


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
    # allowance?" asks about the allowance. A sentence that asks about "that" ("Ze valt
    # regelmatig uit. Hoe beperken we de kosten daarvan?") asks about the one before it.
    if not any(t == SICK_TERM for t, _ in index.query_tokens(asked_about(question))):
        return None
    if _about_sickness(index, best):
        return None
    fit_of = {p: f for f, p in fits}
    pos = index.instruments.index(SICK_SCHEME)
    best_fit = fit_of.get(index.instruments.index(best.instrument))
    nrp_fit = fit_of.get(pos)
    if best_fit is None or nrp_fit is None or pos not in best_item:
        return None
    if nrp_fit < index.MIN_FIT - SICK_FIT_SLACK or best_fit - nrp_fit >= SICK_CHOICE_MARGIN:
        return None
    return index.entries[best_item[pos][0]], index._confidence(nrp_fit)


def asked_about(question: str) -> str:
    """The sentence that asks, with the sentence before it when it refers back to that one
    ("... daarvan?", "Who pays for that?") and so names nothing of its own."""
    sentences = [s for s in _SENTENCE.split(question.strip()) if s.strip()]
    asking = next((i for i in range(len(sentences) - 1, -1, -1) if "?" in sentences[i]), None)
    if asking is None:
        return question
    if asking > 0 and _BACK & set(_words(sentences[asking])):
        return f"{sentences[asking - 1]} {sentences[asking]}"
    return sentences[asking]


# Words that point back to what was said before ("de kosten daarvan", "wie betaalt dat?").
_BACK = set(
    "daarvan daarvoor daarmee daardoor daarbij daaraan daarop daarover hiervan hiervoor "
    "hiermee hierdoor dat dit this that these those it".split()
)
_SENTENCE = re.compile(r"(?<=[.?!])\s+|\n+")


def _about_sickness(index: FaqIndex, entry: FaqEntry) -> bool:
    """The answer itself says something about sickness (an example question that mentions
    it as the setting, "a WIA employee back after long sick leave", does not count)."""
    return any(SICK_TERM in index.norm.tokens(entry.answer.get(lang), lang) for lang in LANGS)


# Canonical tokens of the groups the no-riskpolis is for (Wajong, the banenafspraak, WIA, a
# disability, Wsw/beschut werk): with one of these, a sickness question is the no-riskpolis's.
NRP_GROUPS = frozenset(
    "wajong banenafspraak doelgroepregister arbeidsbeperk beperk arbeidshandicap wia wao "
    "swbedrijf beschut wsw handicap disabl".split()
)
SICK_PAY_TOPIC = "sick-leave"  # ordinary sick pay: the out-of-scope subject
SICK_TOPICS = frozenset({SICK_PAY_TOPIC, "staff-health"})  # "2 jaar doorbetalen" fitted the latter


def sickness_for_whom(index: FaqIndex, question: str, result: SearchResult) -> SearchResult:
    """An employer's sickness question that names no scheme and no group the no-riskpolis is
    for ("wat als mijn nieuwe medewerker ziek wordt?"): a choice between the no-riskpolis (for
    a target-group employee) and ordinary sick pay ("none of these" points there), instead of
    the no-riskpolis's rule as if it held for everyone (issue 15). One that fitted ordinary
    sick pay stays "not my subject", pointed at sick pay, where the no-riskpolis is offered."""
    if index.audience is not None or SICK_SCHEME not in index.instruments:
        return result
    toks = {t for t, _ in index.query_tokens(asked_about(question))}
    if SICK_TERM not in toks:
        return result
    every = {t for t, _ in index.query_tokens(question)}
    if every & NRP_GROUPS or any(t in index.name_terms for t in every):
        return result
    topic = next((t for t in index.topics if t.id == SICK_PAY_TOPIC), None)
    if result.decision == "unknown" and result.topic and result.topic.id in SICK_TOPICS:
        # Ordinary sick pay, with the no-riskpolis offered beside it (the topic's "near").
        return SearchResult("unknown", result.best, result.score, [], topic or result.topic)
    if result.decision != "answer" or result.best is None:
        return result
    if not result.best.answers_for(SICK_SCHEME):
        return result
    pos = index.instruments.index(SICK_SCHEME)
    first = index.entries[index.inst_items[pos][0]]
    return SearchResult("clarify", first, max(result.score, 50.0), [], topic)
