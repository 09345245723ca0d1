"""A check-in answered while another conversation was running. A check-in sent to someone
in the middle of the questionnaire did not take over their state (their answers there are
kept), so their typed reply went to the questionnaire: "i am ok, a bit nervous" got "continue
the questionnaire?", and a 🙂 then opened its next question (tester). A check-in sent after
the person's last message is what they are answering now."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from powbot.conversation.context import Ctx
from powbot.conversation.registry import FLOWS
from powbot.features.aftercare.checkin import continue_checkin, latest_open_checkin
from powbot.features.aftercare.common import AFTERCARE_FLOW


async def typed_checkin_reply(
    ctx: Ctx, text: str, since: datetime | None
) -> Callable[[], Awaitable[None]] | None:
    if ctx.user.role != "seeker" or ctx.user.flow == AFTERCARE_FLOW or since is None:
        return None  # outside a conversation a sent check-in holds the state itself
    checkin = await latest_open_checkin(ctx)
    sent = checkin.sent_at if checkin is not None else None
    if checkin is None or sent is None or not since < sent <= ctx.now:
        return None

    async def answer() -> None:
        said = len(ctx.replies)
        await continue_checkin(ctx, checkin)  # its state (or the consent question first)
        if ctx.user.flow == AFTERCARE_FLOW:
            del ctx.replies[said:]  # not the question again: the text answers it
            await FLOWS[AFTERCARE_FLOW].on_text(ctx, text)

    return answer
