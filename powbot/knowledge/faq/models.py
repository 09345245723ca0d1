"""FAQ content models: entries, synonyms, out-of-scope topics, the region's contacts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

INSTRUMENTS: tuple[str, ...] = (
    "loonkostensubsidie",
    "loondispensatie",
    "no-riskpolis",
    "proefplaatsing",
    "jobcoaching",
    "werkplekaanpassing",
    "loonkostenvoordeel",
    "banenafspraak",
    "praktijkleren",
    "bbl",
    "detachering",
    "open-hiring",
    "jobcarving",
    "sroi",
    "wsp-contact",
    "werkzoekende",  # questions job seekers ask about their own situation (audience: seeker)
)
SEEKER_INSTRUMENT = "werkzoekende"
LANGS: tuple[str, ...] = ("nl", "en")
AUDIENCES: tuple[str, ...] = ("employer", "seeker")

Lang = Literal["nl", "en"]
Audience = Literal["employer", "seeker"]
# "vague": too general to answer ("subsidie", "ik heb een vraag"); offer a choice of subjects.
Decision = Literal["answer", "clarify", "vague", "unknown"]
ClaimKind = Literal["amount", "duration", "condition", "deadline"]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

OUT_OF_SCOPE = "_out-of-scope"  # pseudo-instrument of the out-of-scope topics in the index
FAQ_DIR = "faq"
SYNONYMS_FILE = "_synonyms.yaml"
OUT_OF_SCOPE_FILE = "_out_of_scope.yaml"
REGION_FILE = "region.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LocalizedText(_Strict):
    nl: NonEmpty
    en: NonEmpty

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


class Source(_Strict):
    title: NonEmpty
    url: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^https?://\S+$")]


class Claim(_Strict):
    """One checkable statement of an answer (an amount, a duration, a condition or a
    deadline), with the source it was checked against and when."""

    kind: ClaimKind
    says: NonEmpty
    source: Source
    checked: date
    note: str | None = None  # e.g. the law article, or which audit checked it


class FaqEntry(_Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    instrument: NonEmpty
    audience: Annotated[list[Audience], Field(min_length=1)]
    questions: Annotated[list[NonEmpty], Field(min_length=1)]
    # What the answer answers, shown as its heading; default: the first example question
    # in the reader's language.
    title: LocalizedText | None = None
    answer: LocalizedText
    # The answer written for job seekers ("je"); without it, a job seeker who lands on this
    # entry is told it is about employers' rules and to ask their klantmanager.
    seeker: LocalizedText | None = None
    source: Source
    reviewed: date
    claims: list[Claim] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list)
    # Other instruments whose questions this entry answers as well: the subsidy per bbl
    # student *is* the Subsidieregeling praktijkleren (the bench counts either label right).
    covers: list[str] = Field(default_factory=list)
    # A pattern (case-insensitive) the question must match for this entry to answer it: an
    # entry about one narrow case ("the LKV for older employees: what is left of it") must not
    # answer "LKV" or "LKV voor iemand uit de bijstand" (issue 15: read as "no LKV any more").
    only_if: str | None = None

    @model_validator(mode="after")
    def _examples_meet_only_if(self) -> FaqEntry:
        if self.only_if is not None:
            missing = [q for q in self.questions if not self.asks_its_case(q)]
            if missing:
                raise ValueError(f"{self.id}: example questions not matching only_if: {missing}")
        return self

    def asks_its_case(self, question: str) -> bool:
        """The question names the case this entry is about (always, without ``only_if``)."""
        return self.only_if is None or re.search(self.only_if, question, re.IGNORECASE) is not None

    def answers_for(self, instrument: str) -> bool:
        return instrument == self.instrument or instrument in self.covers

    def last_checked(self) -> date:
        """The oldest check date of its claims (the answer is as fresh as its stalest
        claim), or the review date when it lists no claims."""
        return min((c.checked for c in self.claims), default=self.reviewed)


class _FaqFile(_Strict):
    entries: Annotated[list[FaqEntry], Field(min_length=1)]


class BroadOverview(_Strict):
    """An overview entry and the words that name the group it is about ("ww", "bijstand")."""

    entry: NonEmpty
    group: Annotated[list[NonEmpty], Field(min_length=1)]


class BroadHiring(_Strict):
    """The words of a question that asks what an employer can get for hiring someone, naming
    no scheme, and the overview entries that answer it (the first whose group is named)."""

    money: Annotated[list[NonEmpty], Field(min_length=1)]  # subsidie, geld, support, ...
    hiring: Annotated[list[NonEmpty], Field(min_length=1)]  # aannemen, hire, in dienst, ...
    filler: list[NonEmpty] = Field(default_factory=list)  # krijg, get, werkgever, ...
    overviews: Annotated[list[BroadOverview], Field(min_length=1)]


class Synonyms(_Strict):
    """Word lists for the retriever. Keys of ``abbreviations``/``synonyms`` are canonical
    single-word terms; values are variants (words or phrases, any language)."""

    abbreviations: dict[str, list[NonEmpty]] = Field(default_factory=dict)
    synonyms: dict[str, list[NonEmpty]] = Field(default_factory=dict)
    typos: dict[str, NonEmpty] = Field(default_factory=dict)
    stopwords: dict[Lang, list[NonEmpty]] = Field(default_factory=dict)
    # Terms that name an instrument ("LKS" names loonkostensubsidie even though other entries
    # mention it too); a question containing one favours that instrument.
    instrument_terms: dict[str, list[NonEmpty]] = Field(default_factory=dict)
    # A broad hiring question ("krijg ik geld als ik iemand uit de bijstand aanneem?"): see
    # broad.py. None: no such questions are recognised.
    broad_hiring: BroadHiring | None = None


class Pointer(_Strict):
    """Where to go with a subject this FAQ does not cover (a vetted, general address)."""

    text: LocalizedText
    url: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^https?://\S+$")]


def _everyone() -> list[Audience]:
    return ["employer", "seeker"]


class OutOfScopeTopic(_Strict):
    """A subject employers ask about that the FAQ deliberately does not answer (dismissal,
    sick leave of staff in general, payroll tax, ...). Its example questions compete with the
    entries in the retriever, so "unknown" is a class of its own, not only a low score."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    pointer: str | None = None  # key in ``pointers``
    questions: Annotated[list[NonEmpty], Field(min_length=1)]
    # Who may ask it: a topic for job seekers only ("ik wil met een mens praten") must not
    # turn an employer's "kan ik iemand spreken?" (the WSP entry) into "unknown".
    audience: list[Audience] = Field(default_factory=lambda: _everyone())
    # Entries it is easily confused with: offered as a choice next to the pointer (an
    # employer's "my new employee is often ill" may be a no-riskpolis question).
    near: list[str] = Field(default_factory=list)


