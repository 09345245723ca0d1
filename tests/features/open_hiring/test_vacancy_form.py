"""The vacancy posting form on the form DSL: its steps pass the static checks, Back works
in the guided steps, and a draft's questions can be chosen again from the preview."""

from __future__ import annotations

from sqlmodel import select

from powbot.config import load_settings
from powbot.conversation.form import Form
from powbot.conversation.form_check import check_form
from powbot.knowledge.content import load_content
from powbot.storage.models import User
from powbot.storage.models_open_hiring import Vacancy
from tests.conftest import Harness, Player
from tests.open_hiring_helpers import approved_employer


def test_every_form_the_app_composes_passes_the_static_checks() -> None:
    """All steps reachable, every target known, every button action handled, every text in
    the catalog: for each Form among the flows the app is composed of."""
    from powbot.features.compose import FEATURES

    content = load_content(load_settings(DATABASE_URL="sqlite+aiosqlite:///:memory:").knowledge_dir)
    forms = {
        flow.name: flow for feature in FEATURES for flow in feature.flows if isinstance(flow, Form)
    }
    assert {"vacancy", "hiring"} <= forms.keys()  # posting, and the eligibility sign-up
    for form in forms.values():
        assert check_form(form, content.catalog.has) == [], form.name


async def fill_in_up_to_own_questions(erik: Player) -> None:
    """Every guided step typed, up to "add a yes/no question of your own?"."""
    await erik.send("/nieuwevacature")
    for answer in ("Bakkerij Zon", "Inpakker", "Brood in dozen doen en klaarzetten.", "Hal 3"):
        await erik.send(answer)
    for answer in ("Tiel", "24", "ma-vr", "15,50", "2", "volgende maandag", "7:00"):
        await erik.send(answer)
    await erik.send("Petra, 06 1234 5678")
    await erik.press("Overslaan")
    await erik.press("Overslaan")
    await erik.press("Mag werken in Nederland")
    await erik.press("Klaar")


async def test_back_in_the_guided_steps_shows_the_earlier_answer(harness: Harness) -> None:
    erik = await approved_employer(harness, 700)
    await erik.send("/nieuwevacature")
    await erik.send("Bakkerij Zon")
    await erik.send("Inpakker")
    back = await erik.press("Terug")
    assert "Eerder antwoord: Inpakker" in back[-1].text and "Wat is de functie" in back[-1].text
    described = await erik.send("Orderpicker")
    assert "Wat gaat de nieuwe medewerker doen" in described[-1].text


async def test_a_drafts_questions_are_chosen_again_from_the_preview(harness: Harness) -> None:
    erik = await approved_employer(harness, 710)
    await fill_in_up_to_own_questions(erik)
    await erik.press("Nee, verder")
    await erik.press("Wijzigen")
    chosen = await erik.press("Vragen")
    labels = [label for label, _ in chosen[-1].buttons]
    assert "✅ 1. Mag werken in Nederland" in labels  # the earlier choice is shown
    await erik.send("1 5")
    await erik.press("Klaar")
    await erik.send("Kun je in een koude ruimte werken?")  # typed at once at "another?"
    await erik.send("Can you work in a cold room?")
    preview = await erik.press("Nee, verder")
    assert "10 kilo tillen" in preview[-1].text and "Mag werken" not in preview[-1].text
    assert "koude ruimte werken? / Can you work in a cold room?" in preview[-1].text
    async with harness.runtime.db.transaction() as session:
        vacancy = (await session.exec(select(Vacancy))).one()
        assert vacancy.status == "draft" and vacancy.questions == ["lifting"]


def test_a_bare_number_is_the_answer_where_a_number_is_asked() -> None:
    """In the terminal chat a typed '1' at the pay or start-time step is that number, not the
    Back button at position 1."""
    from powbot.features.open_hiring.vacancies import FLOW

    for step in ("hours", "pay", "places", "start_time", "questions"):
        assert FLOW.takes_number(None, step), step
    assert not FLOW.takes_number(None, "title")


async def test_regression_a_number_picked_from_other_words_is_confirmed(harness: Harness) -> None:
    """An address typed at 'how many hours per week?' ('Stationsstraat 1, Utrecht') was kept
    as 1 hour a week without a word. A number taken out of other words is confirmed first;
    'nee' asks again, and a plain '24 tot 32' needs no confirmation."""
    erik = await approved_employer(harness, 720)
    await erik.send("/nieuwevacature")
    for answer in ("Bakkerij Zon", "Inpakker", "Brood in dozen doen en klaarzetten.", "Hal 3"):
        await erik.send(answer)
    asked = await erik.send("Tiel")
    assert "Hoeveel uur per week" in asked[-1].text
    unsure = await erik.send("Stationsstraat 1, Utrecht")
    assert "1 uur per week genoteerd. Klopt dat?" in unsure[-1].text
    again = await erik.send("nee")
    assert "Hoeveel uur per week" in again[-1].text
    sure = await erik.send("24 tot 32")
    assert "werktijden" in sure[-1].text  # the next step


