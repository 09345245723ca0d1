"""Voice: every Dutch Open Hiring text says "u" to employers and "je" to job seekers, never
a mix. Which audience a text is for follows from the code that uses it: the employer's
modules or the seeker's. Examples after "Bijvoorbeeld:" (questions employers may ask
seekers) are left out."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from powbot.features.open_hiring.posting import FIELDS

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "powbot"
CATALOG = PACKAGE / "knowledge/content/i18n/nl/open_hiring.yaml"
EMPLOYER_CODE = [
    "features/open_hiring/posting.py",
    "features/open_hiring/form_steps.py",
    "features/open_hiring/manage.py",
    "features/open_hiring/vacancies.py",
    "domain/open_hiring_hire.py",
]
SEEKER_CODE = [
    "features/open_hiring/browse.py",
    "features/open_hiring/joining.py",
    "features/open_hiring/answers.py",
    "features/open_hiring/signup.py",
    "domain/open_hiring_queue.py",
    "domain/open_hiring_offers.py",
    "domain/open_hiring_jobs.py",
]
# Texts sent from the employer's modules to someone else, or shared by both audiences.
NOT_FOR_EMPLOYER = {"coach_accepted", "card", "status_draft", "status_open", "status_paused"}
NOT_FOR_SEEKER = {"card", "employer_start_reminder", "contact_none_for_employer"}
ALSO_FOR_EMPLOYER = {"employer_start_reminder", "contact_none_for_employer"}
JE = re.compile(r"\b(je|jij|jou|jouw|jezelf)\b", re.IGNORECASE)
U = re.compile(r"\b(u|uw|uzelf)\b", re.IGNORECASE)


def _keys(files: list[str]) -> set[str]:
    keys: set[str] = set()
    for name in files:
        source = (PACKAGE / name).read_text(encoding="utf-8")
        keys |= set(re.findall(r'"open_hiring\.([a-z_]+)"', source))
    return keys


def _said(text: str | dict[str, str]) -> str:
    """The text without its examples; plural forms joined."""
    whole = " ".join(text.values()) if isinstance(text, dict) else text
    return whole.split("Bijvoorbeeld:")[0]


def test_employers_are_addressed_as_u_and_seekers_as_je() -> None:
    texts = yaml.safe_load(CATALOG.read_text(encoding="utf-8"))
    # Keys built from a field name: ask_<field>, field_<field>.
    generated = {f"{kind}_{field}" for kind in ("ask", "field") for field in ("org", *FIELDS)}
    employer = ((_keys(EMPLOYER_CODE) | generated | ALSO_FOR_EMPLOYER) & set(texts)) - (
        NOT_FOR_EMPLOYER
    )
    seeker = (_keys(SEEKER_CODE) & set(texts)) - NOT_FOR_SEEKER
    assert {"ask_pay", "counts", "new_intro"} <= employer
    assert {"signed_up", "question", "not_eligible"} <= seeker
    wrong = [f"employer {key}: {texts[key]}" for key in employer if JE.search(_said(texts[key]))]
    wrong += [f"seeker {key}: {texts[key]}" for key in seeker if U.search(_said(texts[key]))]
    assert wrong == []
