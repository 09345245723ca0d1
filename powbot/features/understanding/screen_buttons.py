"""A button's words typed on a screen outside a conversation: 'meer tips' under the profile,
'bericht sturen' on a coach's client card. A step can draw its buttons again to read them
(typed_buttons.py); a screen cannot, so the context keeps the buttons of the last screen
shown (Ctx._keep_screen_buttons) and a short text that names one of them presses it (tester)."""

from __future__ import annotations

from powbot.conversation.context import SCREEN_BUTTONS, Ctx
from powbot.conversation.parse import match_choice
from powbot.conversation.registry import FLOWS
from powbot.domain.messages import Callback

MAX_WORDS = 4  # typed button words, not a sentence that happens to hold one


async def press_named(ctx: Ctx, text: str) -> bool:
    """True when the text named a button of the last screen and that button was pressed."""
    kept = ctx.user.flow_data.get(SCREEN_BUTTONS)
    if ctx.user.flow is not None or not isinstance(kept, dict) or not kept:
        return False
    if text.strip().isdigit() or len(text.split()) > MAX_WORDS:
        return False  # a number is the menu's by position (menu_words.py)
    chosen = match_choice(text, {str(data): [str(label)] for data, label in kept.items()})
    callback = Callback.decode(chosen) if chosen else None
    if callback is None or callback.flow not in FLOWS or callback.screen is not None:
        return False  # only a screen's own (unbound) buttons; a step's are read by the step
    await FLOWS[callback.flow].on_button(ctx, callback)
    return True
