"""The coach's pages: caseload, client, alert actions shared with the bot, messages, CSV,
and the walls between coaches."""

from __future__ import annotations

from sqlmodel import select

from powbot.storage.models import Outbox
from powbot.storage.models_aftercare import Alert, CoachMessage
from tests.aftercare_support import make_coach
from tests.conftest import Harness
from tests.web.support import Web, csrf_of, seed_alert, seed_client, seed_coach


async def test_caseload_lists_own_clients_with_trend_sorted_and_filtered(harness: Harness) -> None:
    web = Web(harness)
    await seed_coach(web, 800, "Anna")
    await seed_client(web, 800, 801, "Bram", moods=(4, 3, 2))
    await seed_client(web, 800, 802, "Cas", shares=False, employer=None)
    await seed_coach(web, 803, "Dirk")
    await seed_client(web, 803, 804, "Eva")
    await seed_alert(web, 800, 801)
    async with web.signed_in(800) as client:
        page = (await client.get("/caseload")).text
        assert ">Bram<" in page and ">Cas<" in page and ">Eva<" not in page
        assert "<svg" in page and "Stemming, oud naar nieuw: 4, 3, 2" in page
        assert "2 van 5" in page and "deelt niets" in page
        only_alerts = (await client.get("/caseload?show=alerts")).text
        assert ">Bram<" in only_alerts and ">Cas<" not in only_alerts
        by_name_desc = (await client.get("/caseload?sort=client&dir=desc")).text
        assert by_name_desc.index(">Cas<") < by_name_desc.index(">Bram<")
        assert 'aria-sort="descending"' in by_name_desc


async def test_client_page_shows_shared_history_and_hides_what_is_not_shared(
    harness: Harness,
) -> None:
    web = Web(harness)
    await seed_coach(web, 810, "Anna")
    await seed_client(web, 810, 811, "Bram", moods=(4, 1))
    await seed_client(web, 810, 812, "Cas", shares=False, moods=(2,))
    async with web.signed_in(810) as client:
        bram = (await client.get(f"/clients/{web.ref(811)}")).text
        assert "Bakkerij Zon" in bram and "1 van 5" in bram
        cas = (await client.get(f"/clients/{web.ref(812)}")).text
        assert "deelt het profiel en de check-ins niet" in cas and "2 van 5" not in cas


async def test_coach_b_gets_404_on_coach_a_client_and_alert(harness: Harness) -> None:
    web = Web(harness)
    await seed_coach(web, 820, "Anna")
    await seed_client(web, 820, 821, "Bram")
    alert_id = await seed_alert(web, 820, 821)
    await seed_coach(web, 822, "Dirk")
    async with web.signed_in(822) as client:
        assert (await client.get(f"/clients/{web.ref(821)}")).status_code == 404
        assert (await client.get("/clients/821")).status_code == 404
        assert (await client.get(f"/clients/{web.ref(821)}/message")).status_code == 404
        page = (await client.get("/caseload")).text
        closing = await client.post(f"/alerts/{alert_id}/close", data={"csrf": csrf_of(page)})
        assert closing.status_code == 404
        assert (await client.get("/alerts/99999999999999999999999/close")).status_code in (404, 405)
        assert (await client.get("/region")).status_code == 404  # not an admin
    async with harness.runtime.db.transaction() as session:
        alert = await session.get(Alert, alert_id)
        assert alert is not None and alert.status == "open"


async def test_a_form_without_its_csrf_token_is_refused(harness: Harness) -> None:
    web = Web(harness)
    await seed_coach(web, 830, "Anna")
    await seed_client(web, 830, 831, "Bram")
    alert_id = await seed_alert(web, 830, 831)
    async with web.signed_in(830) as client:
        assert (await client.post(f"/alerts/{alert_id}/close")).status_code == 403
        forged = await client.post(f"/alerts/{alert_id}/close", data={"csrf": "guess"})
        assert forged.status_code == 403
        sent = await client.post(f"/clients/{web.ref(831)}/message", data={"message": "Hoi"})
        assert sent.status_code == 403
    async with harness.runtime.db.transaction() as session:
        alert = await session.get(Alert, alert_id)
        assert alert is not None and alert.status == "open"
        assert (await session.exec(select(CoachMessage))).first() is None


async def test_alert_closed_on_the_web_is_closed_in_the_bot(harness: Harness) -> None:
    coach = await make_coach(harness, 840, "Anna")
    web = Web(harness)
    await seed_client(web, 840, 841, "Bram", moods=(1,))
    alert_id = await seed_alert(web, 840, 841)
    async with web.signed_in(840) as client:
        page = (await client.get(f"/clients/{web.ref(841)}")).text
        assert f'id="alert-{alert_id}"' in page
        csrf = csrf_of(page)
        noted = await client.post(
            f"/alerts/{alert_id}/note",
            data={"csrf": csrf, "note": "Gebeld, gaat beter"},
            headers={"HX-Request": "true"},
        )
        assert "Notitie opgeslagen" in noted.text and "Gebeld, gaat beter" in noted.text
        closed = await client.post(f"/alerts/{alert_id}/close", data={"csrf": csrf})
        assert closed.status_code == 303
        after = (await client.get(f"/clients/{web.ref(841)}")).text
        assert "Status: gesloten" in after
    in_bot = await coach.press_data(f"coach:a:{alert_id}:")
    assert "Status: gesloten" in in_bot[-1].text and "Gebeld, gaat beter" in in_bot[-1].text
    assert not any("Afsluiten" in label for label, _ in in_bot[-1].buttons)


async def test_a_message_from_the_web_goes_to_the_client_through_the_outbox(
    harness: Harness,
) -> None:
    web = Web(harness)
    await seed_coach(web, 850, "Anna")
    await seed_client(web, 850, 851, "Bram")
    async with web.signed_in(850) as client:
        form = (await client.get(f"/clients/{web.ref(851)}/message")).text
        too_long = await client.post(
            f"/clients/{web.ref(851)}/message", data={"csrf": csrf_of(form), "message": "x" * 1001}
        )
        assert too_long.status_code == 400
        sent = await client.post(
            f"/clients/{web.ref(851)}/message",
            data={"csrf": csrf_of(form), "message": "Hoe gaat het op je werk?"},
        )
        assert sent.status_code == 303 and "sent=1" in sent.headers["location"]
    async with harness.runtime.db.transaction() as session:
        queued = (await session.exec(select(Outbox).where(Outbox.user_id == 851))).all()
    assert any("Hoe gaat het op je werk?" in row.payload["text"] for row in queued)


async def test_csv_export_has_no_special_category_fields(harness: Harness) -> None:
    web = Web(harness)
    await seed_coach(web, 860, "Anna")
    await seed_client(web, 860, 861, "=Bram", moods=(1, 2))
    async with web.signed_in(860) as client:
        response = await client.get("/caseload.csv")
    assert response.headers["content-type"].startswith("text/csv")
    header, row = response.text.splitlines()[:2]
    assert "Stemming" not in header and "Fase" not in header
    assert row.startswith("'=Bram,") and "Bakkerij Zon" in row
    assert "2 van 5" not in response.text
