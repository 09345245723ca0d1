"""Routes a user's text or button press to the conversation it belongs to. Free text goes
through the understanding pipeline (safety first; see features/understanding/pipeline.py)."""

from __future__ import annotations

from powbot.conversation.context import Ctx
from powbot.conversation.registry import FLOWS
from powbot.domain.messages import Callback
from powbot.domain.text import clean_text
from powbot.features.understanding import pipeline, steps

allowed = steps.allowed
resume = steps.resume


async def handle_text(ctx: Ctx, text: str) -> None:
    await pipeline.handle_text(ctx, text)


async def handle_caption(ctx: Ctx, caption: str) -> None:
    """A photo, video or file with words: the bot cannot look at it, but the words are read
    like a typed message (a crisis said in a caption gets help like any other)."""
    ctx.say(ctx.t("common.caption_read"))
    await pipeline.handle_text(ctx, clean_text(caption))


async def handle_edit(ctx: Ctx, text: str) -> None:
    """An edited message is not taken as a new answer, but it still passes safety: danger
    added in an edit gets help at once."""
    said = len(ctx.replies)
    await pipeline.safety_only(ctx, clean_text(text))
    if len(ctx.replies) == said:
        ctx.say(ctx.t("common.edited"))


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
