"""The audit's gaps (content audit 2026-12 §8) have entries an employer reaches in their own
words, and the figures without an official source are not stated as rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from powbot.knowledge.faq import FaqBase, FaqIndex
from powbot.knowledge.faq.claims import is_official, official_domains

CONTENT = Path(__file__).resolve().parents[2] / "powbot" / "knowledge" / "content"


@pytest.fixture(scope="module")
def base(faq_index: FaqIndex) -> FaqBase:
    return faq_index.base


@pytest.fixture(scope="module")
def index(faq_index: FaqIndex) -> FaqIndex:
    """The shipped FAQ's shared index (tests/conftest.py): searched, never changed."""
    return faq_index


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("wat kost zo'n werknemer mij nou netto met al die subsidies?", "lks-net-cost"),
        ("mag iemand met bijstand bij ons onbetaald ervaring opdoen?", "pp-behoud-uitkering"),
        ("wat houdt beschut werk in?", "det-beschut"),
        ("krijgen we iets voor de stage van een leerling van het vso?", "pl-vso-pro"),
        ("is er een cursus voor de collega die onze nieuwe medewerker begeleidt?", "jc-training"),
        ("welke regelingen heb ik als ik iemand uit de ww aanneem", "pp-ww"),
        ("gaat het lkv mee naar de nieuwe werkgever?", "lkv-transfer"),
    ],
)
def test_an_employer_reaches_the_gap_entries(index: FaqIndex, question: str, entry_id: str) -> None:
    result = index.search(question, audience="employer", limit=3)
    shown = [result.best, *(e for e, _ in result.alternatives)]
    assert entry_id in [e.id for e in shown if e is not None], question


def test_gap_entries_cite_an_official_source_for_their_rules(base: FaqBase) -> None:
    domains = official_domains(CONTENT)
    for entry_id in ("lks-net-cost", "pp-behoud-uitkering", "det-beschut", "pl-vso-pro",
                     "jc-training", "pp-ww", "lkv-transfer"):  # fmt: skip
        entry = base.get(entry_id)
        assert entry is not None and entry.claims, entry_id
        assert any(is_official(c.source.url, domains) for c in entry.claims), entry_id


def test_unsupported_figures_are_not_stated_as_rules(base: FaqBase) -> None:
    def nl(entry_id: str) -> str:
        entry = base.get(entry_id)
        assert entry is not None
        return entry.answer.nl

    assert "7,5%" not in nl("jc-internal") and "vraag ze na bij UWV" in nl("jc-internal")
    assert "bestaat niet" in nl("sroi-percentage")  # no national 5%
    assert "aannames" in nl("lks-net-cost")  # a worked example, labelled as one
    assert "niet vaststond" in nl("lkv-transfer")  # the 2027 date was not final everywhere
    # No official text with the experiment's application deadline was found: no date is given.
    assert "31 oktober" not in nl("ld-conditions") and "bij UWV" in nl("ld-conditions")
