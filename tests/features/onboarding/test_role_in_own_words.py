"""'Who are you?' answered in the person's own words: the bot names the role the words point
to and lets them confirm it, keeps a question asked there for after the choice, and greets
and points to a person without assuming a role."""

from __future__ import annotations

from sqlmodel import select

from powbot.features.onboarding.role_guess import guess_role
from powbot.storage.models import User
from tests.conftest import Harness, Player


async def _role_of(harness: Harness, user_id: int) -> str | None:
    async with harness.runtime.db.transaction() as session:
        user = (await session.exec(select(User).where(User.id == user_id))).one()
        return user.role


async def _at_role_step(harness: Harness, user_id: int, language: str = "Nederlands") -> Player:
    person = harness.user(user_id)
    await person.send("/start")
    await person.press(language)
    return person


async def test_job_seekers_words_name_the_role_and_ja_confirms_it(harness: Harness) -> None:
    ann = await _at_role_step(harness, 300)
    guess = await ann.send("ik wil werken maar ik heb schulden")
    assert "Zoek je werk?" in guess[-1].text
    assert "begreep ik niet" not in guess[-1].text
    assert [label for label, _ in guess[-1].buttons] == ["🙋 Ik zoek werk", "🏢 Ik ben werkgever"]
    assert await _role_of(harness, 300) is None  # a guess never sets the role by itself
    consent = await ann.send("ja")
    assert "Vind je dat goed?" in consent[-1].text
    assert await _role_of(harness, 300) == "seeker"


async def test_question_asked_at_the_role_step_is_answered_after_the_choice(
    harness: Harness,
) -> None:
    bo = await _at_role_step(harness, 301)
    guess = await bo.send("mag ik bijverdienen in de bijstand?")
    assert "Daarna kijk ik naar je vraag" in guess[-1].text
    after = await bo.press("Ik zoek werk")
    texts = [reply.text for reply in after]
    answer = next(i for i, text in enumerate(texts) if "bijverdienen" in text.lower())
    consent = next(i for i, text in enumerate(texts) if "Vind je dat goed?" in text)
    assert answer < consent  # the answer first, then the step they were at


async def test_employers_words_in_english_and_no_to_the_guess(harness: Harness) -> None:
    cy = await _at_role_step(harness, 302, "English")
    guess = await cy.send("we are hiring, need staff for our warehouse")
    assert "Are you an employer?" in guess[-1].text
    again = await cy.send("no")
    assert again[-1].text == "Who are you?"
    assert await _role_of(harness, 302) is None
    chosen = await cy.press("I am an employer")
    assert "Welcome" in chosen[-1].text
    assert await _role_of(harness, 302) == "employer"


async def test_words_of_both_roles_make_no_guess(harness: Harness) -> None:
    di = await _at_role_step(harness, 303)
    reply = await di.send("ik heb een uitkering en mijn werkgever wil personeel")
    assert "begreep ik niet" in reply[0].text
    assert "Zoek je werk?" not in "".join(r.text for r in reply)


async def test_greeting_a_new_user_is_not_welcome_back(harness: Harness) -> None:
    ed = await _at_role_step(harness, 304)
    reply = await ed.send("hoi")
    assert "welkom terug" not in reply[0].text.lower()
    assert "Fijn dat je er bent" in reply[0].text
    assert reply[-1].text == "Wie ben je?"


async def test_asking_for_a_person_before_choosing_names_both_ways(harness: Harness) -> None:
    fe = await _at_role_step(harness, 305)
    reply = await fe.send("ik wil met iemand praten")
    person = reply[0].text
    assert "klantmanager" in person and "werkgeversservicepunt" in person.lower()
    assert "beheerder" not in person  # not the bot's administrator
    assert reply[-1].text == "Wie ben je?"


def test_short_hints_match_whole_words_only(harness: Harness) -> None:
    catalog = harness.runtime.content.catalog
    assert guess_role(catalog, "ik heb ww") == "seeker"
    assert guess_role(catalog, "kijk op www.voorbeeld.nl") is None
    assert guess_role(catalog, "ik ben aan het solliciteren") == "seeker"


