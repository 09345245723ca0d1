"""'hij spreekt nog niet zo goed Nederlands' (his Dutch is not good yet) read as 'contact': a bare
'spreken' was a variant of wanting to talk to someone, and 'contact' names the
Werkgeversservicepunt, so a refugee's language level pulled questions towards the WSP's
contact answer. Only phrases such as 'iemand spreken' or 'spreken met' mean that now."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex


def test_a_language_level_is_not_a_contact_request(faq_index: FaqIndex) -> None:
    tokens = [
        token for token, _ in faq_index.query_tokens("hij spreekt nog niet zo goed Nederlands")
    ]
    assert "contact" not in tokens


@pytest.mark.parametrize(
    "question",
    ["Kan ik iemand spreken?", "Ik wil graag met iemand spreken over een kandidaat"],
)
def test_asking_to_speak_to_someone_still_gets_the_wsp(faq_index: FaqIndex, question: str) -> None:
    result = faq_index.search(question)
    assert result.decision == "answer"
    assert result.best is not None and result.best.instrument == "wsp-contact"
