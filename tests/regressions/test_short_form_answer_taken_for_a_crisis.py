"""An employer typed "heel veel" at the vacancy's hours step and got crisis help: the crisis
model (the second layer, for wording the phrases miss) judged a two-word form answer."""

from __future__ import annotations

import pytest

from powbot.config import PACKAGE_KNOWLEDGE_DIR
from powbot.knowledge.safety import load_safety


@pytest.fixture(scope="module")
def safety():  # type: ignore[no-untyped-def]
    return load_safety(PACKAGE_KNOWLEDGE_DIR)


@pytest.mark.parametrize("answer", ["heel veel", "24 uur", "fiets, bus", "geen idee", "te veel"])
def test_short_answers_at_a_step_get_no_crisis_help(safety, answer: str) -> None:  # type: ignore[no-untyped-def]
    assert safety.check(answer) is None


@pytest.mark.parametrize("crisis", ["ik wil dood", "geen eten", "ik word geslagen"])
def test_short_crisis_phrases_still_get_it(safety, crisis: str) -> None:  # type: ignore[no-untyped-def]
    assert safety.check(crisis) is not None
