"""A weaker crisis signal keeps the normal reply and adds one kind line naming the help."""

from __future__ import annotations

from tests.conftest import Harness, onboard


def texts(sent: list) -> str:
    return "\n".join(message.text for message in sent)


async def test_hungry_at_lunch_gets_the_food_line_and_the_normal_reply(harness: Harness) -> None:
    seeker = harness.user(7101)
    await onboard(seeker)
    region = harness.runtime.content.region
    normal = texts(await seeker.send("ik heb honger, mag ik bijverdienen naast mijn uitkering?"))
    assert "voor de zekerheid" in normal
    assert region.food is not None and region.food.name in normal
    assert "Wat fijn dat je het vertelt" not in normal  # not the full crisis reply
    assert "❓" in normal  # the answer the question gets anyway still comes


async def test_no_i_dont_know_after_the_line_but_a_kind_way_on(harness: Harness) -> None:
    seeker = harness.user(7103)
    await onboard(seeker)
    said = texts(await seeker.send("ik heb honger, hoe laat is de pauze"))
    assert "voor de zekerheid" in said
    assert "Dat weet ik helaas niet" not in said
    assert "ik luister wel" in said


async def test_fresh_wording_about_a_partner_gets_veilig_thuis_at_once(harness: Harness) -> None:
    seeker = harness.user(7102)
    await onboard(seeker)
    said = texts(await seeker.send("mijn vriend knijpt in mijn keel als hij dronken is"))
    assert "0800-2000" in said and "Wat fijn dat je het vertelt" in said
