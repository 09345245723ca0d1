"""Fixtures of the knowledge tests."""

from __future__ import annotations

import pytest

from powbot.knowledge.safety import SafetyContent, load_safety
from tests.knowledge.safety_support import CONTENT


@pytest.fixture(scope="session")
def safety() -> SafetyContent:
    """The shipped crisis detector, loaded once per test process."""
    return load_safety(CONTENT)
