"""Posting a vacancy: the fields, each declared once as a form step (its question, what is
accepted, a note about what was understood), and the draft they make. The same steps are
asked on their own to change one field of a draft or an open vacancy, and read what the
employer types at the preview ("Loon: 15,50").

Known answers are not asked again: the organisation comes from the profile (or the
call-back form), the town from an address that ends in one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from powbot.conversation.context import Ctx
from powbot.conversation.form import SKIPPED, Choice, Parsed, Parser, Step
from powbot.conversation.parse import number_stands_alone, parse_yes_no
from powbot.domain.open_hiring_employer import approved_profile
from powbot.domain.open_hiring_offers import fmt_date, vacancy_card
from powbot.features.open_hiring.parsing import (
    parse_contact,
    parse_hours,
    parse_pay,
    parse_start,
    parse_time,
    town_from_address,
    town_name,
)
from powbot.knowledge.text import normalise
from powbot.storage.models_open_hiring import Vacancy

NAME = "vacancy"
# The guided steps, in order. "bring" and "travel" may be skipped.
FIELDS = (
    "title",
    "description",
    "workplace",
    "city",
    "hours",
    "shifts",
    "pay",
    "places",
    "start",
    "start_time",
    "contact",
    "bring",
    "travel",
)
OPTIONAL = ("bring", "travel")
HOURS = (1, 60)
PLACES = (1, 500)
CUSTOM_LIMITS = (5, 200)


# --- what is accepted for each field ------------------------------------------------------


def text(low: int, high: int, problem: str = "open_hiring.bad_length") -> Parser:
    """Free text of low..high characters, spaces tidied."""

    def parse(ctx: Ctx, typed: str) -> Parsed:
        value = " ".join(typed.split())
        if not low <= len(value) <= high:
            return Parsed(error=problem, values={"min": low, "max": high})
        return Parsed(value=value)

    return parse


def a_name(low: int) -> Parser:
    """A name (organisation, job title), not a question: 'wat is loonkostensubsidie?' typed
    at the first step became the organisation's name (tester); the question is answered
    aside and the step comes back."""
    plain = text(low, 120)

    def parse(ctx: Ctx, typed: str) -> Parsed:
        if typed.rstrip().endswith("?"):
            return Parsed(error="open_hiring.question_not_understood")
        return plain(ctx, typed)

    return parse


def _tidy(parse: Callable[[Ctx, str], Parsed]) -> Parser:
    return lambda ctx, typed: parse(ctx, " ".join(typed.split()))


def _city(ctx: Ctx, typed: str) -> Parsed:
    parsed = text(2, 80)(ctx, typed)
    return Parsed(value=town_name(parsed.value)) if parsed.error is None else parsed


@_tidy
def _workplace(ctx: Ctx, value: str) -> Parsed:
    """An address, not the hours or a number typed a step early ('20 tot 24 uur')."""
    if number_stands_alone(value):
        return Parsed(error="open_hiring.bad_workplace")
    return text(2, 120)(ctx, value)


@_tidy
def _hours(ctx: Ctx, value: str) -> Parsed:
    found = parse_hours(value)
    low, high = HOURS
    if found is None or not (low <= found[0] <= found[1] <= high):
        return Parsed(error="open_hiring.bad_hours", values={"min": low, "max": high})
    if not number_stands_alone(value):  # 'Stationsstraat 1, Utrecht' is not 1 hour
        shown = str(found[0]) if found[0] == found[1] else f"{found[0]}–{found[1]}"
        return Parsed(
            value=list(found), confirm="open_hiring.confirm_hours", values={"hours": shown}
        )
    return Parsed(value=list(found))


@_tidy
def _places(ctx: Ctx, value: str) -> Parsed:
    found = parse_hours(value)  # a plain whole number; a range is refused
    low, high = PLACES
    if found is None or found[0] != found[1] or not low <= found[0] <= high:
        return Parsed(error="open_hiring.bad_number", values={"min": low, "max": high})
    if not number_stands_alone(value):
        return Parsed(
            value=found[0], confirm="open_hiring.confirm_places", values={"places": found[0]}
        )
    return Parsed(value=found[0])


@_tidy
def _pay(ctx: Ctx, value: str) -> Parsed:
    minimum = ctx.content.open_hiring.minimum_wage_cents(ctx.local(ctx.now).date())
    named = {normalise(w) for lang in ("nl", "en") for w in _minimum_wage_words(ctx, lang)}
    if normalise(value) in named:  # 'minimumloon', 'minimum wage': today's statutory wage
        return Parsed(value=[minimum, ""])
    found = parse_pay(value)
    if found is None:
        return Parsed(error="open_hiring.bad_pay")
    cents, scale = found
    if cents is not None and cents < minimum:
        euros, rest = divmod(minimum, 100)
        return Parsed(
            error="open_hiring.below_minimum_wage", values={"minimum": f"{euros},{rest:02d}"}
        )
    return Parsed(value=[cents, scale])


def _minimum_wage_words(ctx: Ctx, lang: str) -> list[str]:
    return ctx.text(lang, "open_hiring.minimum_wage_words").split(",")


@_tidy
def _start(ctx: Ctx, value: str) -> Parsed:
    day = parse_start(value, ctx.local(ctx.now).date())
    return Parsed(value=day.isoformat()) if day else Parsed(error="open_hiring.bad_date")


@_tidy
def _start_time(ctx: Ctx, value: str) -> Parsed:
    found = parse_time(value)
    return Parsed(value=found) if found else Parsed(error="open_hiring.bad_time")


@_tidy
def _contact(ctx: Ctx, value: str) -> Parsed:
    found = parse_contact(value)
    return Parsed(value=list(found)) if found else Parsed(error="open_hiring.bad_contact")


def _travel(ctx: Ctx, value: str) -> Parsed:
    answer = parse_yes_no(value)
    if answer is None:
        return Parsed(error="common.choose_a_button")
    return Parsed(value="1" if answer else "0")


# --- what an answer tells besides itself --------------------------------------------------


async def _org_saved(ctx: Ctx, value: Any, answers: dict[str, Any]) -> str | None:
    """The organisation is the profile's from now on; the posting starts properly."""
    profile = await approved_profile(ctx, ctx.user)
    if profile is not None:
        profile.organisation = value
    return ctx.t("open_hiring.new_intro", organisation=value)


