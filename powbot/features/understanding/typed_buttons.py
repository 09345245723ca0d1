"""A button's words typed instead of pressing it: 'plaatsen' under a vacancy's preview,
'bericht sturen' on a client's card. Forms and the questionnaire read their own labels; the
other screens answered "Kies een knop" and showed themselves again (tester). When a step did
not understand a text, the step is drawn once more, out of sight, and a button whose label
the text names is pressed. Nothing of that drawing stays when none is named."""

from __future__ import annotations

from powbot.conversation.context import Ctx
from powbot.conversation.parse import match_choice
from powbot.conversation.registry import FLOWS
from powbot.domain.messages import Callback
from powbot.features.understanding.steps import current_flow, resume


async def press_typed_label(ctx: Ctx, text: str) -> bool:
    """True when the text named a button of the current step and that button was pressed."""
    if current_flow(ctx) is None or text.strip().isdigit():
        return False  # a number is a step's own answer, never a button by position
    user = ctx.user
    before = (user.flow, user.step, dict(user.flow_data), user.screen)
    drawn_from = len(ctx.replies)
    await resume(ctx)
    drawn = ctx.replies[drawn_from:]
    del ctx.replies[drawn_from:]
    labels = {
        button.data: [button.label]
        for reply in drawn
        for row in reply.buttons
        for button in row
        if button.data
    }
    chosen = match_choice(text, labels) if labels else None
    callback = Callback.decode(chosen) if chosen else None
    if callback is None or callback.flow not in FLOWS:
        user.flow, user.step, user.flow_data, user.screen = before  # as if never drawn
        return False
    await FLOWS[callback.flow].on_button(ctx, callback)
    return True
