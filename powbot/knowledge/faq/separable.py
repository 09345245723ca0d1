"""Dutch separable verbs: the particle at the end of a clause belongs to its verb.

"Ze valt regelmatig een paar dagen uit" is "uitvallen" (being off sick), "Waar vraag ik dat
aan?" is "aanvragen", "Wat krijg ik ervoor terug?" is "terugkrijgen". The word lists know
the verbs whole ("uitvalt", "aanvragen", "terugkrijgen"); split, the verb ("valt") says
nothing and the particle ("uit") is a stopword, so the question lost its subject.

The question is rewritten before it is searched: when the last word of a clause is a
particle and it joined to a word earlier in that clause makes a word the FAQ knows (a synonym
variant or an indexed stem), the two are joined where the verb stands. Only the query is
rewritten; the example questions the classifier learns from are read as they are written.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from powbot.knowledge.faq.normalise import _fold

# Particles of Dutch separable verbs (uitvallen, aanvragen, afzeggen, opzeggen, meewerken,
# doorbetalen, overnemen, terugkrijgen, toekennen, wegvallen, bijspringen, nabellen, ...).
PARTICLES = frozenset(
    "uit aan af op in mee door over terug toe weg bij na om neer samen vast los langs".split()
)
# A clause ends at punctuation or before a conjunction ("Mijn uitkering loopt af en ik zoek
# werk", "Wat krijg ik terug als ik hem aanneem?"). Not "dat": "Waar vraag ik dat aan?".
_CLAUSE = re.compile(
    r"([.,;:?!\n]+|\s+(?:en|of|maar|want|omdat|zodat|als|wanneer|terwijl|nadat|voordat|zodra)\s+)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_MIN_VERB = 3  # letters of the verb part ("valt", "vraag", "krijg")


def join_separable(text: str, known: Callable[[str], bool]) -> str:
    """``text`` with each clause-final particle joined to the verb it belongs to, when the
    joined word is ``known``; ``text`` itself when there is none."""
    pieces = _CLAUSE.split(text)
    changed = False
    for i in range(0, len(pieces), 2):  # the clauses; odd pieces are the delimiters
        joined = _join_clause(pieces[i], known)
        if joined is not None:
            pieces[i] = joined
            changed = True
    return "".join(pieces) if changed else text


def _join_clause(clause: str, known: Callable[[str], bool]) -> str | None:
    words = list(_WORD.finditer(clause))
    end = len(words) - 1
    if end < 1:
        return None
    last = words[end]
    particle = _fold(last.group())
    if particle not in PARTICLES:
        return None
    for word in words[:end]:
        verb = _fold(word.group())
        if len(verb) < _MIN_VERB or verb.isdigit() or verb in PARTICLES:
            continue
        if known(particle + verb):
            return (
                clause[: word.start()]
                + particle
                + verb
                + clause[word.end() : last.start()].rstrip()
                + clause[last.end() :]
            )
    return None
