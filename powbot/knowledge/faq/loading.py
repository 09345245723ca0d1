"""Loading and validating the FAQ YAML files and the region file."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from powbot.knowledge.errors import KnowledgeError
from powbot.knowledge.faq.models import (
    FAQ_DIR,
    INSTRUMENTS,
    OUT_OF_SCOPE_FILE,
    REGION_FILE,
    SYNONYMS_FILE,
    FaqBase,
    FaqEntry,
    OutOfScopeTopic,
    Pointer,
    Region,
    Synonyms,
    _FaqFile,
    _OutOfScopeFile,
)
from powbot.knowledge.loading import parse_yaml


def _field_path(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(file)"


def _problem(err: Any) -> str:
    kind = err.get("type", "")
    if kind == "missing":
        return "missing"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        return "must not be empty"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return f"not a valid date (use YYYY-MM-DD), got {err.get('input')!r}"
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "literal_error":
        return f"{err.get('msg', 'invalid value')}, got {err.get('input')!r}"
    return str(err.get("msg", "invalid"))


def _validate(model: type[BaseModel], data: Any, file: str, prefix: str = "") -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        path = _field_path(err["loc"])
        if prefix:
            path = prefix if path == "(file)" else f"{prefix}.{path}"
        raise KnowledgeError(file, path, _problem(err)) from None


def _read_yaml(path: Path, rel: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeError(rel, "(file)", f"cannot read: {exc.strerror}") from None
    try:
        data = parse_yaml(text)
    except yaml.YAMLError as exc:
        raise KnowledgeError(rel, "(file)", f"invalid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise KnowledgeError(rel, "(file)", "expected a mapping at the top level")
    return data


def load_faq(knowledge_dir: Path) -> FaqBase:
    """Load and validate every ``faq/*.yaml`` file plus ``faq/_synonyms.yaml``.

    Raises KnowledgeError naming the file and field of the first problem found.
    """
    faq_dir = Path(knowledge_dir) / FAQ_DIR
    if not faq_dir.is_dir():
        raise KnowledgeError(FAQ_DIR, "(directory)", "missing")
    entries: list[FaqEntry] = []
    files: dict[str, str] = {}  # entry id -> the file it is in
    positions: dict[str, tuple[str, int]] = {}
    for path in sorted(faq_dir.glob("*.yaml")):
        if not path.name.startswith("_"):
            _load_entries(path, entries, files, positions)
    if not entries:
        raise KnowledgeError(FAQ_DIR, "(directory)", "no FAQ entries found")
    _check_related(entries, files, positions)
    synonyms = _load_synonyms(faq_dir)
    broad = synonyms.broad_hiring
    for i, overview in enumerate(broad.overviews if broad else []):
        if overview.entry not in files:
            raise KnowledgeError(
                f"{FAQ_DIR}/{SYNONYMS_FILE}",
                f"broad_hiring.overviews[{i}].entry",
                f"unknown entry id {overview.entry!r}",
            )
    topics, pointers = _load_out_of_scope(faq_dir)
    for i, topic in enumerate(topics):
        for j, other in enumerate(topic.near):
            if other not in files:
                raise KnowledgeError(
                    f"{FAQ_DIR}/{OUT_OF_SCOPE_FILE}",
                    f"topics[{i}].near[{j}]",
                    f"unknown entry id {other!r}",
                )
    return FaqBase(
        entries=tuple(entries), synonyms=synonyms, files=files, topics=topics, pointers=pointers
    )


def _load_entries(
    path: Path,
    entries: list[FaqEntry],
    files: dict[str, str],
    positions: dict[str, tuple[str, int]],
) -> None:
    """One instrument's file: its entries, each with a known instrument and a unique id."""
    rel = f"{FAQ_DIR}/{path.name}"
    parsed: _FaqFile = _validate(_FaqFile, _read_yaml(path, rel), rel)
    for i, entry in enumerate(parsed.entries):
        where = f"entries[{i}]"
        if entry.instrument not in INSTRUMENTS:
            raise KnowledgeError(
                rel, f"{where}.instrument", f"unknown instrument {entry.instrument!r}"
            )
        unknown = [name for name in entry.covers if name not in INSTRUMENTS]
        if unknown:
            raise KnowledgeError(rel, f"{where}.covers", f"unknown instrument {unknown[0]!r}")
        if entry.instrument != path.stem:
            raise KnowledgeError(
                rel,
                f"{where}.instrument",
                f"{entry.instrument!r} does not match the file name {path.stem!r}",
            )
        if entry.id in files:
            raise KnowledgeError(
                rel, f"{where}.id", f"duplicate id {entry.id!r} (also in {files[entry.id]})"
            )
        files[entry.id] = rel
        positions[entry.id] = (rel, i)
        entries.append(entry)


def _check_related(
    entries: list[FaqEntry], files: dict[str, str], positions: dict[str, tuple[str, int]]
) -> None:
    for entry in entries:
        rel, i = positions[entry.id]
        for j, other in enumerate(entry.related):
            if other not in files:
                raise KnowledgeError(
                    rel, f"entries[{i}].related[{j}]", f"unknown entry id {other!r}"
                )


def _load_synonyms(faq_dir: Path) -> Synonyms:
    syn_path = faq_dir / SYNONYMS_FILE
    syn_rel = f"{FAQ_DIR}/{SYNONYMS_FILE}"
    if not syn_path.exists():
        return Synonyms()
    synonyms: Synonyms = _validate(Synonyms, _read_yaml(syn_path, syn_rel), syn_rel)
    for group in ("abbreviations", "synonyms"):
        for canonical in getattr(synonyms, group):
            if not re.fullmatch(r"[a-z0-9]+", canonical):
                raise KnowledgeError(
                    syn_rel,
                    f"{group}.{canonical}",
                    "canonical term must be one lowercase word (a-z, 0-9)",
                )
    for inst in synonyms.instrument_terms:
        if inst not in INSTRUMENTS:
            raise KnowledgeError(
                syn_rel, f"instrument_terms.{inst}", f"unknown instrument {inst!r}"
            )
    return synonyms


def _load_out_of_scope(faq_dir: Path) -> tuple[tuple[OutOfScopeTopic, ...], dict[str, Pointer]]:
    path = faq_dir / OUT_OF_SCOPE_FILE
    if not path.exists():
        return (), {}
    rel = f"{FAQ_DIR}/{OUT_OF_SCOPE_FILE}"
    parsed: _OutOfScopeFile = _validate(_OutOfScopeFile, _read_yaml(path, rel), rel)
    seen: set[str] = set()
    for i, topic in enumerate(parsed.topics):
        if topic.id in seen:
            raise KnowledgeError(rel, f"topics[{i}].id", f"duplicate id {topic.id!r}")
        seen.add(topic.id)
        if topic.pointer is not None and topic.pointer not in parsed.pointers:
            raise KnowledgeError(rel, f"topics[{i}].pointer", f"unknown pointer {topic.pointer!r}")
    return tuple(parsed.topics), dict(parsed.pointers)


def load_region(knowledge_dir: Path) -> Region:
    rel = REGION_FILE
    return _validate(Region, _read_yaml(Path(knowledge_dir) / rel, rel), rel)


def stale_entries(base: FaqBase, max_age_days: int, today: date | None = None) -> list[FaqEntry]:
    """Entries last checked longer than ``max_age_days`` ago (a warning, not an error): the
    oldest claim check date, or the review date of an entry without claims."""
    today = today or date.today()
    return [e for e in base.entries if (today - e.last_checked()).days > max_age_days]
