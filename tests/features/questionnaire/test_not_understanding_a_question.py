"""'ik snap de vraag niet', 'weet ik niet' or 'what do you mean?' at a question got "Kies een
cijfer van 1 tot 5", as if it were a wrong answer. It gets a kind explanation (what the
question is for, where it says so) and a way on, then the same question; nothing is stored."""

from __future__ import annotations

import pytest

from powbot.knowledge.safety import SafetyHit
from tests.conftest import Harness, Player, onboard

# Answers that fit the first questions in order (as bench/throughput.py types them).
ANSWERS = ["5", "32", "4", "1, 2", "4", "3", "ja", "4", "1", "4", "1", "1", "nee", "nee"]


async def walk_to(seeker: Player, words: str, feeling: str) -> None:
    """Typed answers from the first question until the one holding `words` is asked
    (`feeling`: the answer to 'how do you feel?', which opens the self-harm question at 1-2)."""
    typed = iter(["4", "20", "3", "1, 3", "3", "mbo 2", "nee", "4", "niets", "klaar", feeling])
    more = iter(["4", "4", "4", "4", "nee", "nee", "nee", "1", "1"])
    last = (await seeker.send("/vragenlijst"))[-1].text
    for _ in range(30):
        if words in last:
            return
        last = (await seeker.send(next(typed, None) or next(more, "1")))[-1].text
    assert words in last


@pytest.mark.parametrize("text", ["ik snap de vraag niet", "weet ik niet", "what do you mean?"])
async def test_not_understanding_is_explained_not_called_a_wrong_answer(
    harness: Harness, text: str
) -> None:
    seeker = harness.user(7801)
    await onboard(seeker)
    question = (await seeker.send("/vragenlijst"))[-1].text
    replies = await seeker.send(text)
    said = "\n".join(m.text for m in replies)
    assert "Geen probleem" in said and "Twijfel je?" in said
    assert "Kies een cijfer van 1 tot 5" not in said
    assert replies[-1].text == question  # the same question, not the next one


async def test_a_question_that_says_what_it_is_for_explains_itself(harness: Harness) -> None:
    seeker = harness.user(7802)
    await onboard(seeker)
    body = harness.runtime.content.questionnaire.question("physical_health")
    assert body is not None and body.why is not None
    why = body.why
    last = (await seeker.send("/vragenlijst"))[-1].text
    for answer in ANSWERS:  # typed answers, up to the question about the body
        if "lichaam" in last:
            break
        last = (await seeker.send(answer))[-1].text
    assert "lichaam" in last
    said = "\n".join(m.text for m in await seeker.send("ik snap de vraag niet"))
    assert body.explain is not None and body.explain.get("nl") in said  # in other words
    asked = "\n".join(m.text for m in await seeker.send("waarom vraag je dit?"))
    assert why.get("nl") in asked  # and what it is for, when they ask why


async def test_every_form_with_choices_explains_instead_of_saying_wrong(harness: Harness) -> None:
    """The shared forms too: 'weet ik niet' at "are you sure you want everything erased?" is
    not an answer and erases nothing; the same choice comes back."""
    seeker = harness.user(7803)
    await onboard(seeker)
    question = (await seeker.send("/verwijder"))[-1]
    replies = await seeker.send("weet ik niet")
    assert "Geen probleem" in replies[-1].text and "Twijfel je?" in replies[-1].text
    assert [label for label, _ in replies[-1].buttons] == [label for label, _ in question.buttons]
    assert "Hoe graag" in (await seeker.send("/vragenlijst"))[-1].text  # still there


@pytest.mark.parametrize(
    "text", ["ik weet het niet", "ik weet het nog niet", "I don't know", "I dont know yet"]
)
async def test_i_dont_know_gets_no_crisis_line(harness: Harness, text: str) -> None:
    """Regression: 'ik weet het niet' or "I don't know" at 'how many hours?' got the
    'just in case' 113 line before the explanation, as if it were despair: the crisis model
    had seen 'weet het niet' almost only in crisis messages. It is an everyday answer."""
    seeker = harness.user(7804)
    await onboard(seeker)
    await seeker.send("/vragenlijst")
    question = (await seeker.send("5"))[-1].text  # the hours question
    replies = await seeker.send(text)
    said = "\n".join(m.text for m in replies)
    assert "113" not in said
    assert replies[-1].text == question


@pytest.mark.parametrize("text", ["ik weet het echt niet meer", "ik wil dood"])
async def test_a_crisis_typed_as_an_answer_still_gets_help(harness: Harness, text: str) -> None:
    """The same words with 'meer' ('ik weet het niet meer': I cannot go on) keep the line;
    a crisis typed at a question gets the help, whatever the step makes of it."""
    seeker = harness.user(7805)
    await onboard(seeker)
    await seeker.send("/vragenlijst")
    said = "\n".join(m.text for m in await seeker.send(text))
    assert "113" in said


