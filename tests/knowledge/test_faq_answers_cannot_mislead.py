"""Every FAQ answer, walked: it shows what it answers, states the rule instead of opening
with a bare yes or no, fits a phone, and its money and deadline claims have a source."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from powbot.knowledge.faq import (
    ANSWER_WORDS,
    FaqBase,
    FaqIndex,
    Normalizer,
    entry_heading,
    opens_with_yes_no,
    split_answer,
)
from powbot.knowledge.faq.claims import claim_problems, official_domains, states_money_or_deadline

CONTENT = Path(__file__).resolve().parents[2] / "powbot" / "knowledge" / "content"
TODAY = date(2026, 12, 6)
MAX_PARTS = 2  # the answer, and at most one "meer"

# Entries that state an amount or a deadline but do not list it as a claim yet. The list
# may only shrink: adding claims to one of these, or a new entry without claims, fails.
PENDING_CLAIMS: set[str] = set()


MAX_HEADING = 100


@pytest.fixture(scope="module")
def base(faq_index: FaqIndex) -> FaqBase:
    return faq_index.base


def _texts(base: FaqBase) -> list[tuple[str, str, str]]:
    out = []
    for entry in base.entries:
        for lang in ("nl", "en"):
            out.append((entry.id, lang, entry.answer.get(lang)))
            if entry.seeker is not None:
                out.append((f"{entry.id} (seeker)", lang, entry.seeker.get(lang)))
    return out


def test_every_answer_has_a_heading_saying_what_it_answers(base: FaqBase) -> None:
    norm = Normalizer(base.synonyms)

    def language_of(question: str) -> str:
        return norm.language(question.lower().split())

    for entry in base.entries:
        for lang in ("nl", "en"):
            heading = entry_heading(entry, lang, language_of)
            assert len(heading) >= 8, (entry.id, lang, heading)
            # A heading says what the entry answers in one glance on a phone, not one
            # employer's situation: example questions added at the top of an entry once
            # became its heading ("Onze medewerker met een Wajong-uitkering heeft een
            # aangepaste werkkar ... nodig", 128 characters). Give such an entry a title.
            assert len(heading) <= MAX_HEADING, (entry.id, lang, heading)
            assert heading in entry.questions or entry.title is not None
            if lang == "en" and any(language_of(q) == "en" for q in entry.questions):
                assert language_of(heading) == "en", (entry.id, heading)


# First words of a question that asks yes or no ("Geldt ...?", "Can I ...?").
YES_NO_OPENERS = set(
    "geldt is mag kan bestaat ben telt gaat loopt krijg krijgt vergoedt moet heb heeft zijn "
    "wordt betaalt blijft mogen kunnen moeten valt verloopt "
    "is are can may does do did must should will am has have".split()
)


def test_no_heading_asks_a_yes_or_no_question(base: FaqBase) -> None:
    """A heading says what the answer answers. A yes/no question does not: "Geldt de
    Subsidieregeling praktijkleren ook voor bol-studenten?" headed the answer to every bbl
    money question, so the amount read as a reply to a question nobody asked."""
    norm = Normalizer(base.synonyms)

    def language_of(question: str) -> str:
        return norm.language(question.lower().split())

    asking = [
        (entry.id, lang, heading)
        for entry in base.entries
        if entry.audience != ["seeker"]  # the employers' answers (job seekers': their FAQ)
        for lang in ("nl", "en")
        if (heading := entry_heading(entry, lang, language_of)).endswith("?")
        and heading.split()[0].lower() in YES_NO_OPENERS
    ]
    assert asking == []


def test_no_answer_opens_with_a_bare_yes_or_no(base: FaqBase) -> None:
    bad = [(i, lang, t[:40]) for i, lang, t in _texts(base) if opens_with_yes_no(t)]
    assert bad == []


def test_every_answer_fits_a_phone_in_at_most_two_parts(base: FaqBase) -> None:
    for entry_id, lang, text in _texts(base):
        parts = split_answer(text)
        assert len(parts) <= MAX_PARTS, (entry_id, lang, len(text.split()))
        assert all(len(p.split()) <= ANSWER_WORDS for p in parts), (entry_id, lang)
        assert " ".join(parts) == " ".join(text.split())  # nothing lost in the cut


def test_split_answer_cuts_between_sentences() -> None:
    text = " ".join(f"Zin nummer {i} heeft precies zeven woorden." for i in range(20))
    parts = split_answer(text, limit=30)
    assert all(p.endswith("woorden.") for p in parts)
    assert all(len(p.split()) <= 30 for p in parts)


def test_money_and_deadline_claims_have_an_official_source(base: FaqBase) -> None:
    problems = claim_problems(base, official_domains(CONTENT), TODAY, max_age_days=365)
    no_claims = {p.entry_id for p in problems if "lists no such claim" in p.message}
    assert no_claims == PENDING_CLAIMS
    unofficial = {p.entry_id for p in problems if "no official source" in p.message}
    assert unofficial == set()  # every money and deadline claim cites the law or a public body
    assert [p for p in problems if "http link" in p.message] == []
    assert [p for p in problems if "older than" in p.message] == []


def test_the_stale_warning_uses_the_oldest_claim_date(base: FaqBase) -> None:
    entry = base.get("nrp-claim")
    assert entry is not None and entry.claims
    assert entry.last_checked() == min(c.checked for c in entry.claims)
    assert states_money_or_deadline(entry)


def test_audit_corrections_are_in_the_content(base: FaqBase) -> None:
    def nl(entry_id: str) -> str:
        found = base.get(entry_id)
        assert found is not None
        return found.answer.nl

    assert "86.000" not in nl("ba-what") and "90.000" in nl("ba-what")
    assert "bronnen" not in nl("nrp-amount") and "zolang het dienstverband duurt" in nl(
        "nrp-amount"
    )
    assert "WIA-IVA" in nl("ba-register") and " je " not in f" {nl('ba-register')} "
    assert "niet zeker" in nl("pl-subsidy")
    assert "regels 2026" not in nl("jc-internal")
    assert "Oekraïne" in nl("wsp-refugees")
    assert "ongevallenverzekering" in nl("pp-uwv")
    legal = base.pointers["legal"]
    assert "juridischloket" not in legal.url and "adviseert geen werkgevers" in legal.text.nl


@pytest.fixture(scope="module")
def index(faq_index: FaqIndex) -> FaqIndex:
    """The shipped FAQ's shared index (tests/conftest.py): searched, never changed."""
    return faq_index


