"""/web: a coach or admin asks for a link to the web page (single use, 10 minutes)."""

from __future__ import annotations

from powbot.conversation.context import Ctx
from powbot.domain.web_login import LINK_MINUTES, create_login_token, login_url, web_role


async def send_web_link(ctx: Ctx) -> None:
    if web_role(ctx, ctx.user) is None:
        ctx.say(ctx.t("coach.web_not_for_you"))
        return
    token = await create_login_token(ctx, ctx.user)
    ctx.say(ctx.t("coach.web_link", link=login_url(ctx, token), minutes=LINK_MINUTES))
