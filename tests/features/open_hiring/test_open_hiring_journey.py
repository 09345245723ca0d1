"""Issue 16's journey: an employer posts a vacancy with two places (pay, description,
hours "24 tot 32", start "volgende maandag"); five seekers sign up (one in English, one
who goes back and corrects a mistaken "nee", one who stops); two get offers with the full
details, one declines, the next is offered; the full list and the waiting places are
right; the accepted person gets address, start and contact, and a reminder the day
before; the employer sees the results. All on the fixed test clock (a Monday)."""

from __future__ import annotations

from datetime import datetime, timedelta

from powbot.clock import from_local
from powbot.storage.models_faq import CallbackRequest
from powbot.storage.models_open_hiring import Vacancy
from tests.clock_double import AMSTERDAM, local_today
from tests.conftest import Harness, Player
from tests.open_hiring_helpers import approved_employer, deliver, seeker, signups

NEXT_MONDAY = local_today() + timedelta(days=(7 - local_today().weekday()) or 7)


async def _post(harness: Harness, erik: Player) -> None:
    async with harness.runtime.db.transaction() as session:
        session.add(
            CallbackRequest(
                user_id=erik.id, name="Erik", organisation="Bakkerij Zon",
                contact="0612345678", question="Kan ik iemand met LKS aannemen?", language="nl",
            )
        )  # fmt: skip
    intro = await erik.send("/nieuwevacature")
    # The organisation is known from the call-back form: not asked again.
    assert "Bakkerij Zon" in intro[0].text and "naam van uw organisatie" not in intro[0].text
    await erik.send("Inpakker")
    await erik.send("Brood in dozen pakken en de hal schoonmaken.")
    hours = await erik.send("Dorpsstraat 12, Tiel")
    assert "Plaats: Tiel (uit het adres)" in hours[0].text  # no question about the town
    shifts = await erik.send("24 tot 32")
    assert "Uren: 24 tot 32 per week" in shifts[0].text
    await erik.send("di-za 5:00-11:00")
    await erik.send("15,50")
    await erik.send("2")
    refused = await erik.send("gisteren ergens")
    assert "4 januari" in refused[0].text and "volgende maandag" in refused[0].text
    start = await erik.send("volgende maandag")
    assert NEXT_MONDAY.strftime("%d-%m-%Y") in start[0].text
    await erik.send("5:00")
    await erik.send("Petra de Vries, 06 1234 5678")
    await erik.send("Werkschoenen en een ID-bewijs")
    await erik.press("Ja")  # travel costs paid
    await erik.press("Mag werken in Nederland")
    await erik.press("Klaar")
    await erik.press("Eigen vraag toevoegen")
    await erik.send("Kun je om 5 uur 's ochtends beginnen?")
    await erik.send("Can you start at 5 in the morning?")
    preview = await erik.press("Nee, verder")
    assert "24 tot 32 uur per week" in preview[-1].text and "📍 Tiel" in preview[-1].text
    await erik.press("Plaatsen")


async def _sign_up(player: Player, yes: str = "Ja") -> list:  # type: ignore[type-arg]
    await player.send("/vacatures")
    await player.press("Inpakker")
    await player.press("Aanmelden" if yes == "Ja" else "Sign up")
    await player.press(yes)
    return await player.press(yes)