@pytest.mark.parametrize("question", ["subsidie", "ik heb een vraag", "regeling?", "subsidie?"])
def test_vague_questions_get_a_choice_not_an_answer(index: FaqIndex, question: str) -> None:
    result = index.search(question, audience="employer")
    assert result.decision == "vague" and result.best is None
    assert 2 <= len(result.alternatives) <= 3


def test_an_employers_sickness_question_can_lead_to_the_no_riskpolis(index: FaqIndex) -> None:
    for question in (
        "Mijn werknemer is ziek, wat moet ik doen?",
        "wat als mijn nieuwe werknemer ziek wordt",
    ):
        result = index.search(question, audience="employer")
        if result.decision == "answer":
            assert result.best is not None and result.best.instrument == "no-riskpolis"
        elif result.decision == "clarify":  # general sick leave fits nearly as well: a choice
            offered = [result.best, *(e for e, _ in result.alternatives)]
            assert any(e is not None and e.instrument == "no-riskpolis" for e in offered)
        else:
            assert result.topic is not None and "nrp-what" in result.topic.near


def test_job_seekers_get_their_own_answers(index: FaqIndex) -> None:
    asked = {
        "mag ik bijverdienen naast mijn bijstand?": "ws-bijverdienen",
        "wat gebeurt er met mijn uitkering als ik ga werken": "ws-start-werk",
        "wie betaalt mijn reiskosten naar mijn werk": "ws-reiskosten",
        "houd ik mijn uitkering als ik op proef ga werken?": "ws-proefplaats",
        "krijg ik kinderopvangtoeslag als ik ga werken": "ws-kinderopvang",
        "wie is mijn klantmanager?": "ws-contact",
        # Asked in a job seeker's own words; these got "Dat weet ik helaas niet" or the
        # answer about starting work.
        "moet ik mijn inkomsten doorgeven?": "ws-bijverdienen",
        "ik heb schulden, kan ik toch werken": "ws-schulden",
        "I have debts, can I still work?": "ws-schulden",
        "kan ik een cursus nederlands krijgen": "ws-taal",
        "where can I learn Dutch for free": "ws-taal",
    }
    for question, entry_id in asked.items():
        result = index.search(question, audience="seeker")
        assert result.decision == "answer" and result.best is not None, question
        assert result.best.id == entry_id, question


def test_asking_for_a_person_is_not_an_instrument_question_for_a_job_seeker(
    index: FaqIndex,
) -> None:
    for question in ("ik wil met een mens praten", "I want to talk to a human"):
        assert index.search(question, audience="seeker").decision == "unknown"


def test_job_seeker_entries_stay_out_of_the_employer_index(index: FaqIndex) -> None:
    assert all(e.audience != ["seeker"] for e in index.entries)
    result = index.search("mag ik bijverdienen naast mijn bijstand?")
    assert result.best is None or not result.best.id.startswith("ws-")
