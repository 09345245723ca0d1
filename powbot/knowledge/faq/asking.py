"""The part of a long message that asks, and the remarks that say they are not the question.

Job seekers often write a story first and the question last ("Ik ben alleenstaande moeder en
heb schulden. Mijn proefplaats is in de zorg. Moet ik daar elke dag werken?"). Every word of
the story counts as much as the question's own words, so a side remark ("schulden",
"kinderen") can win. ``asking_part`` finds the sentence that asks, so the search can weigh it
above the story. ``without_asides`` drops what the writer says is not the question ("Ik heb
schulden, maar daar gaat het nu niet om.", "De kinderopvang heb ik al geregeld.", "Mijn
jobcoach is trouwens heel aardig."), so its words cannot pull the answer their way.
"""

from __future__ import annotations

import re

from powbot.knowledge.faq.normalise import _fold

# Sentences end at . ? ! or a line break; "?" marks the one that asks.
_SENTENCE = re.compile(r"(?<=[.?!])\s+|\n+")
# Words that open a question in Dutch and English (after folding).
_OPENERS = (
    "hoe|wat|wie|waar|wanneer|waarom|welke|welk|hoeveel|hoelang|mag|moet|kan|kun|kunnen|"
    "krijg|krijgen|heb|hebben|ben|is|zijn|word|wordt|telt|tellen|blijft|blijf|hou|houd|"
    "betaalt|betalen|vult|geldt|gaat|ga|klopt|helpen|helpt|"
    "how|what|who|where|when|why|which|can|could|may|must|do|does|did|will|would|should|"
    "is|are|am|have|has"
)
_OPENER = re.compile(rf"^\s*(?:{_OPENERS})\b", re.IGNORECASE)
MIN_STORY_WORDS = 12  # shorter messages are read whole


def asking_part(question: str) -> str | None:
    """The sentence that asks, when the message is a story with a question in it; None when
    the message is short or is all question."""
    text = question.strip()
    if len(text.split()) < MIN_STORY_WORDS:
        return None
    sentences = [s.strip() for s in _SENTENCE.split(text) if s.strip()]
    if len(sentences) < 2:
        return None
    asking = [s for s in sentences if "?" in s]
    if not asking:
        asking = [s for s in sentences if _OPENER.match(_fold(s))]
    if not asking:
        return None
    part = " ".join(asking)
    return part if len(part) < len(text) else None


# A remark the writer sets aside: "daar gaat het (nu) niet om", "mijn vraag is iets anders",
# "(dat) is (allemaal) geregeld", "heb ik al geregeld", "trouwens", "by the way", ...
_ASIDE = re.compile(
    r"\b(?:gaat het (?:nu |hier )?niet om|gaat het nu niet|vraag (?:is )?(?:iets )?anders|"
    r"andere vraag|(?:is|zijn|heb ik|hebben we) (?:\w+ ){0,2}geregeld|trouwens|"
    r"terzijde|los daarvan|not the question|not my question|(?:is|are) (?:\w+ )?sorted|"
    r"(?:already|all) (?:arranged|sorted)|by the way|btw)\b",
    re.IGNORECASE,
)
_PART = re.compile(r"[,;]\s+|\s+(?=\bmaar\b)|\s+(?=\bbut\b)", re.IGNORECASE)


def without_asides(question: str) -> str:
    """``question`` without the sentences (or, in the sentence that asks, the clauses) that
    say they are not the question; the question itself when nothing else would be left."""
    kept: list[str] = []
    for sentence in _SENTENCE.split(question.strip()):
        if not _ASIDE.search(_fold(sentence)):
            kept.append(sentence)
        elif "?" in sentence:  # the asking sentence: only its set-aside clauses go
            kept.append(" ".join(p for p in _PART.split(sentence) if not _ASIDE.search(_fold(p))))
    text = " ".join(k for k in kept if k.strip())
    return text if "?" in text or len(text.split()) >= 3 else question