async def test_regression_werkgever_in_a_sentence_no_longer_makes_an_employer(
    harness: Harness,
) -> None:
    """Any message holding the word 'werkgever' chose the employer role, which is not undone
    easily: a job seeker whose employer had fired them became an employer."""
    gus = await _at_role_step(harness, 306)
    reply = await gus.send("mijn werkgever heeft me ontslagen, nu zit ik in de ww")
    assert await _role_of(harness, 306) is None
    assert "Zoek je werk?" in reply[-1].text  # 'ontslagen' + 'ww': a job seeker, to confirm


async def test_first_words_in_dutch_or_english_choose_the_language_and_maybe_the_role(
    harness: Harness,
) -> None:
    """'ik zoek werk' on the language screen got the language question again."""
    hal = harness.user(307)
    await hal.send("/start")
    reply = await hal.send("ik zoek werk")
    said = "\n".join(sent.text for sent in reply)
    assert "Ik praat Nederlands met je" in said and "/taal" in said
    assert "Vind je dat goed?" in reply[-1].text  # the role was in the same words
    assert await _role_of(harness, 307) == "seeker"
    ivy = harness.user(308)
    await ivy.send("/start")
    reply = await ivy.send("hello, I am Ivy")
    assert "I will talk English with you" in reply[0].text
    assert reply[-1].text == "Who are you?"  # no role in these words: the question
    unclear = harness.user(309)
    await unclear.send("/start")
    reply = await unclear.send("Szukam pracy")  # neither: both languages named, no choice
    assert "Welke taal" in reply[-1].text


async def test_regression_employers_own_words_were_not_understood(harness: Harness) -> None:
    """An employer's first words got "Dat begreep ik niet" ('wij zoeken een
    magazijnmedewerker', a scheme's name), and 'iemand met een wajong uitkering bij ons'
    was taken for a job seeker. Each now names the employer role to confirm."""
    for number, text in enumerate(
        [
            "wij zoeken een magazijnmedewerker",
            "wat is het verschil tussen lks en loondispensatie",
            "kan iemand met een wajong uitkering bij ons komen werken",
        ]
    ):
        employer = await _at_role_step(harness, 310 + number)
        reply = await employer.send(text)
        assert "Bent u werkgever?" in reply[-1].text, text
        assert await _role_of(harness, 310 + number) is None


async def test_a_coach_is_told_how_coaches_get_in(harness: Harness) -> None:
    """'ik ben klantmanager bij de gemeente' was guessed to be a job seeker ('klantmanager'
    is a job seeker's word too): a coach hears that access comes with an invite."""
    kim = await _at_role_step(harness, 320)
    reply = await kim.send("ik ben klantmanager bij de gemeente")
    assert "uitnodiging" in reply[-1].text and "Zoek je werk?" not in reply[-1].text
    assert await _role_of(harness, 320) is None
    assert guess_role(harness.runtime.content.catalog, "mijn klantmanager belt niet") == "seeker"


async def test_preferring_to_call_names_a_person(harness: Harness) -> None:
    lou = await _at_role_step(harness, 321)
    reply = await lou.send("ik wil liever bellen")
    assert "klantmanager" in reply[0].text and "begreep ik niet" not in reply[0].text


async def test_regression_naming_the_language_in_a_sentence_dropped_the_rest(
    harness: Harness,
) -> None:
    """'hello I need a job, I speak a little english' set English (the word 'english') and
    then asked "Who are you?" as if nothing else had been said."""
    jo = harness.user(322)
    await jo.send("/start")
    reply = await jo.send("hello I need a job, I speak a little english")
    assert "I will talk English with you" in reply[0].text
    assert "Are you looking for work?" in reply[-1].text


