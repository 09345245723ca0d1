"""The region page's drop-off and FAQ tables were inserted inside the <title> block: the
browser tab showed table markup as text and every table came twice."""

from __future__ import annotations

import re

from tests.conftest import Harness
from tests.web.support import Web, seed_coach


async def test_region_page_title_is_its_name_and_each_table_comes_once(harness: Harness) -> None:
    web = Web(harness)
    await seed_coach(web, 905, "Ria", role="admin")
    async with web.signed_in(905) as client:
        page = await client.get("/region")
    assert page.status_code == 200
    title = re.search(r"<title>(.*?)</title>", page.text, flags=re.S)
    assert title is not None and "<" not in title.group(1) and "powbot" in title.group(1)
    assert page.text.count('id="r-dropoff"') == 1 and page.text.count('id="r-faq"') == 1
