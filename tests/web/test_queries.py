"""No query per client: the caseload, today and CSV pages cost the same number of queries
for 2 clients as for 12 (bench/web_bench.py measures 60)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from tests.conftest import Harness
from tests.web.support import Web, seed_alert, seed_client, seed_coach


async def _queries_per_page(web: Web, coach_id: int) -> dict[str, int]:
    engine = web.harness.runtime.db.engine.sync_engine
    seen = {"count": 0}

    def count(*_: Any) -> None:
        seen["count"] += 1

    counts: dict[str, int] = {}
    async with web.signed_in(coach_id) as client:
        await client.get("/caseload")  # the session's first touch is not a page's cost
        event.listen(engine, "before_cursor_execute", count)
        try:
            for page in ("/caseload", "/today", "/caseload.csv"):
                before = seen["count"]
                assert (await client.get(page)).status_code == 200
                counts[page] = seen["count"] - before
        finally:
            event.remove(engine, "before_cursor_execute", count)
    return counts


async def test_pages_take_a_fixed_number_of_queries_whatever_the_caseload(
    harness: Harness,
) -> None:
    web = Web(harness)
    for coach_id, clients in ((300, 2), (400, 12)):
        await seed_coach(web, coach_id, f"Coach{coach_id}")
        for index in range(clients):
            seeker = coach_id * 100 + index
            await seed_client(web, coach_id, seeker, f"C{index}", moods=(3, 4, 2))
            await seed_alert(web, coach_id, seeker)
    small = await _queries_per_page(web, 300)
    large = await _queries_per_page(web, 400)
    assert small == large, (small, large)
