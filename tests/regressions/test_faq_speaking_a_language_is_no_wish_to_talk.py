"""'hij spreekt nog niet zo goed Nederlands' (his Dutch is not good yet) read as 'contact': a bare
'spreken' was a variant of wanting to talk to someone, and 'contact' names the
Werkgeversservicepunt, so a refugee's language level pulled questions towards the WSP's
contact answer. Only phrases such as 'iemand spreken' or 'spreken met' mean that now."""

from __future__ import annotations

import pytest

from powbot.config import PACKAGE_KNOWLEDGE_DIR
from powbot.knowledge.faq import FaqIndex, load_faq


@pytest.fixture(scope="module")
def index() -> FaqIndex:
    return FaqIndex(load_faq(PACKAGE_KNOWLEDGE_DIR))


def test_a_language_level_is_not_a_contact_request(index: FaqIndex) -> None:
    tokens = [token for token, _ in index.query_tokens("hij spreekt nog niet zo goed Nederlands")]
    assert "contact" not in tokens


@pytest.mark.parametrize(
    "question",
    ["Kan ik iemand spreken?", "Ik wil graag met iemand spreken over een kandidaat"],
)
def test_asking_to_speak_to_someone_still_gets_the_wsp(index: FaqIndex, question: str) -> None:
    result = index.search(question)
    assert result.decision == "answer"
    assert result.best is not None and result.best.instrument == "wsp-contact"
