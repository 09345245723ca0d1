"""What employers type in the posting form is understood, or refused with the accepted
forms named (pure functions, on a fixed 'today')."""

from __future__ import annotations

from datetime import date

from powbot.features.open_hiring.parsing import (
    parse_contact,
    parse_hours,
    parse_pay,
    parse_start,
    parse_time,
    town_from_address,
)

MONDAY = date(2026, 12, 7)


def test_start_dates_in_words_and_numbers() -> None:
    assert parse_start("4 januari", MONDAY) == date(2027, 1, 4)
    assert parse_start("volgende maandag", MONDAY) == date(2026, 12, 14)
    assert parse_start("morgen", MONDAY) == date(2026, 12, 8)
    assert parse_start("12-3-2027", MONDAY) == date(2027, 3, 12)
    assert parse_start("1-1-2020", MONDAY) is None  # in the past
    assert parse_start("12-3-2029", MONDAY) is None  # more than a year ahead


def test_hours_as_a_range_are_never_cut_to_the_first_number() -> None:
    assert parse_hours("24 tot 32") == (24, 32)
    assert parse_hours("24-32") == (24, 32)
    assert parse_hours("tussen 24 en 32 uur") == (24, 32)
    assert parse_hours("32") == (32, 32)
    assert parse_hours("heel veel") is None
    # Regression (tester): '12 euro' at the hours step was stored as 12 hours.
    assert parse_hours("12 euro") is None
    assert parse_hours("€ 14,50") is None


def test_pay_per_hour_or_by_collective_agreement() -> None:
    assert parse_pay("15,50") == (1550, "")
    assert parse_pay("€ 15.50 per uur") == (1550, "")
    assert parse_pay("cao Bakkers schaal B") == (None, "cao Bakkers schaal B")
    assert parse_pay("cao") is None  # which scale?
    # Regression (tester): 'cao bakkers' named no scale, and seekers saw no pay at all.
    assert parse_pay("cao bakkers") is None
    assert parse_pay("cao horeca functiegroep II") == (None, "cao horeca functiegroep II")
    assert parse_pay("goed") is None


def test_first_day_time_and_contact() -> None:
    assert parse_time("7:00") == "07:00"
    assert parse_time("om 7 uur") == "07:00"
    assert parse_time("half acht") == "07:30"
    assert parse_contact("Petra de Vries, 06 1234 5678") == ("Petra de Vries", "06 1234 5678")
    assert parse_contact("Petra") is None


def test_town_comes_from_an_address_that_ends_in_one() -> None:
    assert town_from_address("Dorpsstraat 12, Tiel") == "Tiel"
    assert town_from_address("Dorpsstraat 12, 4001 AB Tiel") == "Tiel"
    assert town_from_address("Dorpsstraat 12 Tiel") == "Tiel"
    assert town_from_address("Industrieweg 5a, Den Bosch") == "Den Bosch"
    assert town_from_address("Hal 3, Industrieweg 5") is None
    assert town_from_address("Vestiging Noord") is None


def test_regression_a_time_is_not_a_wage_and_a_spelled_wage_is_one() -> None:
    """'maandag om half 8' at the pay step got "less than the minimum wage" (8 euros);
    'twaalf euro per uur' was not understood."""
    assert parse_pay("maandag om half 8") is None
    assert parse_pay("twaalf euro per uur") == (1200, "")
    assert parse_pay("€ 15,50 bruto per uur") == (1550, "")
