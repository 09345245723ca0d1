"""The coach's screens in the bot: fetch through the domain read models, render with
`render`, and leave an audit entry for every look at a client's data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from powbot.conversation.context import Ctx
from powbot.domain import alerts as alert_ops
from powbot.domain.aftercare_records import history
from powbot.domain.agenda import agenda
from powbot.domain.caseload import caseload_rows, contact_wish, latest_result, next_checkin
from powbot.domain.coaching import (
    COACH_FLOW,
    active_placements,
    audit,
    audit_many,
    client_of,
    clients,
    display_name,
    fmt_date,
    parse_id,
    push_button,
    today,
)
from powbot.features.aftercare.common import placement_line
from powbot.features.coach import render
from powbot.features.coach import today as today_view
from powbot.knowledge.text import normalise

NAME = COACH_FLOW
HISTORY = 8
NAMED_CLIENT_WORDS = 10  # longer texts that hold a name are about more than that client


async def not_found(ctx: Ctx) -> None:
    ctx.toast = ctx.t("coach.not_found")
    ctx.say(ctx.t("coach.not_found"))


async def caseload(ctx: Ctx) -> None:
    """/clienten: each client with stage, placement, last mood and open alerts."""
    ctx.set_state(None)
    rows = await caseload_rows(ctx, ctx.user)
    if not rows:
        ctx.say(ctx.t("coach.no_clients"), [[push_button(ctx.t("coach.btn_link"), NAME, "link")]])
        return
    shown = [row.seeker.id for row in rows[: render.MAX_LISTED] if row.shares]
    await audit_many(ctx, ctx.user.id, shown, "coach.caseload")
    text, buttons = render.caseload_screen(ctx, ctx.lang, rows)
    ctx.say(text, buttons)


async def show_client(ctx: Ctx, seeker_id: int | None) -> None:
    seeker = await client_of(ctx, ctx.user, seeker_id)
    if seeker is None:
        await not_found(ctx)
        return
    ctx.set_state(None)
    lang = ctx.lang
    name = display_name(ctx, lang, seeker)
    lines = [ctx.t("coach.client_title", name=name)]
    placements = await active_placements(ctx, seeker.id)
    lines += [placement_line(ctx, lang, p) for p in placements] or [ctx.t("coach.no_placement")]
    if seeker.share_with_coach:
        audit(ctx, ctx.user.id, seeker.id, "coach.view_client")
        lines += ["", *render.profile_lines(ctx, lang, await latest_result(ctx, seeker.id))]
        lines += render.contact_lines(ctx, lang, seeker, await contact_wish(ctx, seeker))
        records = await history(ctx, seeker, HISTORY)
        lines += ["", *render.checkin_lines(ctx, lang, records)]
        upcoming = await next_checkin(ctx, seeker.id)
        if upcoming is not None:
            lines.append(ctx.t("coach.next_checkin", date=fmt_date(ctx, upcoming.day)))
    else:
        lines += ["", ctx.t("coach.not_shared", name=name)]
        lines += render.contact_lines(ctx, lang, seeker, None)
    alerts = await alert_ops.open_alerts_of(ctx, ctx.user, seeker)
    ctx.say("\n".join(lines), render.client_buttons(ctx, lang, seeker, alerts, placements))


async def open_named_client(ctx: Ctx, text: str, faq_knows: Callable[[], bool]) -> bool:
    """'hoe gaat het met bram': the one client of this coach whose first name the text
    holds gets their card (True); none or two of that name: False."""
    said = set(normalise(text).split())
    named = [
        seeker
        for seeker in await clients(ctx, ctx.user)
        if seeker.first_name and normalise(seeker.first_name) in said
    ]
    if len(named) != 1 or len(said) > NAMED_CLIENT_WORDS or faq_knows():
        return False
    await show_client(ctx, named[0].id)
    return True


async def show_alert(ctx: Ctx, arg: Any, prefix: str | None = None) -> None:
    found = await alert_ops.own_alert(ctx, ctx.user, parse_id(arg))
    if found is None:
        await not_found(ctx)
        return
    alert, seeker = found
    assert alert.id is not None
    ctx.set_state(None)
    audit(ctx, ctx.user.id, seeker.id, "coach.view_alert")
    checkin = await alert_ops.checkin_of(ctx, alert)
    notes = await alert_ops.notes_of(ctx, [alert.id])
    text, buttons = render.alert_screen(ctx, ctx.lang, alert, seeker, checkin, notes)
    ctx.say(f"{prefix}\n\n{text}" if prefix else text, buttons)


async def show_today(ctx: Ctx) -> None:
    ctx.set_state(None)
    plan = await agenda(ctx, ctx.user)
    title = ctx.t("coach.today_title", date=fmt_date(ctx, today(ctx)))
    if plan.empty:
        ctx.say(
            title + "\n\n" + ctx.t("coach.today_nothing"),
            [[push_button(ctx.t("coach.btn_all_clients"), NAME, "list")]],
        )
        return
    await audit_many(ctx, ctx.user.id, sorted(plan.subjects), "coach.today")
    rows = today_view.agenda_buttons(ctx, ctx.lang, plan)
    rows.append([push_button(ctx.t("coach.btn_all_clients"), NAME, "list")])
    ctx.say(title + "\n\n" + "\n".join(today_view.agenda_lines(ctx, ctx.lang, plan)), rows)