async def _town_noted(ctx: Ctx, value: Any, answers: dict[str, Any]) -> str | None:
    town = town_from_address(value)
    if town is None:
        return None
    answers["city"] = town
    return ctx.t("open_hiring.town_from_address", city=town)


async def _hours_noted(ctx: Ctx, value: Any, answers: dict[str, Any]) -> str | None:
    if value[0] == value[1]:
        return None
    return ctx.t("open_hiring.hours_range_noted", low=value[0], high=value[1])


async def _start_noted(ctx: Ctx, value: Any, answers: dict[str, Any]) -> str | None:
    return ctx.t("open_hiring.start_noted", date=fmt_date(ctx, date.fromisoformat(value)))


def _after_workplace(answers: Any) -> str:
    return "hours" if town_from_address(answers["workplace"]) else "city"


FIELD_STEPS = (
    Step("org", "open_hiring.ask_org", parse=a_name(2), after=_org_saved, next="title"),
    Step("title", "open_hiring.ask_title", parse=a_name(3), next="description", about_work=True),
    Step(
        "description",
        "open_hiring.ask_description",
        parse=text(15, 500, "open_hiring.bad_description"),
        about_work=True,
        next="workplace",
    ),
    Step(
        "workplace",
        "open_hiring.ask_workplace",
        parse=_workplace,
        after=_town_noted,
        next=_after_workplace,
        goes_to=("city", "hours"),
    ),
    Step("city", "open_hiring.ask_city", parse=_city, next="hours"),
    Step(
        "hours",
        "open_hiring.ask_hours",
        parse=_hours,
        after=_hours_noted,
        takes_number=True,
        values=lambda ctx: {"min": HOURS[0], "max": HOURS[1]},
        next="shifts",
    ),
    Step("shifts", "open_hiring.ask_shifts", parse=text(2, 200), next="pay"),
    Step("pay", "open_hiring.ask_pay", parse=_pay, takes_number=True, next="places"),
    Step(
        "places",
        "open_hiring.ask_places",
        parse=_places,
        takes_number=True,
        values=lambda ctx: {"min": PLACES[0], "max": PLACES[1]},
        next="start",
    ),
    Step("start", "open_hiring.ask_start", parse=_start, after=_start_noted, next="start_time"),
    Step(
        "start_time",
        "open_hiring.ask_start_time",
        parse=_start_time,
        takes_number=True,
        next="contact",
    ),
    Step("contact", "open_hiring.ask_contact", parse=_contact, next="bring"),
    Step(
        "bring",
        "open_hiring.ask_bring",
        parse=text(2, 200),
        skip=True,
        skip_label="open_hiring.skip",
        next="travel",
    ),
    Step(
        "travel",
        "open_hiring.ask_travel",
        parse=_travel,
        choices=(Choice("1", "common.yes"), Choice("0", "common.no")),
        skip=True,
        skip_label="open_hiring.skip",
        next="questions",
    ),
)
PARSERS: dict[str, Parser] = {step.id: step.parse for step in FIELD_STEPS if step.parse is not None}


