"""Who someone is, from what they typed at "Who are you?" instead of pressing a button.

New users often answer the role question in their own words ("ik wil werken, ik zit in de
bijstand", "we need staff") or ask their question straight away. A role is not changed
easily later, so it is never picked from such words: the guess is named and the person
confirms it with the button (or "ja"). A coach's words ("ik ben jobcoach") are recognised
too, only to say how coaches get in (an invite). The hint words are content, per language.
"""

from __future__ import annotations

import re

from powbot.knowledge.catalog import Catalog
from powbot.knowledge.faq import FaqIndex
from powbot.knowledge.text import normalise

ROLES = ("seeker", "employer", "coach")
# How much better one audience's own answer must fit than the other's to point to a role.
FAQ_MARGIN = 25.0
_patterns: dict[int, dict[str, re.Pattern[str]]] = {}


def _hints(catalog: Catalog) -> dict[str, re.Pattern[str]]:
    """Per role, one pattern of its hint words in both languages; a longer hint matches at
    the start of a word ('sollicit' in 'solliciteren'): people do not type dictionary forms."""
    cached = _patterns.get(id(catalog))
    if cached is None:
        cached = {}
        for role in ROLES:
            words = {
                normalise(word)
                for lang in ("nl", "en")
                for word in catalog.t(lang, f"onboarding.role_{role}_hints").split(",")
            }
            words.discard("")
            # Short words whole ('ww', not the start of 'www'); longer ones as word starts.
            alternation = "|".join(
                re.escape(word) + (r"(?!\w)" if len(word) < 5 else "")
                for word in sorted(words, key=len, reverse=True)
            )
            # A lookahead finds hints that overlap: 'hire someone on welfare' holds both
            # 'hire someone' and 'someone on welfare', which hides the seeker's 'welfare'.
            cached[role] = re.compile(rf"(?<!\w)(?=({alternation}))")
        _patterns[id(catalog)] = cached
    return cached


def guess_role(catalog: Catalog, text: str) -> str | None:
    """The role the words point to, when they point to one role only. A hint inside a
    longer hint of another role does not count: 'mijn werkgever' is said by an employee,
    'ik ben klantmanager' by a coach."""
    said = normalise(text)
    spans = [
        (found.start(1), found.end(1), role)
        for role, pattern in _hints(catalog).items()
        for found in pattern.finditer(said)
    ]
    pointed = {
        role
        for start, end, role in spans
        if not any(
            other != role and s <= start and end <= e and (s, e) != (start, end)
            for s, e, other in spans
        )
    }
    return pointed.pop() if len(pointed) == 1 else None


def guess_role_by_question(index: FaqIndex, text: str) -> str | None:
    """The role whose own FAQ answer fits a question that names no role ('who takes care of
    my children when I work?' has a job seekers' answer, 'wat kost een medewerker met lks
    mij netto' an employers'); None when both or neither have one."""
    seeker = index.search(text, audience="seeker")
    employer = index.search(text, audience="employer")
    own_seeker = seeker.decision == "answer" and seeker.best and seeker.best.audience == ["seeker"]
    own_employer = (
        employer.decision == "answer" and employer.best and "seeker" not in employer.best.audience
    )
    if own_seeker and (not own_employer or seeker.score - employer.score >= FAQ_MARGIN):
        return "seeker"
    if own_employer and (not own_seeker or employer.score - seeker.score >= FAQ_MARGIN):
        return "employer"
    return None
