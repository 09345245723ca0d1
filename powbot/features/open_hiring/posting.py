"""Posting a vacancy, one question at a time: the fields, what is accepted for each, and
the draft they make. Also used to edit one field of a draft or an open vacancy.

Known answers are not asked again: the organisation comes from the profile (or the
call-back form), the town from an address that ends in one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from powbot.conversation.context import Ctx
from powbot.conversation.parse import parse_yes_no
from powbot.domain.open_hiring_employer import approved_profile, known_organisation
from powbot.domain.open_hiring_offers import fmt_date, vacancy_card
from powbot.features.open_hiring.parsing import (
    parse_contact,
    parse_hours,
    parse_pay,
    parse_start,
    parse_time,
    town_from_address,
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
TEXT_LIMITS = {
    "title": (3, 120),
    "description": (15, 500),
    "workplace": (2, 120),
    "city": (2, 80),
    "shifts": (2, 200),
    "bring": (2, 200),
    "org": (2, 120),
}
HOURS = (1, 60)
PLACES = (1, 500)
CUSTOM_LIMITS = (5, 200)


def field_prompt(ctx: Ctx, step: str) -> str:
    if step == "hours":
        return ctx.t("open_hiring.ask_hours", min=HOURS[0], max=HOURS[1])
    if step == "places":
        return ctx.t("open_hiring.ask_places", min=PLACES[0], max=PLACES[1])
    return ctx.t(f"open_hiring.ask_{step}")


def field_buttons(ctx: Ctx, step: str) -> list[list[Any]]:
    if step == "bring":
        return [[ctx.button(ctx.t("open_hiring.skip"), NAME, "skip")]]
    if step == "travel":
        return [
            [
                ctx.button(ctx.t("common.yes"), NAME, "travel", "1"),
                ctx.button(ctx.t("common.no"), NAME, "travel", "0"),
            ],
            [ctx.button(ctx.t("open_hiring.skip"), NAME, "skip")],
        ]
    return []


async def ask_field(ctx: Ctx, note: str | None = None) -> None:
    step = ctx.user.step or "title"
    editing = ctx.user.flow_data.get("edit")
    parts = [note] if note else []
    if editing:
        parts.append(ctx.t("open_hiring.edit_prefix"))
    parts.append(field_prompt(ctx, step))
    ctx.say("\n".join(parts), field_buttons(ctx, step))


def _text(ctx: Ctx, step: str, value: str) -> tuple[Any, str | None]:
    low, high = TEXT_LIMITS[step]
    if not low <= len(value) <= high:
        key = "open_hiring.bad_description" if step == "description" else "open_hiring.bad_length"
        return None, ctx.t(key, min=low, max=high)
    return value, None


def _hours(ctx: Ctx, value: str) -> tuple[Any, str | None]:
    found = parse_hours(value)
    low, high = HOURS
    if found is None or not (low <= found[0] <= found[1] <= high):
        return None, ctx.t("open_hiring.bad_hours", min=low, max=high)
    return list(found), None


def _places(ctx: Ctx, value: str) -> tuple[Any, str | None]:
    found = parse_hours(value)  # a plain whole number; a range is refused
    low, high = PLACES
    if found is None or found[0] != found[1] or not low <= found[0] <= high:
        return None, ctx.t("open_hiring.bad_number", min=low, max=high)
    return found[0], None


def _pay(ctx: Ctx, value: str) -> tuple[Any, str | None]:
    found = parse_pay(value)
    if found is None:
        return None, ctx.t("open_hiring.bad_pay")
    cents, scale = found
    minimum = ctx.content.open_hiring.minimum_wage_cents(ctx.local(ctx.now).date())
    if cents is not None and cents < minimum:
        euros, rest = divmod(minimum, 100)
        return None, ctx.t("open_hiring.below_minimum_wage", minimum=f"{euros},{rest:02d}")
    return [cents, scale], None


def _start(ctx: Ctx, value: str) -> tuple[Any, str | None]:
    day = parse_start(value, ctx.local(ctx.now).date())
    if day is None:
        return None, ctx.t("open_hiring.bad_date")
    return day.isoformat(), None


def _start_time(ctx: Ctx, value: str) -> tuple[Any, str | None]:
    found = parse_time(value)
    return (found, None) if found else (None, ctx.t("open_hiring.bad_time"))


def _contact(ctx: Ctx, value: str) -> tuple[Any, str | None]:
    found = parse_contact(value)
    return (list(found), None) if found else (None, ctx.t("open_hiring.bad_contact"))


def _travel(ctx: Ctx, value: str) -> tuple[Any, str | None]:
    answer = parse_yes_no(value)
    return (answer, None) if answer is not None else (None, ctx.t("common.choose_a_button"))


PARSERS = {
    "hours": _hours,
    "places": _places,
    "pay": _pay,
    "start": _start,
    "start_time": _start_time,
    "contact": _contact,
    "travel": _travel,
}


def parse_field(ctx: Ctx, step: str, text: str) -> tuple[Any, str | None]:
    """The value for a step, or (None, error text)."""
    value = " ".join(text.split())
    if step in TEXT_LIMITS:
        return _text(ctx, step, value)
    parser = PARSERS.get(step)
    if parser is None:
        return None, ctx.t("common.choose_a_button")
    return parser(ctx, value)


def apply_field(vacancy: Vacancy, step: str, value: Any) -> None:
    """Store a parsed value (as `parse_field` gives it) on the vacancy."""
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
        vacancy.travel_paid = value
    elif step == "org":
        vacancy.organisation = value
    else:
        setattr(vacancy, step, value)


def next_step(ctx: Ctx, step: str, value: Any, draft: dict[str, Any]) -> tuple[str | None, str]:
    """The step after `step` in a new vacancy, and a note about what was understood."""
    position = FIELDS.index(step) + 1
    note = ""
    if step == "workplace":
        town = town_from_address(value)
        if town is not None:
            draft["city"] = town
            position += 1
            note = ctx.t("open_hiring.town_from_address", city=town)
    elif step == "hours" and value[0] != value[1]:
        note = ctx.t("open_hiring.hours_range_noted", low=value[0], high=value[1])
    elif step == "start":
        note = ctx.t("open_hiring.start_noted", date=fmt_date(ctx, date.fromisoformat(value)))
    return (FIELDS[position] if position < len(FIELDS) else None), note


def draft_vacancy(ctx: Ctx, organisation: str) -> Vacancy | None:
    """The vacancy the collected answers make; None when an answer is missing."""
    data = ctx.user.flow_data
    draft = data.get("d", {})
    if any(field not in draft for field in FIELDS if field not in OPTIONAL):
        return None
    vacancy = Vacancy(
        employer_id=ctx.user.id,
        organisation=organisation,
        title=draft["title"],
        start_date=date.fromisoformat(draft["start"]),
        questions=[q.id for q in ctx.content.open_hiring.ordered(data.get("sel", []))],
        custom_questions=list(data.get("custom", [])),
        custom_questions_en=list(data.get("custom_en", [])),
        status="draft",
        created_at=ctx.now,
    )
    for field in FIELDS:
        if field in draft and field not in ("title", "start"):
            apply_field(vacancy, field, draft[field])
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
    for index, text in enumerate(vacancy.custom_questions):
        translated = english[index] if index < len(english) else ""
        questions.append(f"{text} / {translated}" if translated else text)
    lines += [f"• {text}" for text in questions] or [ctx.t("open_hiring.no_questions")]
    return "\n".join(lines)


async def start_posting(ctx: Ctx) -> None:
    """A new vacancy: the organisation only when we do not know it yet."""
    profile = await approved_profile(ctx, ctx.user)
    if profile is None:
        return
    organisation = await known_organisation(ctx, profile)
    if not organisation:
        ctx.set_state(NAME, "org", d={})
        ctx.say(ctx.t("open_hiring.ask_org"))
        return
    ctx.set_state(NAME, "title", d={})
    ctx.say(ctx.t("open_hiring.new_intro", organisation=organisation))
    await ask_field(ctx)


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