async def test_hours_typed_at_the_address_step_are_not_an_address(harness: Harness) -> None:
    """'20 tot 24 uur' at 'what is the address?' was kept as the address (and 'uur' as the
    town)."""
    erik = await approved_employer(harness, 721)
    await erik.send("/nieuwevacature")
    for answer in ("Bakkerij Zon", "Inpakker", "Brood in dozen doen en klaarzetten."):
        await erik.send(answer)
    reply = await erik.send("20 tot 24 uur")
    assert "Dat lijkt geen adres" in reply[-1].text and "adres" in reply[-1].text
    assert "Hoeveel uur" not in reply[-1].text


async def test_regression_a_skip_buttons_label_typed_is_not_kept_as_the_answer(
    harness: Harness,
) -> None:
    """'nee alleen nederlands' typed under "type the question in English too?" (the button
    'Nee, alleen Nederlands') was saved as the English question, which job seekers then saw."""
    erik = await approved_employer(harness, 722)
    await fill_in_up_to_own_questions(erik)
    await erik.press("Eigen vraag toevoegen")
    asked = await erik.send("Kun je in een koude ruimte werken?")
    assert "Engels" in asked[-1].text
    await erik.send("nee alleen nederlands")
    async with harness.runtime.db.transaction() as session:
        employer = await session.get(User, 722)
        drafts = (await session.exec(select(Vacancy))).all()
    kept = str(employer.flow_data if employer else "") + str([d.model_dump() for d in drafts])
    assert "Kun je in een koude ruimte werken?" in kept  # the question itself is kept
    assert "alleen nederlands" not in kept.lower()  # the button's label is not


async def test_regression_a_stray_word_is_not_posted_as_an_own_question(harness: Harness) -> None:
    """'plaatsen' typed at "add a question of your own?" (meaning: post it) was kept as a
    yes/no question for candidates. Done-words now go on to the preview, and a single word
    without a question mark ('rijbewijs') is asked again as a whole question."""
    erik = await approved_employer(harness, 724)
    await fill_in_up_to_own_questions(erik)
    done = await erik.send("plaatsen")
    assert "Zo ziet uw vacature eruit" in done[-1].text
    assert "plaatsen" not in done[-1].text.lower().split("vragen aan kandidaten")[-1]
    other = await approved_employer(harness, 725)
    await fill_in_up_to_own_questions(other)
    await other.press("Eigen vraag toevoegen")
    stray = await other.send("rijbewijs")
    assert "Dat lijkt nog geen vraag" in stray[-1].text
    asked = await other.send("rijbewijs B nodig")
    assert "Engels" in asked[-1].text


async def test_regression_back_shows_an_earlier_date_as_the_bot_writes_dates(
    harness: Harness,
) -> None:
    """Back to the start date showed "Eerder antwoord: 2026-12-14" (tester)."""
    erik = await approved_employer(harness, 726)
    await erik.send("/nieuwevacature")
    for answer in ("Bakkerij Zon", "Inpakker", "Brood in dozen doen en klaarzetten.", "Hal 3"):
        await erik.send(answer)
    for answer in ("Tiel", "24", "ma-vr", "15,50", "2", "4-1-2027"):
        await erik.send(answer)
    back = await erik.press("Terug")
    assert "Eerder antwoord: 04-01-2027" in back[-1].text


async def test_regression_minimum_wage_typed_as_the_pay(harness: Harness) -> None:
    """'minimum wage' at the pay step got "Dat begrijp ik niet" (tester): the word is the
    statutory hourly minimum of the day."""
    erik = await approved_employer(harness, 727)
    await erik.send("/nieuwevacature")
    for answer in ("Bakkerij Zon", "Inpakker", "Brood in dozen doen en klaarzetten.", "Hal 3"):
        await erik.send(answer)
    for answer in ("Tiel", "24", "ma-vr"):
        await erik.send(answer)
    paid = await erik.send("minimumloon")
    said = "\n".join(reply.text for reply in paid)
    assert "begrijp ik niet" not in said and "minder dan het wettelijk minimumloon" not in said
    async with harness.runtime.db.transaction() as session:
        answers = (await session.get(User, 727)).flow_data["answers"]  # type: ignore[union-attr]
    assert answers["pay"][0] >= 1400  # cents an hour: the statutory minimum, not nothing
