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


# --- yes / no, rather not, why -----------------------------------------------------------

from datetime import date, time  # noqa: E402

from powbot.conversation.parse import (  # noqa: E402
    ListParse,
    NumberRange,
    is_decline,
    is_why,
    match_choice,
    parse_clock,
    parse_date,
    parse_duration,
    parse_list,
    parse_number,
    parse_yes_no,
)

SUNDAY = date(2026, 12, 6)


@pytest.mark.parametrize(
    "said",
    [
        "ja",
        "Ja!",
        "jaa",
        "jaaaa",
        "ja hoor",
        "JA HOOR",
        "yes",
        "yess",
        "yep",
        "ok",
        "oké",
        "okay",
        "prima",
        "klopt",
        "👍",
        "👍🏻",
        "✅",
        "👌",
        "zeker weten",
        "of course",
        "sure",
    ],
)
def test_yes_in_dutch_english_and_emoji(said: str) -> None:
    assert parse_yes_no(said) is True


@pytest.mark.parametrize(
    "said",
    [
        "nee",
        "Nee.",
        "neee",
        "nee hoor",
        "no",
        "nope",
        "nah",
        "👎",
        "❌",
        "niet echt",
        "no thanks",
        "nooit",
    ],
)
def test_no_in_dutch_english_and_emoji(said: str) -> None:
    assert parse_yes_no(said) is False


@pytest.mark.parametrize("said", ["", "misschien", "weet ik niet", "🤷", "fiets", "40"])
def test_neither_yes_nor_no_is_none(said: str) -> None:
    assert parse_yes_no(said) is None


@pytest.mark.parametrize(
    "said",
    [
        "liever niet",
        "Liever niet!",
        "zeg ik liever niet",
        "rather not say",
        "I'd rather not say",
        "prefer not to say",
        "gaat je niks aan",
    ],
)
def test_rather_not_say(said: str) -> None:
    assert is_decline(said)
    assert parse_yes_no(said) is not True


@pytest.mark.parametrize("said", ["nee", "niet veel", "liever werk ik 's ochtends"])
def test_not_a_decline(said: str) -> None:
    assert not is_decline(said)


@pytest.mark.parametrize(
    "said", ["waarom?", "Waarom vraag je dit?", "hoezo", "why", "Why do you ask?"]
)
def test_why(said: str) -> None:
    assert is_why(said)


def test_a_long_sentence_with_why_is_not_a_question_about_the_question() -> None:
    assert not is_why("waarom moet ik altijd zo vroeg opstaan voor dit werk vind ik raar")
    assert not is_why("ja")


# --- numbers and ranges -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("40", 40),
        ("veertig", 40),
        ("Veertig uur", 40),
        ("ongeveer 40 uur", 40),
        ("forty", 40),
        ("twintig", 20),
        ("vijfentwintig", 25),
        ("tweeëntwintig", 22),
        ("twenty five", 25),
        ("twenty-five", 25),
        ("drie", 3),
        ("0", 0),
        ("1,5", 1.5),
        ("7.5", 7.5),
    ],
)
def test_numbers_in_digits_and_words(said: str, expected: float) -> None:
    assert parse_number(said) == expected


@pytest.mark.parametrize(
    "said",
    [
        "24 tot 32",
        "24-32",
        "24 – 32",
        "tussen 24 en 32",
        "between 24 and 32",
        "24 to 32",
        "24 of 32",
        "24 à 32",
    ],
)
def test_a_range_is_a_range_never_silently_its_first_number(said: str) -> None:
    assert parse_number(said) == NumberRange(24, 32)


@pytest.mark.parametrize("said", ["", "weet niet", "veel", "ik werk 3 dagen van 8 uur"])
def test_no_number_or_too_unsure(said: str) -> None:
    assert parse_number(said) is None


# --- choices and lists ------------------------------------------------------------------

MOOD = {"okay": ["Okay", "Oké"], "bad": ["Slecht", "Bad"], "good": ["Goed", "Good"]}
HELP = {"nothing": ["Nothing", "Niets", "no", "nee", "geen"], "family": ["Family", "Familie"]}
TRANSPORT = {
    "bike": ["Fiets", "Bike"],
    "car": ["Auto", "Car"],
    "public": ["Bus, tram of trein", "Bus, tram or train"],
    "walk": ["Lopen", "Walking"],
}


@pytest.mark.parametrize(
    ("said", "choices", "expected"),
    [
        ("ok", MOOD, "okay"),
        ("OKAY", MOOD, "okay"),
        ("slec", MOOD, "bad"),
        ("goed", MOOD, "good"),
        ("no", HELP, "nothing"),
        ("niks", HELP, None),
        ("Niets", HELP, "nothing"),
        ("fietz", TRANSPORT, "bike"),
        ("bus", TRANSPORT, "public"),
        ("trein", TRANSPORT, "public"),
        ("lo", TRANSPORT, "walk"),
        ("vliegtuig", TRANSPORT, None),
        ("", TRANSPORT, None),
    ],
)
def test_choice_by_label_prefix_synonym_or_small_typo(
    said: str, choices: dict[str, list[str]], expected: str | None
) -> None:
    assert match_choice(said, choices) == expected


def _transport(part: str) -> str | None:
    return match_choice(part, TRANSPORT)


def test_a_list_keeps_what_it_understood_and_names_what_it_did_not() -> None:
    result = parse_list("bike, bus", _transport)
    assert result == ListParse(found=["bike", "public"], unknown=[])
    partial = parse_list("fiets, step", _transport)
    assert partial.found == ["bike"] and partial.unknown == ["step"] and partial.partial


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("fiets en auto", ["bike", "car"]),
        ("fiets; auto", ["bike", "car"]),
        ("bus, tram of trein", ["public"]),
        ("auto / fiets", ["car", "bike"]),
        ("bike and walking", ["bike", "walk"]),
    ],
)
def test_list_separators(said: str, expected: list[str]) -> None:
    result = parse_list(said, _transport)
    assert result.found == expected and not result.unknown


