"""Settings: defaults that work out of the box, one clear line for a bad value."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from powbot.config import ConfigError, load_settings
from tests.cli_support import run_cli


def test_defaults_need_no_token_and_use_sqlite(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    settings = load_settings()
    assert settings.database_url.startswith("sqlite")
    assert settings.timezone == "Europe/Amsterdam"
    assert settings.default_language == "nl"


def test_id_lists_are_read_from_comma_separated_text() -> None:
    settings = load_settings(POWBOT_ADMIN_IDS="12, 34")
    assert settings.admin_ids == [12, 34]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("POWBOT_TIMEZONE", "Mars/Olympus"),
        ("POWBOT_DEFAULT_LANGUAGE", "fr"),
        ("POWBOT_QUIET_START", "25:00"),
        ("POWBOT_OFFER_HOURS", "-3"),
    ],
)
def test_invalid_setting_is_named(name: str, value: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_settings(**{name: value})
    assert name in str(error.value)
    assert "\n" not in str(error.value)


def test_cli_prints_one_line_not_a_traceback() -> None:
    """The smoke test of the real executable: every other CLI test runs in process."""
    result = subprocess.run(
        [sys.executable, "-m", "powbot.cli", "tick"],
        env={"POWBOT_TIMEZONE": "Nowhere/Land", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().startswith("powbot: setting POWBOT_TIMEZONE")
    assert len(result.stderr.strip().splitlines()) == 1


def test_run_without_token_says_which_setting_is_missing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    result = run_cli(monkeypatch, tmp_path, ["run"], env=env)
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN" in result.stderr
