"""Issue 18, defect 7: erased data stayed readable in the SQLite database and WAL files."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import make_harness, make_settings, onboard

MARKER = "Zwartekous"


def _files_holding(folder: Path) -> list[str]:
    files = [path for path in folder.iterdir() if path.name.startswith("powbot.db")]
    assert files
    return [path.name for path in files if MARKER.encode() in path.read_bytes()]


async def test_after_an_erase_the_name_is_in_no_database_file(tmp_path: Path) -> None:
    database = tmp_path / "powbot.db"
    harness = await make_harness(make_settings(f"sqlite+aiosqlite:///{database}"))
    try:
        person = harness.user(5701, first_name=MARKER)
        await onboard(person)
        await person.send("/verwijder")
        await person.press("Ja")
        assert _files_holding(tmp_path) == []
    finally:
        await harness.app.close()
