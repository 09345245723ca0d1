"""The shipped region.yaml is an example whose shelter and food-bank numbers are placeholders
('0800 000 0001 (voorbeeld)'): nothing told an operator who went live with it that people in
crisis would be given numbers that ring nowhere (tester). `powbot knowledge check` and
`powbot health` now say so until the region is their own."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from powbot.config import PACKAGE_KNOWLEDGE_DIR, load_settings
from powbot.health import health
from powbot.knowledge.check import check


def _region_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("warning: region.yaml")]


@pytest.mark.parametrize("own_region", [False, True])
async def test_regression_example_region_is_named_until_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], own_region: bool
) -> None:
    content = tmp_path / "content"
    shutil.copytree(PACKAGE_KNOWLEDGE_DIR, content)
    if own_region:
        region = content / "region.yaml"
        region.write_text(
            region.read_text(encoding="utf-8").replace("example: true\n", ""), encoding="utf-8"
        )
    settings = load_settings(
        POWBOT_KNOWLEDGE_DIR=str(content), DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/h.db"
    )
    assert check(settings, today=date(2026, 12, 8)) == 0
    assert await health(settings) == 0
    lines = _region_lines(capsys.readouterr().out)
    assert len(lines) == (0 if own_region else 2)
    assert all("placeholders" in line for line in lines)
