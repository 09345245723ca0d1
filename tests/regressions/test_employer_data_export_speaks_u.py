"""Regression (tester): an employer's /mijngegevens listed "Wat je typte bij check-ins":
the export's table names spoke "je" to employers and coaches. Every table name in "je" now
has a "u" version, and the export uses it for them."""

from __future__ import annotations

import re

from tests.conftest import shipped


def test_every_table_name_in_je_has_a_u_version() -> None:
    catalog = shipped().catalog
    table = catalog.texts["nl"]
    informal = [
        key
        for key, text in table.items()
        if key.startswith("privacy.table.")
        and not key.endswith("_formal")
        and re.search(r"\b(je|jij|jou|jouw)\b", text, re.IGNORECASE)
    ]
    assert informal  # the job seekers' names do speak "je"
    for key in informal:
        formal = table.get(f"{key}_formal", "")
        assert formal and not re.search(r"\b(je|jij|jou|jouw)\b", formal, re.I), key