async def test_a_question_only_one_role_has_an_answer_to_names_that_role(
    harness: Harness,
) -> None:
    """Questions without a role word: asking about one's own children and work is a job
    seeker's, the net cost of an employee with a wage subsidy an employer's."""
    kay = await _at_role_step(harness, 323, "English")
    reply = await kay.send("my children, who takes care of them when I work?")
    assert "Are you looking for work?" in reply[-1].text
    lee = await _at_role_step(harness, 324)
    reply = await lee.send("wat kost een medewerker met lks mij netto?")
    assert "Bent u werkgever?" in reply[-1].text
    max_ = await _at_role_step(harness, 325, "English")
    reply = await max_.send("what jobs do you have")
    assert "Are you looking for work?" in reply[-1].text


async def test_regression_a_first_message_without_start_is_read(harness: Harness) -> None:
    """'hoi ik zoek werk' as the very first message (no /start) only got the language
    question; after /start the same words chose the language and the role. 'ja' to the
    language question looped back to it."""
    nia = harness.user(326)
    reply = await nia.send("hoi ik zoek werk")
    assert "Ik praat Nederlands met je" in nia.texts(reply)
    assert "Vind je dat goed?" in reply[-1].text
    ole = harness.user(327)
    await ole.send("/start")
    reply = await ole.send("ja")
    assert reply[-1].text == "Wie ben je?"


async def test_regression_dutch_en_in_a_first_sentence_is_no_english(harness: Harness) -> None:
    """Tester: 'goeiedag ik heb een bakkerij en wil iemand uit de bijstand aannemen' as a
    first message got "I will talk English with you": the Dutch word 'en' ('and') was read
    as the language code. In a sentence only a language's name chooses it."""
    baker = harness.user(325)
    reply = await baker.send("goeiedag ik heb een bakkerij en wil iemand uit de bijstand aannemen")
    said = "\n".join(sent.text for sent in reply)
    assert "Ik praat Nederlands met je" in said and "English with you" not in said
    en = harness.user(326)
    reply = await en.send("hi, I would like to do it in english please")
    assert "I will talk English with you" in "\n".join(sent.text for sent in reply)


async def test_regression_ok_gives_consent_like_its_button(harness: Harness) -> None:
    """Tester: 'ok' and 'ok goed' at "Vind je dat goed?" got "Dat begreep ik niet"."""
    for user_id, typed in ((327, "ok"), (328, "ok goed")):
        amal = await _at_role_step(harness, user_id)
        asked = await amal.send("ik zoek werk")
        assert "Vind je dat goed?" in asked[-1].text
        given = await amal.send(typed)
        said = "\n".join(sent.text for sent in given)
        assert "begreep ik niet" not in said
        async with harness.runtime.db.transaction() as session:
            user = await session.get(User, user_id)
            assert user is not None and user.consent_at is not None


async def test_regression_an_invite_pasted_as_the_first_message_is_kept(harness: Harness) -> None:
    """Tester: a coach who pasted the invite code as the very first message got the language
    question and the code was lost; only '/start CODE' worked. It now works the same."""
    from tests.aftercare_support import invite_code

    code = await invite_code(harness, "coach")
    coach = harness.user(329)
    asked = await coach.send(code)
    assert "Nederlands" in " ".join(label for label, _ in asked[-1].buttons)
    done = await coach.press("Nederlands")
    said = "\n".join(sent.text for sent in done)
    assert "coach" in said.lower()
    assert await _role_of(harness, 329) == "coach"


async def test_regression_taal_before_the_role_comes_back_to_the_role(harness: Harness) -> None:
    """Tester: /taal at "Wie ben je?" ended in "Wat wil je doen? Kies een knop." with no
    buttons at all; the role question is now asked again after the language."""
    baker = harness.user(330)
    await baker.send("/start")
    await baker.press("Nederlands")
    await baker.send("/taal")
    back = await baker.press("Nederlands")
    assert "Wie ben je?" in back[-1].text and back[-1].buttons
    await baker.send("ik ben werkgever")
    assert await _role_of(harness, 330) == "employer"
