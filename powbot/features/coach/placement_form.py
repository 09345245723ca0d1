"""Registering a placement for a client (employer, job title, start, hours, confirm) and
ending one. Creating it starts aftercare through the domain's placement events."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from powbot.conversation.context import Ctx
from powbot.domain.caseload import count_scheduled
from powbot.domain.coaching import (
    COACH_FLOW,
    client_of,
    display_name,
    fmt_date,
    own_active_placement,
    parse_id,
    today,
)
from powbot.domain.messages import Button
from powbot.domain.placements import create_placement, end_placement
from powbot.features.aftercare.common import back_to_menu
from powbot.features.aftercare.flow import KIND_CHECKIN, placement_ref
from powbot.features.coach.screens import not_found, show_client
from powbot.knowledge.text import normalise, parse_int, parse_yes_no

NAME = COACH_FLOW
STEPS = ("p_employer", "p_title", "p_start", "p_hours", "p_confirm")
END_REASONS = ("job_ended", "changed_job")
DATE_PATTERNS = (
    re.compile(r"^(?P<d>\d{1,2})[-/. ](?P<m>\d{1,2})[-/. ](?P<y>\d{4})$"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<d>\d{1,2})[-/. ](?P<m>\d{1,2})$"),
)
TODAY_WORDS = {"vandaag", "today"}
TOMORROW_WORDS = {"morgen", "tomorrow"}


def parse_date(text: str, reference: date) -> date | None:
    """'12-3-2026', '12/03', '2026-03-12', 'vandaag', 'morgen'."""
    word = normalise(text)
    if word in TODAY_WORDS:
        return reference
    if word in TOMORROW_WORDS:
        return reference + timedelta(days=1)
    stripped = text.strip()
    for pattern in DATE_PATTERNS:
        match = pattern.match(stripped)
        if match:
            parts = match.groupdict()
            try:
                return date(int(parts.get("y") or reference.year), int(parts["m"]), int(parts["d"]))
            except ValueError:
                return None
    return None


def cancel_row(ctx: Ctx) -> list[Button]:
    return [ctx.button(ctx.t("coach.btn_cancel"), NAME, "cancel")]


async def start(ctx: Ctx, seeker_id: int | None) -> None:
    seeker = await client_of(ctx, ctx.user, seeker_id)
    if seeker is None:
        await not_found(ctx)
        return
    ctx.set_state(NAME, "p_employer", client=seeker.id)
    await ask_step(ctx)


def _step_screen(ctx: Ctx, name: str) -> tuple[str, list[list[Button]]]:
    step = ctx.user.step
    data = ctx.user.flow_data
    if step == "p_employer":
        return ctx.t("coach.ask_employer", name=name), [cancel_row(ctx)]
    if step == "p_title":
        return ctx.t("coach.ask_title"), [cancel_row(ctx)]
    if step == "p_start":
        dates = [
            ctx.button(ctx.t("coach.btn_today_date"), NAME, "sd", "0"),
            ctx.button(ctx.t("coach.btn_tomorrow_date"), NAME, "sd", "1"),
        ]
        return ctx.t("coach.ask_start"), [dates, cancel_row(ctx)]
    if step == "p_hours":
        skip = [ctx.button(ctx.t("coach.btn_skip"), NAME, "hs")]
        return ctx.t("coach.ask_hours"), [skip, cancel_row(ctx)]
    hours = data.get("hours")
    text = ctx.t(
        "coach.confirm_placement",
        name=name,
        employer=data.get("employer", ""),
        title=data.get("title", ""),
        date=fmt_date(ctx, date.fromisoformat(data["start"])),
        hours=hours if hours else ctx.t("coach.hours_unknown"),
    )
    answers = [
        ctx.button(ctx.t("coach.btn_confirm"), NAME, "pc", "yes"),
        ctx.button(ctx.t("coach.btn_cancel"), NAME, "pc", "no"),
    ]
    return text, [answers]


async def ask_step(ctx: Ctx, prefix: str | None = None) -> None:
    seeker = await client_of(ctx, ctx.user, parse_id(ctx.user.flow_data.get("client")))
    if seeker is None:
        await not_found(ctx)
        await back_to_menu(ctx, "menu.title")
        return
    text, rows = _step_screen(ctx, display_name(ctx, ctx.lang, seeker))
    ctx.say(f"{prefix}\n\n{text}" if prefix else text, rows)


def _text_step(ctx: Ctx, value: str) -> str | None:
    """Store a typed answer and move on; the error text key when it is not understood."""
    step = ctx.user.step
    if step in ("p_employer", "p_title"):
        if not 2 <= len(value) <= 120:
            return ctx.t("coach.length_between", min=2, max=120)
        if step == "p_employer":
            ctx.update_state("p_title", employer=value)
        else:
            ctx.update_state("p_start", title=value)
    elif step == "p_start":
        first = today(ctx)
        start_date = parse_date(value, first)
        if start_date is None or not (
            first - timedelta(days=180) <= start_date <= first + timedelta(days=365)
        ):
            return ctx.t("coach.date_not_understood")
        ctx.update_state("p_hours", start=start_date.isoformat())
    elif step == "p_hours":
        hours = parse_int(value)
        if hours is None or not 1 <= hours <= 60:
            return ctx.t("coach.hours_not_understood")
        ctx.update_state("p_confirm", hours=hours)
    return None


async def on_text(ctx: Ctx, text: str) -> None:
    value = text.strip()
    if ctx.user.step == "p_confirm":
        answer = parse_yes_no(value)
        if answer is None:
            await ask_step(ctx, ctx.t("common.choose_a_button"))
            return
        await confirm(ctx, answer)
        return
    error = _text_step(ctx, value)
    await ask_step(ctx, error)


async def pick_start(ctx: Ctx, days: int) -> None:
    ctx.update_state("p_hours", start=(today(ctx) + timedelta(days=days)).isoformat())
    await ask_step(ctx)


async def skip_hours(ctx: Ctx) -> None:
    ctx.update_state("p_confirm", hours=None)
    await ask_step(ctx)


async def confirm(ctx: Ctx, yes: bool) -> None:
    data = ctx.user.flow_data
    seeker = await client_of(ctx, ctx.user, parse_id(data.get("client")))
    if not yes or seeker is None:
        await back_to_menu(ctx, "coach.placement_cancelled")
        return
    placement = await create_placement(
        ctx,
        seeker_id=seeker.id,
        employer_name=data["employer"],
        job_title=data["title"],
        start_date=date.fromisoformat(data["start"]),
        source="coach",
        hours_per_week=data.get("hours"),
    )
    assert placement.id is not None
    planned = await count_scheduled(ctx, placement_ref(placement.id), KIND_CHECKIN)
    ctx.set_state(None)
    ctx.say(
        ctx.t("coach.placement_created", name=display_name(ctx, ctx.lang, seeker), count=planned)
    )
    await show_client(ctx, seeker.id)


async def ask_end(ctx: Ctx, arg: Any) -> None:
    found = await own_active_placement(ctx, ctx.user, parse_id(arg))
    if found is None:
        await not_found(ctx)
        return
    placement, seeker = found
    ctx.set_state(NAME, "p_end", placement=placement.id)
    reasons = [
        [ctx.button(ctx.t(f"coach.end_reason_{reason}"), NAME, "pw", reason)]
        for reason in END_REASONS
    ]
    ctx.say(
        ctx.t(
            "coach.end_why",
            name=display_name(ctx, ctx.lang, seeker),
            title=placement.job_title,
            employer=placement.employer_name,
        ),
        [*reasons, cancel_row(ctx)],
    )


async def end(ctx: Ctx, reason: str) -> None:
    found = await own_active_placement(ctx, ctx.user, parse_id(ctx.user.flow_data.get("placement")))
    if found is None or reason not in END_REASONS:
        await not_found(ctx)
        await back_to_menu(ctx, "menu.title")
        return
    placement, seeker = found
    await end_placement(ctx, placement, reason)
    ctx.set_state(None)
    ctx.say(ctx.t("coach.placement_ended_done", name=display_name(ctx, ctx.lang, seeker)))
    await show_client(ctx, seeker.id)
