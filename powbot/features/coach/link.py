"""The worker's side of having a coach: linking by code, consent to share, withdrawing it,
and answering a coach's message.

A coach links a job seeker with a single-use code (purpose "link"). The job seeker sees the
coach's first name and agrees to share results and check-ins; without that agreement there
is no link. Sharing can be stopped (or the coach removed) at any time with /coach.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from powbot.conversation.context import Ctx
from powbot.domain.coaching import display_name, push_button, waiting_message
from powbot.domain.ids import parse_id
from powbot.domain.messages import Callback, Reply
from powbot.features.aftercare.common import (
    CLIENT_FLOW,
    COACH_FLOW,
    back_to_menu,
    coach_of,
    leave_current_flow,
)
from powbot.features.onboarding.flow import ask_consent
from powbot.features.onboarding.invites import create_invite, find_usable
from powbot.knowledge.text import normalise, parse_yes_no
from powbot.storage.models import InviteCode, User
from powbot.storage.models_aftercare import CoachMessage

NAME = CLIENT_FLOW
MAX_MESSAGE = 1000
# A coach's unanswered message this recent makes typed text a possible reply to it.
REPLY_WINDOW = timedelta(hours=48)


async def create_link(ctx: Ctx) -> None:
    """A coach's personal code and t.me link for one client (single use)."""
    days = ctx.settings.invite_days
    code, _ = await create_invite(ctx, "link", ctx.user.id, timedelta(days=days))
    bot = ctx.settings.bot_username or "<bot>"
    ctx.say(
        ctx.t("coach.link_created", link=f"https://t.me/{bot}?start={code}", code=code, days=days)
    )


async def use_link_code(ctx: Ctx, code: str) -> bool:
    """/start <code>: a coach's link code. Returns False for any other code."""
    row = await find_usable(ctx, code, purpose="link")
    if row is None or row.created_by is None:
        return False
    coach = await ctx.session.get(User, row.created_by)
    if coach is None or coach.role != "coach":
        return False
    if ctx.user.role not in (None, "seeker") or ctx.user.id == coach.id:
        ctx.say(ctx.t("aftercare.link_only_seekers"))
        return True
    if ctx.user.role is None:
        ctx.user.role = "seeker"  # someone who opens a coach's link is a job seeker
    assert row.id is not None
    ctx.set_state(NAME, "confirm", invite=row.id)
    await _ask_confirm(ctx, coach)
    return True


async def _ask_confirm(ctx: Ctx, coach: User) -> None:
    lines = [ctx.t("aftercare.link_confirm", coach=display_name(ctx, ctx.lang, coach))]
    current = await coach_of(ctx, ctx.user)
    if current is not None and current.id != coach.id:
        lines.append(ctx.t("aftercare.link_replaces", old=display_name(ctx, ctx.lang, current)))
    ctx.say(
        "\n\n".join(lines),
        [
            [ctx.button(ctx.t("aftercare.link_yes"), NAME, "link", "yes")],
            [ctx.button(ctx.t("aftercare.link_no"), NAME, "link", "no")],
        ],
    )


async def _pending_invite(ctx: Ctx) -> tuple[InviteCode, User] | None:
    invite_id = ctx.user.flow_data.get("invite")
    if invite_id is None:
        return None
    row = await ctx.session.get(InviteCode, int(invite_id), with_for_update=True)
    if (
        row is None
        or row.purpose != "link"
        or row.used_at is not None
        or row.expires_at <= ctx.now
        or row.created_by is None
    ):
        return None
    coach = await ctx.session.get(User, row.created_by)
    if coach is None or coach.role != "coach":
        return None
    return row, coach


async def _link_answer(ctx: Ctx, yes: bool) -> None:
    pending = await _pending_invite(ctx)
    if pending is None:
        await back_to_menu(ctx, "aftercare.link_expired")
        return
    invite, coach = pending
    ctx.set_state(None)
    if not yes:
        ctx.say(ctx.t("aftercare.link_declined"))
    else:
        invite.used_by = ctx.user.id
        invite.used_at = ctx.now
        previous = await coach_of(ctx, ctx.user)
        if previous is not None and previous.id != coach.id:
            await _tell_coach(ctx, previous, "coach.client_left")
        ctx.user.coach_id = coach.id
        ctx.user.share_with_coach = True
        await _tell_coach(ctx, coach, "coach.client_linked", client_button=True)
        ctx.say(ctx.t("aftercare.linked", coach=display_name(ctx, ctx.lang, coach)))
    if ctx.user.consent_at is None:
        await ask_consent(ctx)
        return
    await back_to_menu(ctx, "menu.what_next")


async def _tell_coach(ctx: Ctx, coach: User, key: str, *, client_button: bool = False) -> None:
    lang = ctx.lang_of(coach)
    buttons = (
        [[push_button(ctx.text(lang, "coach.btn_client"), COACH_FLOW, "c", str(ctx.user.id))]]
        if client_button
        else []
    )
    await ctx.notify(
        coach.id, Reply(ctx.text(lang, key, name=display_name(ctx, lang, ctx.user)), buttons)
    )