# --- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("4 januari", date(2027, 1, 4)),
        ("4 jan", date(2027, 1, 4)),
        ("January 4th", date(2027, 1, 4)),
        ("4 January", date(2027, 1, 4)),
        ("20 december", date(2026, 12, 20)),
        ("1 december", date(2027, 12, 1)),
        ("4 januari 2028", date(2028, 1, 4)),
        ("morgen", date(2026, 12, 7)),
        ("tomorrow", date(2026, 12, 7)),
        ("vandaag", SUNDAY),
        ("overmorgen", date(2026, 12, 8)),
        ("volgende maandag", date(2026, 12, 7)),
        ("next friday", date(2026, 12, 11)),
        ("zondag", date(2026, 12, 13)),
        ("over twee weken", date(2026, 12, 20)),
        ("over 3 dagen", date(2026, 12, 9)),
        ("in two weeks", date(2026, 12, 20)),
        ("over een maand", date(2027, 1, 6)),
        ("volgende week", date(2026, 12, 13)),
        ("12-1", date(2027, 1, 12)),
        ("12/1", date(2027, 1, 12)),
        ("12-1-2027", date(2027, 1, 12)),
        ("2027-02-03", date(2027, 2, 3)),
        ("op 8-12", date(2026, 12, 8)),
    ],
)
def test_dates_relative_to_today(said: str, expected: date) -> None:
    assert parse_date(said, SUNDAY) == expected


@pytest.mark.parametrize("said", ["", "ooit", "31-2", "32 januari", "snel"])
def test_no_date(said: str) -> None:
    assert parse_date(said, SUNDAY) is None


@pytest.mark.parametrize(
    "said", ["misschien 4 januari of 5 januari", "maandag of dinsdag", "Monday or Tuesday"]
)
def test_regression_two_days_named_is_no_date(said: str) -> None:
    """'4 januari of 5 januari' was read as 4 January without a word: two days named are
    asked about again, never one picked silently ('maandag 4 januari' is one day)."""
    assert parse_date(said, SUNDAY) is None
    assert parse_date("maandag 4 januari", SUNDAY) == date(2027, 1, 4)


# --- clock times and durations ------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("om 7 uur", time(7)),
        ("7:30", time(7, 30)),
        ("7.30", time(7, 30)),
        ("19.00", time(19)),
        ("half acht", time(7, 30)),
        ("half 8", time(7, 30)),
        ("kwart voor 8", time(7, 45)),
        ("kwart over 7", time(7, 15)),
        ("7 uur 's avonds", time(19)),
        ("7pm", time(19)),
        ("at 7 am", time(7)),
        ("zeven uur", time(7)),
    ],
)
def test_clock_times(said: str, expected: time) -> None:
    assert parse_clock(said) == expected


@pytest.mark.parametrize("said", ["", "vroeg", "25:00", "7:75"])
def test_no_clock_time(said: str) -> None:
    assert parse_clock(said) is None


@pytest.mark.parametrize(
    ("said", "minutes"),
    [
        ("half uur", 30),
        ("een half uur", 30),
        ("anderhalf uur", 90),
        ("45 min", 45),
        ("45", 45),
        ("1,5 uur", 90),
        ("een uur", 60),
        ("an hour", 60),
        ("2 uur", 120),
        ("drie kwartier", 45),
        ("kwartier", 15),
        ("1 uur en 15 minuten", 75),
        ("half an hour", 30),
        ("an hour and a half", 90),
        ("twintig minuten", 20),
    ],
)
def test_durations_in_minutes(said: str, minutes: int) -> None:
    assert parse_duration(said) == minutes


def test_a_duration_range_is_asked_about() -> None:
    assert parse_duration("20 tot 30 min") == NumberRange(20, 30)


def test_a_bare_number_can_mean_hours() -> None:
    assert parse_duration("2", default_unit="hour") == 120


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("volgende week dinsdag", date(2026, 12, 15)),
        ("dinsdag volgende week", date(2026, 12, 15)),
        ("next week Tuesday", date(2026, 12, 15)),
        ("volgende week maandag", date(2026, 12, 14)),
        ("volgende week", date(2026, 12, 14)),
    ],
)
def test_regression_a_weekday_of_next_week_is_that_day(said: str, expected: date) -> None:
    """'volgende week dinsdag' typed on Monday 7 December became Monday 14 December (seven
    days on, the weekday ignored): a vacancy's first day one day wrong (tester)."""
    assert parse_date(said, date(2026, 12, 7)) == expected


SCALE = {
    "5": ["Heel graag"],
    "4": ["Graag"],
    "3": ["Een beetje"],
    "2": ["Niet zo"],
    "1": ["Helemaal niet"],
}


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("heel graag hoor ik zit al 6 jaar thuis", "5"),
        ("een beetje denk ik, hangt ervan af", "3"),
        ("niet zo graag eigenlijk", "2"),
        ("helemaal niet graag", "1"),
        ("graag of niet zo, weet ik niet", None),
    ],
)
def test_regression_a_label_said_inside_a_longer_answer(said: str, expected: str | None) -> None:
    """'heel graag hoor ik zit al 6 jaar thuis' got "Dat antwoord ken ik niet" though it
    holds the label (tester). One label inside the answer counts; not after a negation, and
    two labels said are asked again."""
    assert match_choice(said, SCALE) == expected