async def test_declining_a_question_that_cannot_be_skipped_says_so(harness: Harness) -> None:
    """'liever niet' or 'overslaan' where the profile needs an answer got "Dat antwoord ken
    ik niet", as if the words were a wrong answer: it says why it cannot be skipped."""
    seeker = harness.user(7806)
    await onboard(seeker)
    await seeker.send("/vragenlijst")
    question = harness.runtime.content.questionnaire.question("motivation_want")
    assert question is not None and not question.allow_skip and not question.may_decline
    for text in ("liever niet", "overslaan"):
        reply = await seeker.send(text)
        assert "overslaan kan hier niet" in reply[-1].text
        assert "ken ik niet" not in reply[-1].text
        assert "Hoe graag" in reply[-1].text  # the same question


async def test_a_second_answer_not_understood_gets_the_question_in_other_words(
    harness: Harness,
) -> None:
    seeker = harness.user(7807)
    await onboard(seeker)
    await seeker.send("/vragenlijst")
    body = harness.runtime.content.questionnaire.question("motivation_want")
    assert body is not None and body.explain is not None
    first = "\n".join(m.text for m in await seeker.send("banaan"))
    assert body.explain.get("nl") not in first  # once: the short hint
    second = "\n".join(m.text for m in await seeker.send("appel"))
    assert body.explain.get("nl") in second  # twice: in other words
    # Regression (tester): not "Geen probleem." to someone who never said they were stuck.
    assert "Geen probleem" not in second
    third = "\n".join(m.text for m in await seeker.send("peer"))
    assert body.explain.get("nl") not in third  # not the long text every time


async def test_typed_options_get_no_just_in_case_crisis_line(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: 'magazijn en schoonmak' (two of the bot's own options, one misspelt) at
    'what kind of work?' got the 'just in case' 112 line: the crisis model misreads short
    lists of labels ('bouw en techniek', 'groen en tuin', 'zorg en welzijn' did the same).
    The bot's own options typed back are an answer. The model is made to misread it here,
    so the test holds whatever the model learns."""
    safety = harness.runtime.content.safety
    real_check = safety.check
    weak = SafetyHit(("medical",), "nl", about_other=False, by_model=True, possible=True)
    monkeypatch.setattr(
        safety, "check", lambda text: weak if "schoonmak" in text else real_check(text)
    )
    seeker = harness.user(7808)
    await onboard(seeker)
    await seeker.send("/vragenlijst")
    for answer in ANSWERS[:3]:
        await seeker.send(answer)
    reply = await seeker.send("magazijn en schoonmak")
    said = "\n".join(m.text for m in reply)
    assert "112" not in said and "113" not in said
    assert "Vraag 5 van" in reply[-1].text  # taken as the answer


async def test_a_shared_forms_own_choice_typed_gets_no_crisis_line(harness: Harness) -> None:
    """'Nee, toch niet' typed at "erase everything?" got the 113 line (the model reads
    'toch niet' as despair): a form's own button label typed back is an answer."""
    seeker = harness.user(7810)
    await onboard(seeker)
    await seeker.send("/verwijder")
    said = "\n".join(m.text for m in await seeker.send("Nee, toch niet"))
    assert "113" not in said
    assert "Hoe graag" in (await seeker.send("/vragenlijst"))[-1].text  # nothing erased


async def test_regression_a_half_yes_to_self_harm_gets_the_help_at_once(
    harness: Harness,
) -> None:
    """'soms', 'af en toe', 'sometimes' to "Do you sometimes think of hurting yourself?" got
    "Antwoord met ja of nee": only the button 'Ja' gave 113. A half yes is a yes there."""
    seeker = harness.user(7811)
    await onboard(seeker)
    await walk_to(seeker, "jezelf iets aan te doen", feeling="2")
    said = "\n".join(m.text for m in await seeker.send("soms"))
    assert "113" in said and "ja of nee" not in said


async def test_urgent_help_in_the_questionnaire_names_the_regions_food_help(
    harness: Harness,
) -> None:
    """'Nee' to 'enough money for food and rent?' got "Bel je gemeente (14 + netnummer)",
    while the same need typed anywhere else named the region's Voedselbank and number."""
    seeker = harness.user(7812)
    await onboard(seeker)
    await walk_to(seeker, "genoeg geld voor eten en huur", feeling="4")
    said = seeker.texts(await seeker.send("nee"))
    food = harness.runtime.content.region.food
    assert food is not None and food.name in said and "14 + netnummer" not in said
