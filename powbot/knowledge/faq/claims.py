"""Claims and their sources: which answers state an amount or a deadline, whether each claim
has an official source and a recent check, and which links are plain http.

Every entry may list its ``claims`` (kind, what it says, source, check date). Official
sources are listed in ``faq/_sources.yaml`` (the law, UWV, Belastingdienst, RVO,
Rijksoverheid, SBB, gemeenten). `powbot knowledge check` prints these problems as warnings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

from powbot.knowledge.faq.models import FAQ_DIR, FaqBase, FaqEntry
from powbot.knowledge.loading import parse_yaml

SOURCES_FILE = "_sources.yaml"
# An amount of money or a percentage, or a deadline ("binnen 3 maanden", "within 6 weeks").
_MONEY = re.compile(r"€|\beuro\b|\d+(?:[.,]\d+)?\s?%", re.IGNORECASE)
_DEADLINE = re.compile(
    r"\b(binnen|uiterlijk|within|at the latest)\s+(\d+|een|één|twee|drie|vier|zes|a|one|two|"
    r"three|four|six)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ClaimProblem:
    entry_id: str
    message: str


def official_domains(knowledge_dir: Path) -> tuple[str, ...]:
    path = Path(knowledge_dir) / FAQ_DIR / SOURCES_FILE
    if not path.exists():
        return ()
    data = parse_yaml(path.read_text(encoding="utf-8")) or {}
    return tuple(str(d).lower() for d in data.get("official_domains", []))


def is_official(url: str, domains: tuple[str, ...]) -> bool:
    host = (urlparse(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in domains)


def states_money_or_deadline(entry: FaqEntry) -> bool:
    """The answer names an amount, a percentage or a deadline (in either language)."""
    texts = [entry.answer.nl, entry.answer.en]
    if entry.seeker is not None:
        texts += [entry.seeker.nl, entry.seeker.en]
    return any(_MONEY.search(t) or _DEADLINE.search(t) for t in texts)


def claim_problems(
    base: FaqBase, domains: tuple[str, ...], today: date, max_age_days: int
) -> list[ClaimProblem]:
    """Plain-http links, money or deadline claims without an official source, answers that
    state an amount or a deadline without listing it as a claim, and stale claims."""
    out: list[ClaimProblem] = []
    for entry in base.entries:
        urls = [entry.source.url, *(c.source.url for c in entry.claims)]
        out += [
            ClaimProblem(entry.id, f"plain http link {url}")
            for url in dict.fromkeys(urls)
            if url.startswith("http://")
        ]
        for claim in entry.claims:
            if claim.kind in ("amount", "deadline") and not is_official(claim.source.url, domains):
                out.append(
                    ClaimProblem(
                        entry.id, f"{claim.kind} claim {claim.says!r} has no official source"
                    )
                )
            if (today - claim.checked).days > max_age_days:
                out.append(
                    ClaimProblem(
                        entry.id,
                        f"claim {claim.says!r} last checked {claim.checked.isoformat()}, "
                        f"older than {max_age_days} days",
                    )
                )
        money_claims = [c for c in entry.claims if c.kind in ("amount", "deadline")]
        if states_money_or_deadline(entry) and not money_claims:
            out.append(
                ClaimProblem(entry.id, "states an amount or a deadline but lists no such claim")
            )
    return out