async def my_coach(ctx: Ctx) -> None:
    """/coach: who the coach is, what is shared, and the buttons to change that."""
    coach = await coach_of(ctx, ctx.user)
    if coach is None:
        await back_to_menu(ctx, "aftercare.no_coach")
        return
    # A screen, not a conversation: no state, so typed text afterwards goes where it
    # would otherwise go (an open check-in, the FAQ). Its buttons are checked when pressed.
    ctx.set_state(None)
    name = display_name(ctx, ctx.lang, coach)
    status = "aftercare.sharing_on" if ctx.user.share_with_coach else "aftercare.sharing_off"
    share_button = (
        push_button(ctx.t("aftercare.btn_stop_sharing"), NAME, "share", "off")
        if ctx.user.share_with_coach
        else push_button(ctx.t("aftercare.btn_share_again"), NAME, "share", "on")
    )
    ctx.say(
        ctx.t("aftercare.my_coach", coach=name) + "\n\n" + ctx.t(status, coach=name),
        [
            [push_button(ctx.t("aftercare.btn_message_coach"), NAME, "write")],
            [share_button],
            [push_button(ctx.t("aftercare.btn_unlink"), NAME, "unlink")],
        ],
    )


async def _set_sharing(ctx: Ctx, share: bool) -> None:
    coach = await coach_of(ctx, ctx.user)
    if coach is None:
        await back_to_menu(ctx, "aftercare.no_coach")
        return
    if ctx.user.share_with_coach != share:
        ctx.user.share_with_coach = share
        await _tell_coach(
            ctx, coach, "coach.client_shares_again" if share else "coach.client_stopped_sharing"
        )
    key = "aftercare.sharing_started" if share else "aftercare.sharing_stopped"
    ctx.say(ctx.t(key, coach=display_name(ctx, ctx.lang, coach)))
    await back_to_menu(ctx, "menu.what_next")


async def _unlink(ctx: Ctx) -> None:
    coach = await coach_of(ctx, ctx.user)
    ctx.user.coach_id = None
    ctx.user.share_with_coach = False
    if coach is not None:
        await _tell_coach(ctx, coach, "coach.client_unlinked")
    await back_to_menu(ctx, "aftercare.unlinked")


async def _start_reply(ctx: Ctx, message_id: str) -> None:
    """The reply button under a coach's message: one message back to that coach."""
    message_key = parse_id(message_id)
    message = await ctx.session.get(CoachMessage, message_key) if message_key else None
    coach = await coach_of(ctx, ctx.user)
    if (
        message is None
        or message.seeker_id != ctx.user.id
        or message.direction != "to_client"
        or coach is None
        or message.coach_id != coach.id
    ):
        ctx.toast = ctx.t("common.button_unknown")
        ctx.say(ctx.t("aftercare.reply_not_possible"))
        return
    await leave_current_flow(ctx, keep=NAME)
    await _ask_message(ctx, coach, message.id)


async def _ask_message(ctx: Ctx, coach: User, reply_to: int | None) -> None:
    ctx.set_state(NAME, "write", reply_to=reply_to)
    ctx.say(
        ctx.t("aftercare.write_prompt", coach=display_name(ctx, ctx.lang, coach), max=MAX_MESSAGE),
        [[ctx.button(ctx.t("aftercare.btn_cancel"), NAME, "cancel")]],
    )


async def _send_to_coach(ctx: Ctx, text: str) -> None:
    coach = await coach_of(ctx, ctx.user)
    if coach is None:
        await back_to_menu(ctx, "aftercare.no_coach")
        return
    body = text.strip()
    if not body or len(body) > MAX_MESSAGE:
        ctx.say(ctx.t("common.too_long", max=MAX_MESSAGE))
        await _ask_message(ctx, coach, ctx.user.flow_data.get("reply_to"))
        return
    reply_to = ctx.user.flow_data.get("reply_to")
    if reply_to is not None:
        original = await ctx.session.get(CoachMessage, int(reply_to))
        if original is not None and original.seeker_id == ctx.user.id:
            original.answered_at = ctx.now
    ctx.session.add(
        CoachMessage(
            coach_id=coach.id,
            seeker_id=ctx.user.id,
            direction="to_coach",
            text=body,
            created_at=ctx.now,
        )
    )
    lang = ctx.lang_of(coach)
    await ctx.notify(
        coach.id,
        Reply(
            ctx.text(lang, "coach.message_from_client", name=display_name(ctx, lang, ctx.user))
            + "\n\n"
            + body,
            [
                [
                    push_button(
                        ctx.text(lang, "coach.btn_reply"), COACH_FLOW, "msg", str(ctx.user.id)
                    ),
                    push_button(
                        ctx.text(lang, "coach.btn_client"), COACH_FLOW, "c", str(ctx.user.id)
                    ),
                ]
            ],
        ),
    )
    await back_to_menu(ctx, "aftercare.message_sent")


