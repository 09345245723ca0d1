"""Routes a user's text or button press to the conversation it belongs to."""

from __future__ import annotations

from powbot.conversation.context import Ctx
from powbot.conversation.registry import FLOWS, FREE_TEXT
from powbot.domain.messages import Callback
from powbot.features.menu import show_menu
from powbot.features.onboarding import flow as onboarding


def allowed(ctx: Ctx, flow_name: str | None) -> bool:
    flow = FLOWS.get(flow_name or "")
    return flow is not None and ctx.user.role in flow.roles


async def handle_text(ctx: Ctx, text: str) -> None:
    if ctx.user.flow and allowed(ctx, ctx.user.flow):
        await FLOWS[ctx.user.flow].on_text(ctx, text)
        return
    if ctx.user.language is None or ctx.user.role is None:
        await onboarding.start(ctx)
        return
    ctx.set_state(None)
    free_text = FREE_TEXT.get(ctx.user.role)
    if free_text is not None:
        await free_text(ctx, text)
        return
    await show_menu(ctx, "common.not_understood")


async def handle_button(ctx: Ctx, data: str | None) -> bool:
    """Returns True when the press belonged to the current step (its message may be tidied)."""
    callback = Callback.decode(data)
    if callback is None or not allowed(ctx, callback.flow):
        # Not ours, or not for this role: a neutral answer that reveals nothing.
        ctx.toast = ctx.t("common.button_unknown")
        return False
    unbound = getattr(FLOWS[callback.flow], "unbound_actions", None)
    if callback.screen is None and unbound is not None and callback.action not in unbound:
        # This flow only makes step-bound buttons: an unbound one was not made by us.
        ctx.toast = ctx.t("common.button_unknown")
        return False
    if callback.screen is not None and (
        callback.screen != ctx.user.screen or callback.flow != ctx.user.flow
    ):
        ctx.toast = ctx.t("common.button_unknown")
        ctx.say(ctx.t("common.moved_on"))
        await resume(ctx)
        return False
    await FLOWS[callback.flow].on_button(ctx, callback)
    return callback.screen is not None


async def resume(ctx: Ctx) -> None:
    """Show the user where they are: the current step, or the menu."""
    if ctx.user.flow and allowed(ctx, ctx.user.flow):
        await FLOWS[ctx.user.flow].resume(ctx)
    elif ctx.user.language is None or ctx.user.role is None:
        await onboarding.start(ctx)
    else:
        ctx.set_state(None)
        await show_menu(ctx)
