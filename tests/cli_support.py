"""Runs the `powbot` command in this process, as a shell would: its own environment
(nothing inherited from the test runner), its own working directory, stdin, and the exit
code, stdout and stderr it produced. Faster than a subprocess by the 3-5 s of imports each
start costs; one smoke test (tests/test_config.py) still runs the real executable."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from powbot.cli import main

# Settings the command reads from the environment: cleared so only `env` counts.
_PREFIXES = ("POWBOT_", "DATABASE_URL", "TELEGRAM_", "REDIS_URL")


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str


def run_cli(
    monkeypatch: pytest.MonkeyPatch,
    cwd: Path,
    args: list[str],
    *,
    stdin: str = "",
    env: dict[str, str] | None = None,
) -> CliResult:
    for name in list(os.environ):
        if name.startswith(_PREFIXES):
            monkeypatch.delenv(name)
    for name, value in (env or {}).items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(cwd)  # no stray .env file is read
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exit_:  # argparse errors
            code = exit_.code if isinstance(exit_.code, int) else 1
    return CliResult(code, out.getvalue(), err.getvalue())