async def test_journey_two_places_five_seekers(harness: Harness) -> None:
    erik = await approved_employer(harness, 600)
    await _post(harness, erik)

    ann = await seeker(harness, 601, name="Ann")
    ben = await seeker(harness, 602, name="Ben", language="en")
    cas = await seeker(harness, 603, name="Cas")
    dirk = await seeker(harness, 604, name="Dirk")
    eva = await seeker(harness, 605, name="Eva")

    # Ann: the first place at once, with the work, pay, hours and address in the offer.
    got = await _sign_up(ann)
    offer = got[-1].text
    assert "Er is een plek voor jou als Inpakker" in offer
    assert "Brood in dozen" in offer and "€ 15,50 bruto per uur" in offer
    assert "24 tot 32 uur per week" in offer and "Dorpsstraat 12, Tiel" in offer

    # Ben, in English: the employer's own question in the English version they gave.
    await ben.send("/vacancies")
    details = await ben.press("Inpakker")
    assert "€ 15.50 gross per hour" in details[-1].text
    assert "(the employer's own words)" in details[-1].text  # the Dutch description
    await ben.press("Sign up")
    second = await ben.press("Yes")
    assert "Can you start at 5 in the morning?" in second[-1].text
    ben_offer = await ben.press("Yes")
    assert "It is your turn" in ben_offer[-1].text

    # Cas: says "nee" by mistake, takes it back, goes back one question, then signs up.
    await cas.send("/vacatures")
    await cas.press("Inpakker")
    full = cas.inbox()[-1].text
    assert "Alle plekken zijn nu bezet" in full and "als 1e op de wachtlijst" in full
    await cas.press("Aanmelden")
    no = await cas.press("Nee")
    assert "Er is niets van je bewaard" in no[-1].text
    again = await cas.press("ik bedoelde ja")
    assert "Vraag 1 van 2" in again[-1].text
    await cas.press("Ja")
    back = await cas.press("Terug")
    assert "Vraag 1 van 2" in back[-1].text
    why = await cas.press("Waarom vraag je dit?")
    assert "in Nederland mogen werken" in why[0].text
    await cas.press("Ja")
    waiting = await cas.press("Ja")
    assert "Alle plekken zijn nu bezet. Je staat als 1e op de wachtlijst" in waiting[-1].text

    # Dirk stops halfway: nothing is kept.
    await dirk.send("/vacatures")
    await dirk.press("Inpakker")
    await dirk.press("Aanmelden")
    stopped = await dirk.press("Stop")
    assert "Er is niets bewaard" in stopped[-1].text

    eva_waiting = await _sign_up(eva)
    assert "als 2e op de wachtlijst" in eva_waiting[-1].text
    assert len(await signups(harness, 1)) == 4  # Ann, Ben, Cas, Eva; not Dirk

    # Ann accepts: address with a route, start date and time, what to bring, the contact.
    await ann.press("Ja, ik wil deze baan", got[-1])
    accepted = await ann.send("0612345678")
    text = accepted[-1].text
    assert "Adres: Dorpsstraat 12, Tiel" in text and "google.com/maps" in text
    assert f"{NEXT_MONDAY.strftime('%d-%m-%Y')} om 05:00 uur" in text
    assert "Werkschoenen en een ID-bewijs" in text and "Petra de Vries, 06 1234 5678" in text

    # Ben declines: Cas gets the place, Eva moves up to first on the waiting list.
    await ben.press("No, thank you", ben_offer[-1])
    await ben.press("Yes, I say no")
    await deliver(harness)
    assert "Er is een plek voor jou als Inpakker" in cas.inbox()[-1].text
    assert "Je staat nu als 1e op de wachtlijst voor Inpakker" in eva.inbox()[-1].text
    told = erik.inbox()[-1].text
    assert "Ann heeft de plek als Inpakker aangenomen" in told and "0612345678" in told

    # The employer's results.
    await erik.send("/mijnvacatures")
    shown = await erik.press("Inpakker")
    results = shown[-1].text
    assert "Aanmeldingen: 4" in results and "Aanbiedingen gedaan: 3" in results
    assert "Aangenomen: 1\n" in results and "Nee gezegd: 1" in results
    assert "Nu op de wachtlijst: 1" in results

    # The day before the start, at 17:00: both sides are reminded.
    day_before = NEXT_MONDAY - timedelta(days=1)
    moment = from_local(
        datetime(day_before.year, day_before.month, day_before.day, 17, 1), AMSTERDAM
    )
    await deliver(harness, moment)
    reminder = ann.inbox()[-1].text
    assert "Morgen begin je als Inpakker" in reminder and "Petra de Vries" in reminder
    assert "Morgen begint Ann als Inpakker (om 05:00 uur)" in erik.inbox()[-1].text


async def test_below_minimum_wage_is_refused_with_the_amount(harness: Harness) -> None:
    erik = await approved_employer(harness, 610)
    await erik.send("/nieuwevacature")
    await erik.send("Bakkerij Zon")
    for answer in ("Inpakker", "Brood in dozen pakken en klaarzetten.", "Hal 3", "Tiel", "32"):
        await erik.send(answer)
    await erik.send("ma-vr")
    low = await erik.send("10")
    assert "minimumloon" in low[0].text and "€ 14,71" in low[0].text
    ok = await erik.send("cao Bakkers schaal B")
    assert "Hoeveel plekken" in ok[0].text


async def test_description_typed_at_the_preview_and_every_field_editable(
    harness: Harness,
) -> None:
    erik = await approved_employer(harness, 620)
    await _post(harness, erik)
    async with harness.runtime.db.transaction() as session:
        vacancy = await session.get(Vacancy, 1)
        assert vacancy is not None and vacancy.status == "open"
        assert (vacancy.hours_per_week, vacancy.hours_max) == (24, 32)
        assert vacancy.start_date == NEXT_MONDAY and vacancy.pay_cents == 1550
        vacancy.status = "draft"  # back to the preview to type at it
    await erik.send("/mijnvacatures")
    await erik.press("Inpakker")
    typed = await erik.send("Je vult de schappen en helpt klanten bij de kassa.")
    assert "opgeslagen als beschrijving" in typed[0].text
    assert "Je vult de schappen" in typed[-1].text
    pay = await erik.send("Loon: 16,25")
    assert "€ 16,25 bruto per uur" in pay[-1].text
    edit = await erik.press("Wijzigen")
    labels = " ".join(label for label, _ in edit[-1].buttons)
    for field in ("Organisatie", "Functie", "Beschrijving", "Adres", "Plaats", "Uren", "Loon"):
        assert field in labels, field
    for field in ("Startdatum", "Begintijd", "Contactpersoon", "Meenemen", "Reiskosten"):
        assert field in labels, field
