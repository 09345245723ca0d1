"""The FAQ as an employer or a job seeker sees it on a phone: what the answer answers, in
the question's language, short parts with "meer", at most four buttons, choices for vague
questions, and answers for job seekers written for them."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from powbot.knowledge.faq import answer_text, split_answer
from tests.conftest import Harness, Player, make_harness, make_settings, onboard

LONG = "jcv-ihw"  # an answer of more than 90 words


@pytest.fixture
async def h(sqlite_url: str) -> AsyncIterator[Harness]:
    harness = await make_harness(make_settings(sqlite_url))
    yield harness
    await harness.app.close()


async def employer(h: Harness, user_id: int, language: str = "nl") -> Player:
    player = h.user(user_id, language_code=language)
    await onboard(player, role="employer", language=language)
    return player


def labels(sent: object) -> list[str]:
    return [label for label, _ in sent.buttons]  # type: ignore[attr-defined]


async def test_an_english_question_gets_an_english_answer(h: Harness) -> None:
    ed = await employer(h, 301)  # chose Dutch
    reply = (await ed.send("What is a trial placement and how long does it last?"))[-1]
    assert reply.text.startswith("❓ ")
    assert "Source:" in reply.text and "🔗 Source" in labels(reply)


async def test_a_long_answer_comes_in_parts_with_meer(h: Harness) -> None:
    ed = await employer(h, 302)
    entry = h.runtime.content.faq.get(LONG)
    assert entry is not None
    parts = split_answer(answer_text(entry, "nl"))
    assert len(parts) == 2, "test precondition: pick an answer longer than 90 words"
    first = (await ed.press_data(f"faq:e:{LONG}:"))[-1]
    assert parts[0] in first.text and parts[1] not in first.text
    assert "⬇️ Meer" in labels(first) and "👍" not in labels(first)
    assert len(labels(first)) <= 4
    rest = (await ed.press("Meer", first))[-1]
    assert rest.text.startswith("❓ ") and "(vervolg)" in rest.text
    assert parts[1] in rest.text and "👍" in labels(rest) and len(labels(rest)) <= 4


async def test_every_answer_has_a_heading_and_at_most_four_buttons(h: Harness) -> None:
    ed = await employer(h, 303)
    for entry in h.runtime.content.faq.entries:
        if "employer" not in entry.audience:
            continue
        reply = (await ed.press_data(f"faq:e:{entry.id}:"))[-1]
        assert reply.text.startswith("❓ "), entry.id
        assert len(labels(reply)) <= 4, entry.id
        assert entry.source.url not in reply.text, entry.id  # the address is behind a button


async def test_a_vague_question_gets_a_choice(h: Harness) -> None:
    ed = await employer(h, 304)
    reply = (await ed.send("subsidie"))[-1]
    assert "Waar gaat uw vraag over?" in reply.text
    names = labels(reply)
    assert 2 <= len(names) <= 4 and names[-1] == "🤷 Iets anders"
    hello = (await ed.send("ik heb een vraag"))[-1]
    assert "Waar gaat uw vraag over?" in hello.text


async def test_an_employers_sick_staff_question_offers_the_no_riskpolis(h: Harness) -> None:
    ed = await employer(h, 305)
    reply = (await ed.send("Mijn werknemer is ziek, wat moet ik doen?"))[-1]
    if "Daar kan ik u niet mee helpen" in reply.text:
        assert "no-riskpolis" in reply.text
        assert any(label.startswith("➕") for label in labels(reply))
    else:
        assert "no-riskpolis" in reply.text.lower()


async def test_a_job_seeker_gets_answers_written_for_job_seekers(h: Harness) -> None:
    sam = h.user(306)
    await onboard(sam)
    reply = (await sam.send("Mag ik bijverdienen naast mijn bijstand?"))[-1]
    assert reply.text.startswith("❓ Mag ik werken of bijverdienen naast mijn uitkering?")
    assert "Je mag werken naast je uitkering" in reply.text and " u " not in reply.text
    trial = (await sam.send("Wat is een proefplaatsing?"))[-1]
    assert "je uitkering" in trial.text and "bij u op proef" not in trial.text
    lks = (await sam.send("Wat is loonkostensubsidie?"))[-1]
    assert "Jij krijgt gewoon je volle loon" in lks.text
    assert "geld van de gemeente voor u" not in lks.text
    # An entry written only for employers: said so honestly, with the klantmanager.
    carving = (await sam.send("Wat is jobcarving?"))[-1]
    assert "regels voor werkgevers" in carving.text and "klantmanager" in carving.text


async def test_a_job_seeker_asking_for_a_person_gets_no_instrument_answer(h: Harness) -> None:
    sam = h.user(307)
    await onboard(sam)
    reply = (await sam.send("ik wil met een mens praten"))[-1]
    assert "Bron:" not in reply.text