class _OutOfScopeFile(_Strict):
    pointers: dict[str, Pointer] = Field(default_factory=dict)
    topics: Annotated[list[OutOfScopeTopic], Field(min_length=1)]


class Contact(_Strict):
    name: NonEmpty
    phone: str | None = None
    email: str | None = None
    website: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    hours: LocalizedText | None = None


class Region(_Strict):
    name: NonEmpty
    # The shipped example region: its phone numbers are placeholders, so a person in crisis
    # would be given numbers that ring nowhere. `powbot knowledge check`, `powbot health` and
    # `powbot run` say so until an operator puts in their region and removes this flag.
    example: bool = False
    wsp: Contact
    uwv: Contact
    note: LocalizedText
    # For job seekers and the safety layer: the municipality (klantmanager, urgent help),
    # the night shelter / central intake, and food help. Optional for older region files.
    gemeente: Contact | None = None
    shelter: Contact | None = None
    food: Contact | None = None
    # AVG: who is responsible for the data (the controller) and its privacy officer, named in
    # /privacy. Optional for older region files; /privacy then leaves the line out.
    controller: Contact | None = None
    privacy_officer: Contact | None = None


@dataclass(frozen=True)
class FaqBase:
    """All validated entries, in file order, plus the retriever word lists."""

    entries: tuple[FaqEntry, ...]
    synonyms: Synonyms
    files: dict[str, str] = field(default_factory=dict)  # entry id -> file it came from
    topics: tuple[OutOfScopeTopic, ...] = ()
    pointers: dict[str, Pointer] = field(default_factory=dict)

    def pointer(self, topic: OutOfScopeTopic | None) -> Pointer | None:
        return self.pointers.get(topic.pointer) if topic and topic.pointer else None

    def get(self, entry_id: str) -> FaqEntry | None:
        return next((e for e in self.entries if e.id == entry_id), None)
