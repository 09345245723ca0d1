"""In `powbot chat`, typing the number of the '🔗 Bron' button under an FAQ answer sent '2' to
the bot, which opened 'Vacature plaatsen'; and after closing and reopening the chat, a number
pressed a main-menu item instead of the button that was on the screen (tester). A link button
shows its address; the last buttons come back when the chat is opened again."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_support import run_cli


def test_regression_link_button_shows_its_address_and_buttons_survive_reopening(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}"}
    args = ["chat", "--user", "4003"]
    first = run_cli(
        monkeypatch, tmp_path, args, stdin="/start\n1\n2\nwat is een proefplaatsing\n2\n", env=env
    )
    assert first.returncode == 0, first.stderr
    after_link = first.stdout.rsplit("> 2\n", 1)[1]
    assert after_link.strip().startswith("🔗 https://") and "Vacature" not in after_link
    again = run_cli(monkeypatch, tmp_path, args, stdin="1\n", env=env)
    assert again.returncode == 0, again.stderr
    assert "Dit waren de knoppen toen je de chat sloot:" in again.stdout
    pressed = again.stdout.rsplit("> 1\n", 1)[1]
    assert "proefplaats via de gemeente" in pressed  # the first button under the answer
