"""The layout keeps its shape: layers point one way, aiogram stays in the transport, no
module grows past one concept's size, and every Feature's flows and buttons are wired."""

from __future__ import annotations

import ast
import logging
from pathlib import Path

import pytest

from powbot.conversation import registry
from powbot.features.compose import FEATURES, compose

PACKAGE = Path(__file__).resolve().parents[2] / "powbot"
MAX_LINES = 400
# Modules allowed over the limit (none today). The list may only shrink: a module that is
# no longer over the limit must leave it.
OVER_LIMIT: set[str] = set()


def _modules() -> list[Path]:
    return [
        path
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts and "__pycache__" not in path.parts
    ]


def test_no_module_is_over_the_size_of_one_concept() -> None:
    sizes = {
        str(path.relative_to(PACKAGE.parent)): len(path.read_text().splitlines())
        for path in _modules()
    }
    over = {name for name, size in sizes.items() if size > MAX_LINES}
    assert over <= OVER_LIMIT, f"modules over {MAX_LINES} lines: {sorted(over - OVER_LIMIT)}"
    assert not OVER_LIMIT - over, f"no longer over the limit: {sorted(OVER_LIMIT - over)}"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_aiogram_is_imported_only_by_the_transport() -> None:
    outside = [
        str(path.relative_to(PACKAGE.parent))
        for path in _modules()
        if "bot" != path.relative_to(PACKAGE).parts[0]
        and any(name.split(".")[0] == "aiogram" for name in _imports(path))
    ]
    assert outside == []


def test_the_domain_knows_no_conversation_and_no_transport() -> None:
    upward = ("powbot.conversation", "powbot.features", "powbot.bot", "powbot.web")
    offenders = [
        str(path.relative_to(PACKAGE.parent))
        for path in (PACKAGE / "domain").rglob("*.py")
        if any(name.startswith(upward) for name in _imports(path))
    ]
    assert offenders == []


def test_import_contracts_hold(capsys: pytest.CaptureFixture[str]) -> None:
    """The contracts in pyproject.toml ([tool.importlinter]): layers point one way."""
    lint_imports = pytest.importorskip("importlinter.cli").lint_imports
    # import-linter configures logging with dictConfig, which disables every logger that
    # exists; later tests in this process read log lines, so their state is put back.
    loggers = [logging.getLogger(name) for name in logging.root.manager.loggerDict]
    disabled = {logger: logger.disabled for logger in loggers}
    try:
        code = lint_imports(config_filename=str(PACKAGE.parent / "pyproject.toml"), no_cache=True)
    finally:
        for logger, was in disabled.items():
            logger.disabled = was
    assert code == 0, capsys.readouterr().out[-3000:]


def test_every_feature_is_composed_once_with_unique_names() -> None:
    compose()
    names = [feature.name for feature in FEATURES]
    assert len(names) == len(set(names))
    flows = [flow.name for feature in FEATURES for flow in feature.flows]
    assert sorted(flows) == sorted(registry.FLOWS)
    for flow in registry.FLOWS.values():
        assert callable(flow.on_text) and callable(flow.on_button) and callable(flow.resume)