async def offer_to_coach(ctx: Ctx, text: str, faq_knows: Callable[[], bool]) -> bool:
    """Text typed outside a conversation that may be meant for the coach: after a message
    from the coach not yet answered, or naming the coach ('ok tot straks anna'). Asks
    "Stuur ik dit naar Anna?" instead of treating it as a question; True when it asked."""
    coach = await coach_of(ctx, ctx.user)
    if coach is None:
        return False
    name = normalise(coach.first_name or "")
    named = bool(name) and name in normalise(text).split()
    waiting = await waiting_message(ctx, ctx.user.id, coach.id, ctx.now - REPLY_WINDOW)
    if (waiting is None and not named) or faq_knows():
        return False
    _offer(ctx, coach, text, waiting)
    return True


async def typed_coach_reply(
    ctx: Ctx, text: str, since: datetime | None
) -> Callable[[], Awaitable[None]] | None:
    """Text typed in another conversation (a check-in) after the coach's message came: it
    was kept as check-in words and the coach never saw it (tester). Ask first."""
    if ctx.user.role != "seeker" or since is None:
        return None  # outside a conversation: offer_to_coach, in the free-text order
    coach = await coach_of(ctx, ctx.user)
    waiting = None if coach is None else await waiting_message(ctx, ctx.user.id, coach.id, since)
    if coach is None or waiting is None:
        return None

    async def offer() -> None:
        _offer(ctx, coach, text, waiting)

    return offer


def _offer(ctx: Ctx, coach: User, text: str, waiting: CoachMessage | None) -> None:
    body = " ".join(text.split())[:MAX_MESSAGE]
    reply_to = waiting.id if waiting is not None else None
    ctx.set_state(NAME, "send?", text=body, reply_to=reply_to)
    _ask_send(ctx, coach)


def _ask_send(ctx: Ctx, coach: User) -> None:
    who = display_name(ctx, ctx.lang, coach)
    ctx.say(
        ctx.t("aftercare.send_offer", coach=who),
        [
            [ctx.button(ctx.t("aftercare.btn_send_yes", coach=who), NAME, "send", "yes")],
            [ctx.button(ctx.t("aftercare.btn_send_no"), NAME, "send", "no")],
        ],
    )


async def _send_answer(ctx: Ctx, yes: bool) -> None:
    if yes:
        await _send_to_coach(ctx, str(ctx.user.flow_data.get("text") or ""))
    else:
        await back_to_menu(ctx, "aftercare.not_sent")


class ClientFlow:
    name = NAME
    roles: frozenset[str | None] = frozenset({"seeker"})

    async def on_text(self, ctx: Ctx, text: str) -> None:
        step = ctx.user.step
        if step == "write":
            await _send_to_coach(ctx, text)
            return
        yes_no = {"send?": _send_answer, "confirm": _link_answer}.get(step or "")
        if yes_no is not None:
            answer = parse_yes_no(text)
            if answer is not None:
                await yes_no(ctx, answer)
                return
            ctx.say(ctx.t("common.choose_a_button"))
        await self.resume(ctx)

    async def on_button(self, ctx: Ctx, callback: Callback) -> None:
        action, arg = callback.action, callback.arg
        step = ctx.user.step
        if action == "reply":  # unbound: under a coach's message
            await _start_reply(ctx, arg)
        elif action == "send" and step == "send?" and arg in ("yes", "no"):
            await _send_answer(ctx, arg == "yes")
        elif action == "link" and step == "confirm" and arg in ("yes", "no"):
            await _link_answer(ctx, arg == "yes")
        elif action == "share" and arg in ("on", "off"):  # unbound, from /coach
            await leave_current_flow(ctx, keep="")
            await _set_sharing(ctx, arg == "on")
        elif action == "unlink":  # unbound, from /coach
            await leave_current_flow(ctx, keep="")
            await _unlink(ctx)
        elif action == "write":  # unbound, from /coach
            await leave_current_flow(ctx, keep="")
            coach = await coach_of(ctx, ctx.user)
            if coach is None:
                await back_to_menu(ctx, "aftercare.no_coach")
            else:
                await _ask_message(ctx, coach, None)
        elif action == "cancel":
            await back_to_menu(ctx, "menu.what_next")
        else:
            ctx.toast = ctx.t("common.button_unknown")
            await self.resume(ctx)

    async def resume(self, ctx: Ctx) -> None:
        step = ctx.user.step
        if step == "confirm":
            pending = await _pending_invite(ctx)
            if pending is not None:
                await _ask_confirm(ctx, pending[1])
                return
        if step in ("write", "send?"):
            coach = await coach_of(ctx, ctx.user)
            if coach is not None and step == "send?":
                _ask_send(ctx, coach)
                return
            if coach is not None:
                await _ask_message(ctx, coach, ctx.user.flow_data.get("reply_to"))
                return
        await back_to_menu(ctx, "menu.title")
