"""Words for the bbl and the proefplaatsing that the FAQ did not know. 'kan hij al aan een
leerwerkopleiding beginnen?' got the praktijkverklaring answer and 'iemand die het vak bij mij
leert en 1 dag in de week naar school gaat' too (praktijkleren has no lessons at school): a
'leerwerkopleiding' and a day (a week) at school are the bbl now. 'We willen iemand met een
Wajong eerst een maand laten proberen voordat we loondispensatie aanvragen' got the
loondispensatie answer: 'laten proberen' is the proefplaatsing, like 'eerst proberen'."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex


@pytest.mark.parametrize(
    ("question", "instrument"),
    [
        (
            "Kan een nieuwkomer bij ons in de werkplaats met een leerwerkopleiding beginnen als"
            " zijn Nederlands nog niet zo goed is?",
            "bbl",
        ),
        (
            "Ik wil een jongen het vak leren bij mij in de zaak terwijl hij één dag naar school"
            " gaat, hoe regel ik dat?",
            "bbl",
        ),
        (
            "We willen een kandidaat met Wajong eerst twee weken laten proberen voordat we"
            " loondispensatie aanvragen. Mag dat zonder arbeidscontract?",
            "proefplaatsing",
        ),
    ],
)
def test_the_scheme_these_words_name(faq_index: FaqIndex, question: str, instrument: str) -> None:
    result = faq_index.search(question)
    assert result.decision == "answer"
    assert result.best is not None and result.best.instrument == instrument
