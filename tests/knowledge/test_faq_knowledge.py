"""Loading and validating the FAQ content files."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from powbot.knowledge.errors import KnowledgeError
from powbot.knowledge.faq import INSTRUMENTS, load_faq, load_region, stale_entries
from tests.clock_double import local_today

CONTENT = Path(__file__).resolve().parents[2] / "powbot" / "knowledge" / "content"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A writable copy of the real content, to break one file at a time."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_every_content_file_loads() -> None:
    base = load_faq(CONTENT)
    assert len(base.entries) >= 55
    per_instrument = {i: [e for e in base.entries if e.instrument == i] for i in INSTRUMENTS}
    assert all(len(v) >= 3 for v in per_instrument.values()), per_instrument.keys()
    for entry in base.entries:
        assert entry.answer.nl.strip() and entry.answer.en.strip()
        assert entry.source.url.startswith("http")
        assert entry.reviewed <= local_today()  # a review date in the future is a typo
    region = load_region(CONTENT)
    assert region.wsp.name and region.note.nl and region.note.en


@pytest.mark.parametrize(
    ("file", "change", "field", "problem"),
    [
        (
            "bbl.yaml",
            lambda d: d["entries"][2]["answer"].pop("en"),
            "entries[2].answer.en",
            "missing",
        ),
        (
            "bbl.yaml",
            lambda d: d["entries"][0]["answer"].update(nl="  "),
            "entries[0].answer.nl",
            "empty",
        ),
        (
            "sroi.yaml",
            lambda d: d["entries"][1].update(instrument="sroii"),
            "entries[1].instrument",
            "unknown instrument",
        ),
        (
            "jobcarving.yaml",
            lambda d: d["entries"][0].pop("source"),
            "entries[0].source",
            "missing",
        ),
        (
            "jobcarving.yaml",
            lambda d: d["entries"][0]["source"].pop("url"),
            "entries[0].source.url",
            "missing",
        ),
        (
            "open-hiring.yaml",
            lambda d: d["entries"][1].update(reviewed="2026-13-45"),
            "entries[1].reviewed",
            "date",
        ),
        (
            "wsp-contact.yaml",
            lambda d: d["entries"][0].update(related=["nope"]),
            "entries[0].related[0]",
            "unknown entry id",
        ),
        (
            "_out_of_scope.yaml",
            lambda d: d["topics"][1].update(pointer="nowhere"),
            "topics[1].pointer",
            "unknown pointer 'nowhere'",
        ),
        (
            "_out_of_scope.yaml",
            lambda d: d["topics"][2].update(id=d["topics"][0]["id"]),
            "topics[2].id",
            "duplicate id",
        ),
        (
            "_out_of_scope.yaml",
            lambda d: d["pointers"]["arbo"]["text"].pop("en"),
            "pointers.arbo.text.en",
            "missing",
        ),
    ],
)
def test_broken_file_names_file_and_field(content, file, change, field, problem) -> None:
    _edit(content / "faq" / file, change)
    with pytest.raises(KnowledgeError) as err:
        load_faq(content)
    assert err.value.file == f"faq/{file}"
    assert err.value.field == field
    assert problem in err.value.problem
    assert str(err.value).startswith(f"faq/{file}: {field}: ")


def test_duplicate_id_across_files(content: Path) -> None:
    _edit(content / "faq" / "sroi.yaml", lambda d: d["entries"][0].update(id="bbl-what"))
    with pytest.raises(KnowledgeError) as err:
        load_faq(content)
    assert err.value.file == "faq/sroi.yaml"
    assert err.value.field == "entries[0].id"
    assert "duplicate id 'bbl-what'" in err.value.problem
    assert "faq/bbl.yaml" in err.value.problem


def test_broken_yaml_and_synonyms(content: Path) -> None:
    (content / "faq" / "bbl.yaml").write_text("entries: [\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"^faq/bbl\.yaml: \(file\): invalid YAML"):
        load_faq(content)
    shutil.copy(CONTENT / "faq" / "bbl.yaml", content / "faq" / "bbl.yaml")
    _edit(content / "faq" / "_synonyms.yaml", lambda d: d["synonyms"].update({"Two Words": ["x"]}))
    with pytest.raises(KnowledgeError) as err:
        load_faq(content)
    assert (err.value.file, err.value.field) == ("faq/_synonyms.yaml", "synonyms.Two Words")


def test_broken_region(content: Path) -> None:
    _edit(content / "region.yaml", lambda d: d["wsp"]["hours"].pop("en"))
    with pytest.raises(KnowledgeError) as err:
        load_region(content)
    assert (err.value.file, err.value.field, err.value.problem) == (
        "region.yaml",
        "wsp.hours.en",
        "missing",
    )


def test_stale_entries_are_reported_not_raised(content: Path) -> None:
    def age(data: dict) -> None:  # type: ignore[type-arg]
        entry = data["entries"][1]  # bbl-subsidy: its freshness is its stalest claim's
        entry["claims"][0]["checked"] = "2024-01-31"

    _edit(content / "faq" / "bbl.yaml", age)
    base = load_faq(content)  # loads fine: staleness is a warning
    stale = stale_entries(base, max_age_days=365, today=date(2026, 11, 22))
    assert [e.id for e in stale] == ["bbl-subsidy"]
    assert stale_entries(base, max_age_days=365 * 5, today=date(2026, 11, 22)) == []
