"""Questions about the bot itself get what that part of the bot is, not the FAQ's "I don't
know, ask your klantmanager"; and the FAQ's own examples for job seekers are answered."""

from __future__ import annotations

import pytest

from tests.conftest import Harness, onboard

NOT_KNOWN = "Dat weet ik helaas niet"


async def test_how_long_the_questionnaire_takes_is_answered_with_its_button(
    harness: Harness,
) -> None:
    ann = harness.user(400)
    await onboard(ann)
    reply = await ann.send("hoe lang duurt de vragenlijst")
    assert "5 tot 10 minuten" in reply[-1].text
    assert NOT_KNOWN not in reply[-1].text
    assert [label for label, _ in reply[-1].buttons] == ["📝 Werkfit-vragenlijst"]


async def test_who_sees_my_answers_and_what_a_check_in_is(harness: Harness) -> None:
    bo = harness.user(401)
    await onboard(bo)
    privacy = await bo.send("wie ziet mijn antwoorden?")
    assert "alleen jij" in privacy[-1].text and "/privacy" in privacy[-1].text
    checkin = await bo.send("wat is een check-in")
    assert "check-in" in checkin[-1].text and "coach" in checkin[-1].text
    assert NOT_KNOWN not in checkin[-1].text


async def test_asked_mid_questionnaire_the_question_comes_back(harness: Harness) -> None:
    cy = harness.user(402)
    await onboard(cy)
    first = await cy.press("Werkfit-vragenlijst")
    question = first[-1].text
    reply = await cy.send("hoe lang duurt de vragenlijst nog?")
    texts = [sent.text for sent in reply]
    assert any("5 tot 10 minuten" in text for text in texts)
    assert reply[-1].text == question  # the same question again, nothing answered for them


async def test_an_employer_gets_the_employers_privacy_in_u(harness: Harness) -> None:
    di = harness.user(403)
    await onboard(di, role="employer")
    reply = await di.send("wie ziet mijn gegevens?")
    assert "uw vacatures" in reply[-1].text and "/privacy" in reply[-1].text


@pytest.mark.parametrize("language", ["nl", "en"])
async def test_the_faq_examples_for_job_seekers_are_answered(
    harness: Harness, language: str
) -> None:
    """The examples under 'Ask a question' are what a job seeker types first: each must get
    its answer, not "I don't know"."""
    ed = harness.user(404 if language == "nl" else 405)
    await onboard(ed, language=language)
    catalog = harness.runtime.content.catalog
    examples = [
        line[2:]
        for line in catalog.t(language, "faq.explain_seeker").splitlines()
        if line.startswith("• ")
    ]
    assert len(examples) == 3
    for example in examples:
        reply = await ed.send(example)
        assert reply[0].text.startswith("❓"), example  # an answer, headed by what it answers


async def test_after_a_just_in_case_help_line_no_i_dont_know(harness: Harness) -> None:
    """'ik heb geen zin meer in dit allemaal' at the menu got the 113 line and then the FAQ's
    "Dat weet ik helaas niet ... vraag het je klantmanager", which reads as not listening."""
    text = "ik heb geen zin meer in dit allemaal"
    hit = harness.runtime.content.safety.check(text)
    assert hit is not None  # whichever tier: help is given
    fay = harness.user(406)
    await onboard(fay)
    reply = await fay.send(text)
    texts = [sent.text for sent in reply]
    assert any("113" in t for t in texts)
    assert not any(NOT_KNOWN in t for t in texts)
    if hit.possible:
        assert "ik luister wel" in texts[-1] and reply[-1].buttons  # a person or the menu


async def test_what_does_this_bot_do_is_help(harness: Harness) -> None:
    gus = harness.user(407)
    await onboard(gus)
    reply = await gus.send("wat doet deze bot")
    assert NOT_KNOWN not in reply[0].text
    assert "/menu" in reply[0].text  # the help with its commands


async def test_a_coach_typing_how_to_link_or_register_work_is_shown_how(
    harness: Harness,
) -> None:
    """A coach's 'hoe koppel ik een client', 'ik heb een nieuwe client, hij begint maandag
    bij de bakker' and 'wat als een client niet reageert op check-ins' got "Dat begreep ik
    niet helemaal": each now says how that part works, with its button."""
    from tests.aftercare_support import make_coach

    coach = await make_coach(harness, 403, "Sanne")
    link = await coach.send("hoe koppel ik een client")
    assert "koppellink" not in link[-1].text and "link voor één cliënt" in link[-1].text
    assert [label for label, _ in link[-1].buttons] == ["🔗 Cliënt koppelen"]
    work = await coach.send("ik heb een nieuwe client, Ahmed, hij begint maandag bij de bakker")
    assert "Werk registreren" in work[-1].text and "eerst" in work[-1].text
    assert [label for label, _ in work[-1].buttons] == ["👥 Mijn cliënten"]
    quiet = await coach.send("wat moet ik doen als een client niet reageert op check-ins")
    assert "herinnering" in quiet[-1].text and "melding" in quiet[-1].text
    assert [label for label, _ in quiet[-1].buttons] == ["📅 Vandaag"]
    for said in (link, work, quiet):
        assert "begreep ik niet" not in said[-1].text


async def test_a_coach_asking_who_their_clients_are_sees_them(harness: Harness) -> None:
    from tests.aftercare_support import make_client, make_coach

    coach = await make_coach(harness, 404, "Sanne")
    await make_client(harness, coach, 405, "Ali")
    reply = await coach.send("wie zijn mijn clienten?")
    assert "Ali" in "\n".join(sent.text for sent in reply)


async def test_a_seekers_question_about_a_part_is_not_a_menu_jump(harness: Harness) -> None:
    """Listed questions open an item; other questions naming it stay questions."""
    dee = harness.user(406)
    await onboard(dee)
    reply = await dee.send("wat is open hiring precies?")
    assert "Wat is Open Hiring?" in reply[0].text  # the FAQ's answer, not the vacancy list


async def test_a_statement_the_faq_does_not_know_gets_a_way_on_not_i_dont_know(
    harness: Harness,
) -> None:
    """'ik ben zo moe vandaag' and 'mijn kind is ziek, ik kan morgen niet' got "Dat weet ik
    helaas niet, en ik wil je niets verkeerds vertellen", an answer to a question nobody
    asked (a tester). A statement gets what the bot can do and the way to a person."""
    eli = harness.user(407)
    await onboard(eli)
    for text in ("ik ben zo moe vandaag", "mijn kind is ziek, ik kan morgen niet"):
        said = eli.texts(await eli.send(text))
        assert NOT_KNOWN not in said and "mens" in said
