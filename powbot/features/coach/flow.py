"""The coach's side in the bot: caseload, one client, today's work, alerts, placements,
messages, the daily digest.

Every button a coach gets on a pushed message is unbound, so each one is checked against
stored state: the client must be this coach's client, the alert this coach's alert.
Anything else gets the same neutral answer, so forged ids reveal nothing. Every view of a
client's data writes an audit entry. The work is split over `screens` (read and show),
`render` (pure text), `actions` (alerts, notes, messages), `placement_form` and `digest`;
the domain (powbot.domain.caseload, .alerts, .agenda, .coaching) holds the queries and
operations the web page shares.
"""

from __future__ import annotations

from powbot.conversation.context import Ctx
from powbot.domain.alerts import KIND_FOLLOWUP
from powbot.domain.coaching import COACH_FLOW, MAX_MESSAGE, MAX_NOTE, parse_id
from powbot.domain.messages import Callback
from powbot.features import routing as engine
from powbot.features.aftercare.common import back_to_menu, leave_current_flow
from powbot.features.coach import actions, placement_form
from powbot.features.coach.digest import KIND_DIGEST, job_digest, job_followup, plan_digests
from powbot.features.coach.link import create_link
from powbot.features.coach.screens import caseload, show_alert, show_client, show_today
from powbot.features.coach.web_link import send_web_link

__all__ = [
    "KIND_DIGEST",
    "KIND_FOLLOWUP",
    "MAX_MESSAGE",
    "MAX_NOTE",
    "NAME",
    "CoachFlow",
    "caseload",
    "job_digest",
    "job_followup",
    "plan_digests",
    "show_alert",
    "show_client",
    "show_today",
]

NAME = COACH_FLOW


class CoachFlow:
    name = NAME
    roles: frozenset[str | None] = frozenset({"coach"})

    async def on_text(self, ctx: Ctx, text: str) -> None:
        step = ctx.user.step
        if step == "note":
            await actions.save_note(ctx, text)
        elif step == "msg":
            await actions.send_message(ctx, text)
        else:
            ctx.set_state(None)
            await engine.handle_text(ctx, text)

    async def on_button(self, ctx: Ctx, callback: Callback) -> None:
        action, arg = callback.action, callback.arg
        if callback.screen is None:
            # Unbound (pushed messages, lists): starts something new, leaving any step.
            await leave_current_flow(ctx, keep="")
            await self._unbound(ctx, action, arg)
            return
        step = ctx.user.step
        if action == "cancel":
            await back_to_menu(ctx, "coach.cancelled")
        elif action == "pw" and step == "p_end":
            await placement_form.end(ctx, arg)
        else:
            ctx.toast = ctx.t("common.button_unknown")
            await self.resume(ctx)

    async def _unbound(self, ctx: Ctx, action: str, arg: str) -> None:
        simple = {"list": caseload, "today": show_today, "link": create_link, "web": send_web_link}
        by_client = {
            "c": show_client,
            "msg": actions.start_message,
            "pl": placement_form.start,
        }
        if action in simple:
            await simple[action](ctx)
        elif action in by_client:
            await by_client[action](ctx, parse_id(arg))
        elif action == "a":
            await show_alert(ctx, arg)
        elif action in ("ac", "ax", "az", "an"):
            await actions.alert_action(ctx, action, arg)
        elif action == "pe":
            await placement_form.ask_end(ctx, arg)
        else:
            ctx.toast = ctx.t("common.button_unknown")

    async def resume(self, ctx: Ctx) -> None:
        step = ctx.user.step
        if step == "note":
            actions.ask_note(ctx)
        elif step == "msg":
            await actions.start_message(ctx, parse_id(ctx.user.flow_data.get("client")))
        elif step == "p_end":
            await placement_form.ask_end(ctx, ctx.user.flow_data.get("placement"))
        else:
            await caseload(ctx)
