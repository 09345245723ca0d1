"""The shared parse module: what people type and what callbacks carry."""

from __future__ import annotations

import pytest

from powbot.conversation.parse import MAX_ID, parse_id


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", 1),
        ("42", 42),
        (" 42 ", 42),
        ("007", 7),
        (str(MAX_ID), MAX_ID),
        (17, 17),
    ],
)
def test_parse_id_accepts_plain_positive_ids(raw: object, expected: int) -> None:
    assert parse_id(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "0",
        "000",
        "-1",
        "+1",
        "1.0",
        "1e3",
        "abc",
        "12a",
        "١٢",  # Arabic-Indic digits: str.isdigit() says yes, a table id says no
        "²",
        str(MAX_ID + 1),
        "99999999999999999999999",  # the forged coach callback that raised OverflowError
        0,
        -5,
        MAX_ID + 1,
        True,
        None,
        1.0,
        ["1"],
    ],
)
def test_parse_id_refuses_anything_a_table_could_not_hold(raw: object) -> None:
    assert parse_id(raw) is None
