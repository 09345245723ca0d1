"""The coach's placement registration on the form DSL: each step declared once, with the pay
and contract terms aftercare plans its money and contract checks from."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from powbot.conversation.form_check import check_form
from powbot.features.coach.placement_form import PLACEMENT_FORM
from powbot.storage.models import Placement
from powbot.storage.models_aftercare import PlacementTerms
from tests.aftercare_support import checkins, make_client, make_coach
from tests.clock_double import local_today
from tests.conftest import Harness


def test_every_step_of_the_placement_form_is_reachable_and_has_its_texts(
    harness: Harness,
) -> None:
    catalog = harness.runtime.content.catalog
    assert check_form(PLACEMENT_FORM, catalog.has) == []


async def test_coach_gives_pay_and_contract_terms_and_the_money_and_contract_checks_follow(
    harness: Harness,
) -> None:
    coach = await make_coach(harness, 650, "Anna")
    bram = await make_client(harness, coach, 651, "Bram")
    start = local_today() + timedelta(days=7)
    payday = start + timedelta(days=24)
    contract_end = start + timedelta(days=180)
    probation_end = start + timedelta(days=60)
    await coach.press_data(f"coach:pl:{bram.id}:")
    await coach.send("Bakkerij Zon")
    await coach.send("Inpakker")
    await coach.send(start.strftime("%d-%m-%Y"))
    await coach.send("32")
    await coach.press("Per maand")
    await coach.send(payday.strftime("%d-%m-%Y"))
    before = await coach.send((start - timedelta(days=1)).strftime("%d-%m-%Y"))
    assert "vóór de eerste werkdag" in before[-1].text  # a contract cannot end before it starts
    await coach.send(contract_end.strftime("%d-%m-%Y"))
    await coach.send(probation_end.strftime("%d-%m-%Y"))
    summary = coach.last_keyboard().text
    assert "Per maand, eerste betaling " + payday.strftime("%d-%m-%Y") in summary
    assert "Contract tot: " + contract_end.strftime("%d-%m-%Y") in summary
    done = await coach.send("ja")
    assert "check-ins gepland voor Bram" in coach.texts(done)
    async with harness.runtime.db.transaction() as session:
        [placement] = (await session.exec(select(Placement))).all()
        [terms] = (await session.exec(select(PlacementTerms))).all()
    assert placement.hours_per_week == 32 and terms.placement_id == placement.id
    assert terms.pay_frequency == "month" and terms.pay_day == payday.day
    assert (terms.first_payday, terms.contract_end, terms.probation_end) == (
        payday,
        contract_end,
        probation_end,
    )
    planned = [c for c in await checkins(harness, bram.id) if c.status == "scheduled"]
    days = {c.day for c in planned}
    assert any(payday < day <= payday + timedelta(days=7) for day in days)  # after the pay
    assert any(day < contract_end for day in days if day > start + timedelta(days=120))


async def test_coach_can_cancel_the_placement_form_at_any_step(harness: Harness) -> None:
    coach = await make_coach(harness, 655, "Anna")
    bram = await make_client(harness, coach, 656, "Bram")
    await coach.press_data(f"coach:pl:{bram.id}:")
    await coach.send("Bakkerij Zon")
    cancelled = await coach.press("Annuleren")
    assert "Er is niets geregistreerd" in cancelled[-1].text
    async with harness.runtime.db.transaction() as session:
        assert (await session.exec(select(Placement))).all() == []


async def test_regression_back_to_a_skipped_step_names_the_button_not_raw_data(
    harness: Harness,
) -> None:
    """Back to a step answered with 'Weet ik niet' showed "Eerder antwoord: {'skipped':
    True}" to the coach."""
    coach = await make_coach(harness, 652, "Anna")
    bram = await make_client(harness, coach, 653, "Bram")
    await coach.press_data(f"coach:pl:{bram.id}:")
    await coach.send("Bakkerij Zon")
    await coach.send("Inpakker")
    await coach.send((local_today() + timedelta(days=7)).strftime("%d-%m-%Y"))
    await coach.press("Weet ik niet")
    back = await coach.press("Terug")
    assert "skipped" not in back[-1].text and "Weet ik niet" in back[-1].text


async def test_typed_words_for_the_pay_rhythm_and_a_form_hint_without_je(
    harness: Harness,
) -> None:
    """'elke maand' was not 'Per maand', and the shared date hint asked a coach "Welke datum
    bedoel je?" in 'je'; the example date 3-3-2026 lay in the past."""
    coach = await make_coach(harness, 654, "Anna")
    bram = await make_client(harness, coach, 655, "Bram")
    await coach.press_data(f"coach:pl:{bram.id}:")
    await coach.send("Bakkerij Zon")
    asked = await coach.send("Inpakker")
    assert "3-3-2026" not in asked[-1].text
    await coach.send((local_today() + timedelta(days=7)).strftime("%d-%m-%Y"))
    frequency = (await coach.send("32"))[-1].text
    rhythm = await coach.send("elke maand")
    assert rhythm[-1].text != frequency  # taken as 'Per maand': the next step
    hint = await coach.send("binnenkort")  # the first pay date
    assert "Welke datum?" in hint[-1].text and "bedoel je" not in hint[-1].text
