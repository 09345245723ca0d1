"""A job that starts next week showed on the coach's web page as 'Dagen sinds start: -7' and
'Inpakker bij Bakkerij Zon, sinds 15-12-2026' (tester): it says when it begins instead."""

from __future__ import annotations

from tests.conftest import Harness
from tests.web.support import Web, seed_client, seed_coach


async def test_regression_web_job_not_yet_begun_shown_as_begun(harness: Harness) -> None:
    web = Web(harness)
    await seed_coach(web, 820, "Anna")
    await seed_client(web, 820, 821, "Bram", started_days_ago=-7)
    await seed_client(web, 820, 822, "Cas", started_days_ago=30)
    async with web.signed_in(820) as client:
        caseload = (await client.get("/caseload")).text
        assert "begint over 7 d." in caseload and ">-7<" not in caseload
        assert ">30<" in caseload
        bram = (await client.get(f"/clients/{web.ref(821)}")).text
        assert "Inpakker bij Bakkerij Zon, begint op" in bram and ", sinds" not in bram
        cas = (await client.get(f"/clients/{web.ref(822)}")).text
        assert "Inpakker bij Bakkerij Zon, sinds" in cas
