"""What a coach does from the bot: act on an alert, add a note, message a client. Each
is the domain operation (the same the web page calls) plus the bot's answer."""

from __future__ import annotations

from powbot.conversation.context import Ctx
from powbot.domain import alerts as alert_ops
from powbot.domain.alerts import AlertAction
from powbot.domain.coaching import (
    COACH_FLOW,
    MAX_MESSAGE,
    MAX_NOTE,
    client_of,
    display_name,
    parse_id,
    push_button,
    send_to_client,
)
from powbot.features.aftercare.common import back_to_menu
from powbot.features.coach.screens import not_found, show_alert

NAME = COACH_FLOW
# Button action -> (domain action, confirmation text key)
ALERT_BUTTONS = {
    "ac": (AlertAction.CONTACTED, "coach.marked_contacted"),
    "ax": (AlertAction.CLOSE, "coach.marked_closed"),
    "az": (AlertAction.SNOOZE, "coach.marked_snoozed"),
}


async def alert_action(ctx: Ctx, action: str, arg: str) -> None:
    found = await alert_ops.own_alert(ctx, ctx.user, parse_id(arg))
    if found is None:
        await not_found(ctx)
        return
    alert, _ = found
    assert alert.id is not None
    if action == "an":
        ctx.set_state(NAME, "note", alert=alert.id)
        ask_note(ctx)
        return
    operation, done_key = ALERT_BUTTONS[action]
    if operation is AlertAction.CONTACTED and alert.status == "contacted":
        await show_alert(ctx, alert.id, ctx.t("coach.already_contacted"))
        return
    if not await alert_ops.apply(ctx, ctx.user, alert, operation):
        await show_alert(ctx, alert.id, ctx.t("coach.alert_already_closed"))
        return
    await show_alert(ctx, alert.id, ctx.t(done_key))


def ask_note(ctx: Ctx) -> None:
    ctx.say(
        ctx.t("coach.note_prompt", max=MAX_NOTE),
        [[ctx.button(ctx.t("coach.btn_cancel"), NAME, "cancel")]],
    )


async def save_note(ctx: Ctx, text: str) -> None:
    found = await alert_ops.own_alert(ctx, ctx.user, parse_id(ctx.user.flow_data.get("alert")))
    if found is None:
        await not_found(ctx)
        await back_to_menu(ctx, "menu.title")
        return
    alert, seeker = found
    if await alert_ops.add_note(ctx, ctx.user, alert, seeker, text) is None:
        ctx.say(ctx.t("coach.note_too_long", max=MAX_NOTE))
        return
    await show_alert(ctx, alert.id, ctx.t("coach.note_saved"))


async def start_message(ctx: Ctx, seeker_id: int | None) -> None:
    seeker = await client_of(ctx, ctx.user, seeker_id)
    if seeker is None:
        await not_found(ctx)
        return
    ctx.set_state(NAME, "msg", client=seeker.id)
    ctx.say(
        ctx.t("coach.message_prompt", name=display_name(ctx, ctx.lang, seeker), max=MAX_MESSAGE),
        [[ctx.button(ctx.t("coach.btn_cancel"), NAME, "cancel")]],
    )


async def send_message(ctx: Ctx, text: str) -> None:
    seeker = await client_of(ctx, ctx.user, parse_id(ctx.user.flow_data.get("client")))
    if seeker is None:
        await not_found(ctx)
        await back_to_menu(ctx, "menu.title")
        return
    if await send_to_client(ctx, ctx.user, seeker, text) is None:
        ctx.say(ctx.t("coach.message_too_long", max=MAX_MESSAGE))
        return
    key = "coach.message_sent_later" if ctx.in_quiet_hours(ctx.now) else "coach.message_sent"
    ctx.set_state(None)
    ctx.say(
        ctx.t(key, name=display_name(ctx, ctx.lang, seeker), time=ctx.settings.quiet_end),
        [[push_button(ctx.t("coach.btn_client"), NAME, "c", str(seeker.id))]],
    )
