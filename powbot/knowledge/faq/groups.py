"""Schemes and the groups they are for.

A scheme that is not for the group the question names: the group's own scheme first.

The wage cost subsidy (loonkostensubsidie) is for people under the Participatiewet; a
Wajonger's employer gets loondispensatie from UWV instead. A question about a Wajonger whose
words ("loonwaarde", "premies", "minder productief") fit the wage cost subsidy best got its
rule as the answer ("Voor een jonge vrouw met Wajong en een loonwaarde van 45%: draag ik
premies af over het volledige loon?"), a rule that does not apply to her. When the question
names the Wajong (not "geen Wajong") and not the bijstand, the Wajong's scheme is offered
first, with the one chosen beside it (a choice). Employers' index only.

A person outside every group: "mijn gewone medewerker is ziek, kan ik ziekengeld van UWV
krijgen? Hij heeft geen beperking en kwam niet uit een uitkering" rules out every scheme here
(each is for people with a disability or from a benefit), yet the no-riskpolis's rule was the
answer. When the question says both (no disability, no benefit), the FAQ says it does not
know and names the subject outside it that fits (sick leave), as for any employee. So too a
student's holiday or side job ("Is there a tax break for hiring students for the summer?"
got the older workers' LKV): no scheme here is for it, unless the question also names a
group or a course that one is for (a bbl student, a Wajonger, someone from a benefit).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from powbot.knowledge.faq.models import FaqEntry

if TYPE_CHECKING:
    from powbot.knowledge.faq.index import FaqIndex

# (scheme chosen, group token named) -> the group's own scheme. Tokens as _synonyms.yaml
# makes them ("wajonger", "young disabled" -> wajong).
OWN_SCHEME = {("loonkostensubsidie", "wajong"): "loondispensatie"}
# A group named with these just before it is not the group asked about ("hij heeft geen
# Wajong").
_NEGATED = re.compile(r"\b(?:geen|zonder|no|not|without|non)\s+(?:\w+\s+)?wajong", re.IGNORECASE)
_OTHER_GROUP = "bijstand"  # the Participatiewet's own group: then the subsidy may be right


def own_scheme_first(
    index: FaqIndex,
    question: str,
    toks: set[str],
    chosen: tuple[FaqEntry, float],
    found: tuple[list[tuple[float, int]], dict[int, tuple[int, float]]],
) -> tuple[FaqEntry, float] | None:
    """The entry of the group's own scheme to put before ``chosen`` (an entry and its
    confidence), with its confidence; None when the chosen scheme is not one for another
    group. ``found``: the fits and the best item per instrument."""
    best, _ = chosen
    if index.audience is not None or best.answers_for(_OTHER_GROUP) or _OTHER_GROUP in toks:
        return None
    fits, best_item = found
    for (scheme, group), own in OWN_SCHEME.items():
        if best.instrument != scheme or group not in toks or best.answers_for(own):
            continue
        if _NEGATED.search(question) or own not in index.instruments:
            continue
        pos = index.instruments.index(own)
        fit = next((f for f, p in fits if p == pos), None)
        if fit is None or fit < index.MIN_FIT or pos not in best_item:
            continue
        return index._for_them(index.entries[best_item[pos][0]]), index._confidence(fit)
    return None


# "geen beperking", "zonder arbeidsbeperking", "no disability"; "geen uitkering", "kwam niet
# uit een uitkering", "not on benefits".
_NO_DISABILITY = re.compile(
    r"\b(?:geen|zonder|no|without)\s+(?:\w+\s+)?(?:arbeids)?(?:beperking|handicap|disability)",
    re.IGNORECASE,
)
_NO_BENEFIT = re.compile(
    r"\b(?:geen|zonder|no|without)\s+(?:\w+\s+)?(?:uitkering|benefits?)\b"
    r"|\bniet\s+uit\s+(?:een|de)\s+(?:uitkering|bijstand|ww)\b"
    r"|\bnot\s+(?:on|from)\s+(?:a\s+)?(?:benefits?|welfare)\b",
    re.IGNORECASE,
)


_SIDE_JOB = re.compile(
    r"\b(?:zomer|zomerbaan|zomerwerk|summer|vakantie|vakantiewerk|vakantiebaan|vakantiekracht"
    r"|vakantiekrachten|holiday|bijbaan|bijbaantje|bijbaantjes|weekendbaan|weekendwerk)\b",
    re.IGNORECASE,
)
_STUDENT = re.compile(r"\b(?:students?|studenten|scholieren|scholier|pupils?)\b", re.IGNORECASE)
# Words of a group or a course that a scheme here is for.
_SCHEME_GROUP = re.compile(
    r"bbl|mbo|leerling|leerwerk|praktijk|apprentic|vocational|stage|intern|beperking|handicap"
    r"|disab|uitkering|benefit|wajong|bijstand|welfare|\bww\b|doelgroep|target group|register"
    r"|banenafspraak|jobs agreement|vso|\bpro\b|entree",
    re.IGNORECASE,
)


def outside_every_group(question: str, names_a_scheme: bool) -> bool:
    """The question says the person has no disability and comes from no benefit (and names
    no scheme: "geen beperking en geen uitkering, kan hij toch via de banenafspraak werken?"
    is the register's rule), or asks about a student's holiday or side job naming no group or
    course a scheme is for."""
    if _NO_DISABILITY.search(question) and _NO_BENEFIT.search(question):
        return not names_a_scheme
    return bool(
        _SIDE_JOB.search(question)
        and _STUDENT.search(question)
        and not _SCHEME_GROUP.search(question)
    )
