"""Open Hiring, employer side, through the real dispatcher: post, manage, see counts."""

from __future__ import annotations

from sqlmodel import select

from powbot.storage.models_open_hiring import EmployerProfile, Vacancy
from tests.conftest import Harness, onboard
from tests.open_hiring_helpers import (
    START,
    approved_employer,
    deliver,
    offers,
    post_vacancy,
    seeker,
    sign_up_via_chat,
)


async def test_self_declared_employer_cannot_post_but_is_told_how(harness: Harness) -> None:
    bob = harness.user(200)
    await onboard(bob, role="employer")
    reply = await bob.send("/nieuwevacature")
    assert "Alleen goedgekeurde werkgevers" in reply[-1].text
    menu = await bob.send("/menu")
    again = await bob.press("Vacature plaatsen", menu[-1])
    assert "uitnodigingscode" in again[-1].text
    listing = await bob.send("/mijnvacatures")
    assert "Alleen goedgekeurde werkgevers" in listing[-1].text
    async with harness.runtime.db.transaction() as session:
        assert (await session.exec(select(Vacancy))).all() == []
    # The way to get approved is a button, not a question left hanging ("Wilt u dat ook?"
    # answered with "ja" got a choice of FAQ subjects): the WSP call-back starts.
    form = await bob.press("terugbellen", listing[-1])
    assert "naam" in form[-1].text.lower()


async def test_invited_employer_posts_a_vacancy_step_by_step(harness: Harness) -> None:
    erik = await approved_employer(harness, 201)
    assert "goedgekeurd" in erik.inbox()[-1].text
    await erik.send("/nieuwevacature")
    await erik.send("Bakkerij Zon")
    await erik.send("Inpakker")
    await erik.send("Brood in dozen pakken en de hal schoonmaken.")
    await erik.send("Hal 3")
    await erik.send("Utrecht")
    bad_hours = await erik.send("heel veel")
    assert "aantal uren van 1 tot 60" in bad_hours[0].text
    await erik.send("24")
    await erik.send("ma-vr 7:00-12:00")
    low_pay = await erik.send("9,50")
    assert "minimumloon" in low_pay[0].text and "14,71" in low_pay[0].text
    await erik.send("15,50")
    await erik.send("3")
    past = await erik.send("1-1-2020")
    assert "begrijp ik niet" in past[0].text and "volgende maandag" in past[0].text
    await erik.send(START.strftime("%d-%m-%Y"))
    await erik.send("7:00")
    await erik.send("Petra de Vries, 06 1234 5678")
    await erik.send("Werkschoenen")
    questions = await erik.press("Ja")  # travel costs are paid
    assert "Welke vragen" in questions[-1].text
    await erik.press("Mag werken in Nederland")
    toggled = await erik.send("5 7")  # typed numbers: lifting and an early start
    labels = [label for label, _ in toggled[-1].buttons]
    assert "✅ 1. Mag werken in Nederland" in labels and "✅ 5. 10 kilo tillen" in labels
    assert "✅ 7. Vroeg beginnen" in labels
    await erik.press("Vroeg beginnen")  # and off again
    await erik.press("Klaar")
    await erik.press("Eigen vraag toevoegen")
    await erik.send("Kun je in een koude ruimte werken?")
    await erik.press("alleen Nederlands")
    preview = await erik.press("Nee, verder")
    text = preview[-1].text
    assert "Inpakker" in text and "Bakkerij Zon" in text and "24 uur per week" in text
    assert "Mag werken in Nederland" in text and "koude ruimte" in text
    assert "Vroeg beginnen" not in text
    assert "€ 15,50 bruto per uur" in text and "Brood in dozen" in text
    assert "Petra de Vries, 06 1234 5678" in text and "Werkschoenen" in text
    assert "Reiskosten worden vergoed" in text
    published = await erik.press("Plaatsen")
    assert "staat online" in published[0].text
    assert "Aanmeldingen: 0" in published[-1].text

    ann = await seeker(harness, 202)
    listing = await ann.send("/vacatures")
    assert "Inpakker" in listing[-1].text
    details = await ann.press("Inpakker")
    assert "3 korte vragen" in details[-1].text
    assert "€ 15,50 bruto per uur" in details[-1].text and "Brood in dozen" in details[-1].text


