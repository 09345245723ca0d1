"""Employer FAQ: loading and validating the curated entries, and retrieving them.

Content lives in ``<knowledge_dir>/faq/<instrument>.yaml`` (one file per instrument, a
top-level ``entries:`` list) plus ``faq/_synonyms.yaml`` (abbreviations, synonyms, typos,
stopwords), ``faq/_out_of_scope.yaml`` (subjects the FAQ does not answer, with where to go
instead) and ``<knowledge_dir>/region.yaml`` (contact details of the regional WSP).

Retrieval has two parts. Questions are normalised (accents, punctuation, typo map, synonym
and abbreviation expansion to canonical terms, stopwords, Dutch/English stemming, compound
splitting). A lexical scorer (IDF-weighted word coverage per entry and per instrument, plus
RapidFuzz against the example questions) ranks the entries. A linear classifier trained on
all example questions (``classifier.py``; out-of-scope topics are one more label) says which
instrument is meant; its margin plus the lexical evidence is the instrument's "fit". The
best fit decides between "answer" (the instrument's best lexical entry), "clarify" (another
instrument fits almost as well) and "unknown" (the out-of-scope label fits best, or nothing
fits). Authors steer all of it from the YAML files: a new example question is learnt at the
next start. The bot never composes advice: it
either returns a vetted entry or says it does not know.

This package never imports from ``powbot.bot`` or ``powbot.storage``; user-facing labels
("Bron", "Source", ...) are rendered by the bot from its catalogs, so helpers here return
structured data only.

The package: ``models`` (content models), ``loading`` (YAML -> models), ``normalise``
(tokens), ``index`` (retrieval; its parts: ``building``, ``tokens``, ``compounds``,
``lexical``, ``focus``, ``seeker``, ``money``, ``vague``), ``render`` (answer parts), ``cli``
(``powbot faq ask``).
"""

from powbot.knowledge.faq.cli import faq_ask_json, main_faq_ask
from powbot.knowledge.faq.index import FaqIndex
from powbot.knowledge.faq.loading import load_faq, load_region, stale_entries
from powbot.knowledge.faq.models import (
    AUDIENCES,
    INSTRUMENTS,
    LANGS,
    OUT_OF_SCOPE,
    SEEKER_INSTRUMENT,
    Audience,
    Claim,
    Contact,
    Decision,
    FaqBase,
    FaqEntry,
    Lang,
    LocalizedText,
    OutOfScopeTopic,
    Pointer,
    Region,
    Source,
    Synonyms,
)
from powbot.knowledge.faq.normalise import Normalizer
from powbot.knowledge.faq.render import (
    ANSWER_WORDS,
    AnswerParts,
    answer_parts,
    answer_text,
    entry_heading,
    opens_with_yes_no,
    split_answer,
)
from powbot.knowledge.faq.result import SearchResult

__all__ = [
    "ANSWER_WORDS",
    "AUDIENCES",
    "INSTRUMENTS",
    "LANGS",
    "OUT_OF_SCOPE",
    "SEEKER_INSTRUMENT",
    "AnswerParts",
    "Audience",
    "Claim",
    "Contact",
    "Decision",
    "FaqBase",
    "FaqEntry",
    "FaqIndex",
    "Lang",
    "LocalizedText",
    "Normalizer",
    "OutOfScopeTopic",
    "Pointer",
    "Region",
    "SearchResult",
    "Source",
    "Synonyms",
    "answer_parts",
    "answer_text",
    "entry_heading",
    "faq_ask_json",
    "load_faq",
    "load_region",
    "main_faq_ask",
    "opens_with_yes_no",
    "split_answer",
    "stale_entries",
]