# --- the vacancy the answers make -----------------------------------------------------------


def apply_field(vacancy: Vacancy, step: str, value: Any) -> None:
    """Store an answer (as the step's parser gives it, or skipped) on the vacancy."""
    if step == "start":
        vacancy.start_date = date.fromisoformat(value)
    elif step == "hours":
        vacancy.hours_per_week, vacancy.hours_max = value[0], value[1]
    elif step == "city":
        vacancy.city = value
        vacancy.city_key = normalise(value)[:40]
    elif step == "pay":
        vacancy.pay_cents, vacancy.pay_scale = value[0], value[1]
    elif step == "contact":
        vacancy.contact_name, vacancy.contact_phone = value[0], value[1]
    elif step == "travel":
        vacancy.travel_paid = None if value == SKIPPED else value in ("1", True)
    elif step == "org":
        vacancy.organisation = value
    else:
        setattr(vacancy, step, "" if value == SKIPPED else value)


def draft_vacancy(ctx: Ctx, answers: dict[str, Any], organisation: str) -> Vacancy | None:
    """The vacancy the collected answers make; None when an answer is missing."""
    if any(field not in answers for field in FIELDS if field not in OPTIONAL):
        return None
    vacancy = Vacancy(
        employer_id=ctx.user.id,
        organisation=organisation,
        title=answers["title"],
        start_date=date.fromisoformat(answers["start"]),
        questions=[q.id for q in ctx.content.open_hiring.ordered(answers.get("questions", []))],
        custom_questions=list(answers.get("own", [])),
        custom_questions_en=list(answers.get("own_en", [])),
        status="draft",
        created_at=ctx.now,
    )
    for field in FIELDS:
        if field in answers and field not in ("title", "start"):
            apply_field(vacancy, field, answers[field])
    return vacancy


def card(ctx: Ctx, vacancy: Vacancy) -> str:
    """The vacancy as the employer sees it, with the questions and the first-day details."""
    lines = [vacancy_card(ctx, ctx.lang, vacancy), ""]
    first_day = [
        ctx.t("open_hiring.card_start_time", time=vacancy.start_time or "-"),
        ctx.t(
            "open_hiring.card_contact",
            name=vacancy.contact_name or "-",
            phone=vacancy.contact_phone or "-",
        ),
        ctx.t("open_hiring.card_bring", bring=vacancy.bring or "-"),
    ]
    lines += first_day
    lines += ["", ctx.t("open_hiring.questions_heading")]
    questions = [q.label.get(ctx.lang) for q in ctx.content.open_hiring.ordered(vacancy.questions)]
    english = list(vacancy.custom_questions_en or [])
    for index, typed in enumerate(vacancy.custom_questions):
        translated = english[index] if index < len(english) else ""
        questions.append(f"{typed} / {translated}" if translated else typed)
    lines += [f"• {typed}" for typed in questions] or [ctx.t("open_hiring.no_questions")]
    return "\n".join(lines)


async def preview(ctx: Ctx, vacancy: Vacancy) -> None:
    ctx.set_state(NAME, "preview", vid=vacancy.id)
    ctx.say(
        ctx.t("open_hiring.preview_title") + "\n\n" + card(ctx, vacancy),
        [
            [ctx.button(ctx.t("open_hiring.publish"), NAME, "pub", str(vacancy.id))],
            [ctx.button(ctx.t("open_hiring.edit"), NAME, "edit", str(vacancy.id))],
            [ctx.button(ctx.t("open_hiring.discard"), NAME, "discard", str(vacancy.id))],
        ],
    )
