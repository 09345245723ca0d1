"""Employer FAQ, issue 15 (blind_u round): a Wajonger's sickness with loondispensatie,
commuting costs and the cao get answers that say what they are about, and the bbl subsidy
names the coming application window without borrowed dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from powbot.knowledge.faq import FaqIndex
from powbot.knowledge.faq.claims import is_official, official_domains

CONTENT = Path(__file__).resolve().parents[2] / "powbot" / "knowledge" / "content"


def _shown(index: FaqIndex, question: str) -> list[str]:
    result = index.search(question, audience="employer", limit=3)
    return [e.id for e in (result.best, *(e for e, _ in result.alternatives)) if e is not None]


@pytest.mark.parametrize(
    "question",
    [
        "Mijn Wajonger met loondispensatie is ziek, wat nu?",
        "wajonger ziek, loopt dispensatie door?",
        "Our Wajong employee with wage dispensation is sick, what happens?",
        "Betaal ik bij ziekte het verlaagde loon door bij loondispensatie?",
    ],
)
def test_a_sick_wajonger_with_dispensation_gets_both_schemes_apart(
    faq_index: FaqIndex, question: str
) -> None:
    # These got 'what is loondispensatie', which says nothing about sickness, so employers
    # mixed the lower wage up with the no-riskpolis.
    result = faq_index.search(question)
    assert result.decision == "answer" and result.best is not None, question
    assert result.best.id == "ld-sick", question
    text = result.best.answer.nl
    assert "no-riskpolis" in text and "loondispensatie" in text.lower()
    assert "70%" in text and "6 weken" in text


def test_the_sick_wajonger_answer_sources_each_money_and_deadline_claim(
    faq_index: FaqIndex,
) -> None:
    entry = faq_index.base.get("ld-sick")
    assert entry is not None and entry.audience == ["employer"]
    domains = official_domains(CONTENT)
    kinds = {c.kind for c in entry.claims}
    assert {"amount", "deadline"} <= kinds
    assert all(is_official(c.source.url, domains) for c in entry.claims)
    assert is_official(entry.source.url, domains)


@pytest.mark.parametrize(
    "question",
    [
        "reiskosten woon-werkverkeer",
        "Moet ik mijn personeel reiskosten vergoeden?",
        "reiskostenvergoeding",
    ],
)
def test_a_commuting_allowance_is_not_a_workplace_adjustment(
    faq_index: FaqIndex, question: str
) -> None:
    # 'reiskosten woon-werkverkeer' was answered with the workplace adjustment.
    result = faq_index.search(question)
    assert result.decision == "unknown", question
    assert result.topic is not None and result.topic.id == "commuting", question
    pointer = faq_index.base.pointer(result.topic)
    assert pointer is not None and "Belastingdienst" in pointer.text.nl
    # ... and transport a disability needs is offered next to the pointer.
    assert result.topic.near == ["wa-travel"]


def test_transport_a_disability_needs_is_the_workplace_adjustment(faq_index: FaqIndex) -> None:
    question = "Mijn medewerker kan door zijn handicap niet met het ov naar het werk, is daar een regeling voor?"
    assert _shown(faq_index, question)[0] == "wa-travel"
    assert "wa-who-pays" in _shown(
        faq_index, "wie betaalt vervoer naar het werk voor een wajonger in een rolstoel?"
    )


@pytest.mark.parametrize("question", ["onze cao loopt af", "cao loopt af, wat dan?"])
def test_a_cao_question_points_to_the_sector_not_the_juridisch_loket(
    faq_index: FaqIndex, question: str
) -> None:
    result = faq_index.search(question)
    assert result.decision == "unknown", question
    assert result.topic is not None and result.topic.id == "collective-agreement"
    pointer = faq_index.base.pointer(result.topic)
    assert pointer is not None
    assert "brancheorganisatie" in pointer.text.nl and "Juridisch Loket" not in pointer.text.nl


def test_a_cao_wage_with_a_wage_subsidy_stays_the_wage_subsidy(faq_index: FaqIndex) -> None:
    result = faq_index.search("moet ik cao loon betalen bij lks?")
    assert result.best is not None and result.best.instrument == "loonkostensubsidie"


def test_the_bbl_subsidy_names_the_coming_window_without_old_dates(faq_index: FaqIndex) -> None:
    entry = faq_index.base.get("bbl-subsidy")
    assert entry is not None
    assert "zomer van 2027" in entry.answer.nl and "summer of 2027" in entry.answer.en
    for year in ("2024", "2025/2026", "17 september"):
        assert year not in entry.answer.nl, year
    domains = official_domains(CONTENT)
    assert all(is_official(c.source.url, domains) for c in entry.claims)


@pytest.mark.parametrize("entry_id", ["lkv-liv", "wsp-werkcentrum", "oh-requirements"])
def test_weak_sources_of_the_audit_are_replaced_by_official_ones(
    faq_index: FaqIndex, entry_id: str
) -> None:
    entry = faq_index.base.get(entry_id)
    assert entry is not None
    assert is_official(entry.source.url, official_domains(CONTENT)), entry.source.url