async def test_employer_manages_counts_without_names_until_accept(harness: Harness) -> None:
    erik = await approved_employer(harness, 210)
    await post_vacancy(erik, places=1)
    ann = await seeker(harness, 211, name="Ann")
    cas = await seeker(harness, 212, name="Cas")
    offered = await sign_up_via_chat(ann, "Inpakker")
    assert "Je bent aan de beurt" in offered[-1].text
    waiting = await sign_up_via_chat(cas, "Inpakker")
    assert "als 1e" in waiting[-1].text

    listing = await erik.send("/mijnvacatures")
    view = await erik.press("Inpakker", listing[-1])
    assert "Nu op de wachtlijst: 1" in view[-1].text and "Aanbod uitstaand: 1" in view[-1].text
    assert "Ann" not in view[-1].text and "Cas" not in view[-1].text

    # Pausing stops sign-ups; adding a place while paused offers nothing yet.
    await erik.press("Pauzeren", view[-1])
    dee = await seeker(harness, 213, name="Dee")
    assert "geen open vacatures" in (await dee.send("/vacatures"))[-1].text
    more = await erik.press("Plekken toevoegen")
    added = await erik.press("+1", more[-1])
    assert "Nieuwe aanbiedingen verstuurd: 0" in added[0].text
    reopened = await erik.press("Weer openen")
    assert "weer open" in reopened[0].text
    await deliver(harness)
    assert "Je bent aan de beurt" in cas.inbox()[-1].text

    await ann.press("Ja, ik wil deze baan", offered[-1])
    await ann.send("06 1234 5678")
    await deliver(harness)
    told = erik.inbox()[-1].text
    assert "Ann heeft de plek als Inpakker aangenomen" in told and "06 1234 5678" in told
    view = await erik.send("/mijnvacatures")
    details = await erik.press("Inpakker", view[-1])
    assert (
        "👥 Plekken: 2" in details[-1].text
        and "Aangenomen: 1\n" in details[-1].text
        and "Ann – contact: 06 1234 5678" in details[-1].text
    )
    assert "Cas" not in details[-1].text


async def test_employer_edits_a_published_vacancy(harness: Harness) -> None:
    erik = await approved_employer(harness, 220)
    await post_vacancy(erik)
    await erik.press("Wijzigen")
    fields = await erik.press("Functie")
    assert "Wijzigen:" in fields[-1].text
    edited = await erik.send("Orderpicker")
    assert "Opgeslagen" in edited[0].text and "Orderpicker" in edited[-1].text
    async with harness.runtime.db.transaction() as session:
        vacancy = (await session.exec(select(Vacancy))).one()
        assert vacancy.title == "Orderpicker" and vacancy.status == "open"
        profile = await session.get(EmployerProfile, 220)
        assert profile is not None and profile.approved_at is not None
        assert profile.organisation == "Bakkerij Zon"


async def test_employer_cannot_touch_another_employers_vacancy(harness: Harness) -> None:
    erik = await approved_employer(harness, 230)
    await post_vacancy(erik)
    fay = await approved_employer(harness, 231, name="Fay")
    async with harness.runtime.db.transaction() as session:
        vacancy_id = (await session.exec(select(Vacancy.id))).one()
    for action in ("show", "close", "closeyes", "pause", "more"):
        reply = await fay.press_data(f"vacancy:{action}:{vacancy_id}:")
        assert reply == [], action  # nothing said about someone else's vacancy
    assert harness.session.toasts[-1] == "Deze knop werkt niet meer."
    async with harness.runtime.db.transaction() as session:
        assert (await session.get(Vacancy, vacancy_id)).status == "open"  # type: ignore[union-attr]


async def test_english_employer_and_english_seeker_get_their_own_language(
    harness: Harness,
) -> None:
    erik = await approved_employer(harness, 240, language="en")
    await erik.send("/newvacancy")
    await erik.send("Sun Bakery")
    for answer in ("Packer", "Packing bread into boxes.", "Hall 3", "Utrecht", "24", "Mon-Fri"):
        await erik.send(answer)
    for answer in ("16.00", "1", START.strftime("%d-%m-%Y"), "7:00", "Petra, 06 1234 5678"):
        await erik.send(answer)
    await erik.press("Skip")
    await erik.press("Skip")
    await erik.press("Right to work in NL")
    await erik.press("Done")
    await erik.press("No, continue")
    published = await erik.press("Publish")
    assert "is online" in published[0].text
    ann = await seeker(harness, 241, language="en")
    await ann.send("/vacancies")
    await ann.press("Packer")
    question = await ann.press("Sign up")
    assert "Are you allowed to work in the Netherlands?" in question[-1].text
    offer = await ann.press("Yes")
    assert "It is your turn" in offer[-1].text
    await ann.press("Yes, I want this job", offer[-1])
    await ann.press("Only my first name")
    await deliver(harness)
    assert "has accepted the place as Packer" in erik.inbox()[-1].text
    assert len(await offers(harness, 1)) == 1
