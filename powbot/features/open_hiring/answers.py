"""Open Hiring for job seekers after signing up: my sign-ups and places on the waiting
list, withdrawing, and answering an offer (accept with a contact, or decline). On accepting
the person gets everything for the first day: address, time, what to bring, whom to ask.

Offer and withdraw buttons are unbound; every press is checked against the stored row:
it exists, it is this person's, and its status still allows the action.
"""

from __future__ import annotations

import re

from powbot.conversation.context import Ctx
from powbot.conversation.parse import parse_yes_no
from powbot.domain import open_hiring_queue as queue
from powbot.domain.messages import Button
from powbot.domain.open_hiring_hire import accept as accept_offer
from powbot.domain.open_hiring_offers import SEEKER_FLOW as NAME
from powbot.domain.open_hiring_offers import (
    fmt_moment,
    offer_buttons,
    offer_reply,
    rejoin_buttons,
    route_button,
    start_details,
)
from powbot.domain.open_hiring_seekers import live_signups, open_offer
from powbot.features.open_hiring.browse import other_vacancies
from powbot.knowledge.text import normalise
from powbot.storage.models_open_hiring import Offer, Signup, Vacancy

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]{2,}$")
PHONE = re.compile(r"^\+?[\d\s\-()]{8,20}$")
MAX_CONTACT = 100
# Why an offer button no longer works, per offer status.
STALE_OFFER = {
    "accepted": "open_hiring.offer_was_accepted",
    "declined": "open_hiring.offer_was_declined",
    "withdrawn": "open_hiring.offer_was_declined",
    "expired": "open_hiring.offer_was_expired",
    "cancelled": "open_hiring.offer_was_cancelled",
}


# --- my sign-ups, withdrawing -------------------------------------------------------------


async def my_signups(ctx: Ctx) -> None:
    ctx.set_state(None)
    rows_db = await live_signups(ctx, ctx.user.id)
    if not rows_db:
        ctx.say(ctx.t("open_hiring.no_signups"), other_vacancies(ctx))
        return
    lines = [ctx.t("open_hiring.my_signups_title")]
    buttons: list[list[Button]] = []
    offers: list[tuple[Offer, Vacancy]] = []
    for signup, vacancy in rows_db:
        if signup.status == "waiting":
            place = await queue.position(ctx, signup)
            signup.told_position = place  # seen now: no message needed for this place
            lines.append(
                ctx.t(
                    "open_hiring.my_line_waiting",
                    title=vacancy.title,
                    city=vacancy.city,
                    position=place,
                )
            )
            buttons.append(
                [
                    ctx.button(
                        ctx.t("open_hiring.withdraw_from", title=vacancy.title),
                        NAME,
                        "wd",
                        str(signup.id),
                        bound=False,
                    )
                ]
            )
        else:
            offer = await open_offer(ctx, signup.id)
            lines.append(ctx.t("open_hiring.my_line_offer", title=vacancy.title, city=vacancy.city))
            if offer is not None:
                offers.append((offer, vacancy))
    buttons.append(
        [ctx.button(ctx.t("open_hiring.other_vacancies"), NAME, "list", "0", bound=False)]
    )
    ctx.say("\n".join(lines), buttons)
    for offer, vacancy in offers:
        ctx.replies.append(offer_reply(ctx, ctx.lang, offer, vacancy))


async def _own_signup(ctx: Ctx, arg: str) -> Signup | None:
    signup_id = queue.row_id(arg)
    if signup_id is None:
        return None
    signup = await ctx.session.get(Signup, signup_id)
    return signup if signup is not None and signup.user_id == ctx.user.id else None


async def ask_withdraw(ctx: Ctx, arg: str) -> None:
    signup = await _own_signup(ctx, arg)
    if signup is None:
        ctx.toast = ctx.t("common.button_unknown")
        return
    if signup.status not in ("waiting", "offered"):
        ctx.say(ctx.t("open_hiring.not_on_list"), other_vacancies(ctx))
        return
    vacancy = await ctx.session.get(Vacancy, signup.vacancy_id)
    assert vacancy is not None
    ctx.set_state(NAME, "withdraw?", signup=signup.id)
    ctx.say(
        ctx.t("open_hiring.withdraw_confirm", title=vacancy.title),
        [
            [ctx.button(ctx.t("open_hiring.withdraw_yes"), NAME, "wdyes", str(signup.id))],
            [ctx.button(ctx.t("open_hiring.keep_place"), NAME, "mine")],
        ],
    )


async def withdraw(ctx: Ctx, arg: str) -> None:
    ctx.set_state(None)
    signup = await _own_signup(ctx, arg)
    if signup is None:
        ctx.toast = ctx.t("common.button_unknown")
        return
    vacancy = await queue.lock_vacancy(ctx, signup.vacancy_id)
    await ctx.session.refresh(signup)  # re-read under the lock: an offer may have expired
    if vacancy is None or signup.status not in ("waiting", "offered"):
        ctx.say(ctx.t("open_hiring.not_on_list"), other_vacancies(ctx))
        return
    await queue.withdraw(ctx, vacancy, signup)
    ctx.say(ctx.t("open_hiring.withdrawn", title=vacancy.title), other_vacancies(ctx))


# --- offers -------------------------------------------------------------------------


async def own_open_offer(ctx: Ctx, arg: str, *, lock: bool = False) -> tuple[Offer, Vacancy] | None:
    """The person's own open offer, or None after telling them why the button is stale."""
    offer_id = queue.row_id(arg)
    offer = await ctx.session.get(Offer, offer_id) if offer_id is not None else None
    if offer is None or offer.user_id != ctx.user.id:
        # Forged or someone else's: reveal nothing, change nothing.
        ctx.toast = ctx.t("common.button_unknown")
        return None
    vacancy = (
        await queue.lock_vacancy(ctx, offer.vacancy_id)
        if lock
        else await ctx.session.get(Vacancy, offer.vacancy_id)
    )
    if lock:
        await ctx.session.refresh(offer)
    if vacancy is None:
        ctx.toast = ctx.t("common.button_unknown")
        return None
    if offer.status != "open":
        ctx.toast = ctx.t("common.button_unknown")
        ctx.say(
            ctx.t(
                STALE_OFFER.get(offer.status, "open_hiring.offer_was_cancelled"),
                title=vacancy.title,
            ),
            other_vacancies(ctx),
        )
        return None
    if offer.deadline_at <= ctx.now:
        # The expiry job will pass the place on and tell them; the deadline is the deadline.
        ctx.toast = ctx.t("common.button_unknown")
        ctx.say(ctx.t("open_hiring.offer_was_expired", title=vacancy.title), other_vacancies(ctx))
        return None
    return offer, vacancy


async def ask_contact(ctx: Ctx, arg: str) -> None:
    found = await own_open_offer(ctx, arg)
    if found is None:
        ctx.set_state(None)
        return
    offer, vacancy = found
    ctx.set_state(NAME, "contact", offer=offer.id)
    await contact_prompt(ctx, offer, vacancy)


async def contact_prompt(ctx: Ctx, offer: Offer, vacancy: Vacancy) -> None:
    name = ctx.user.first_name or "-"
    ctx.say(
        ctx.t(
            "open_hiring.contact_question",
            title=vacancy.title,
            deadline=fmt_moment(ctx, offer.deadline_at),
        ),
        [
            [
                ctx.button(
                    ctx.t("open_hiring.contact_name_only", name=name),
                    NAME,
                    "nameonly",
                    str(offer.id),
                )
            ],
            [ctx.button(ctx.t("open_hiring.contact_back"), NAME, "back")],
        ],
    )


async def accept(ctx: Ctx, arg: str, contact: str | None) -> None:
    found = await own_open_offer(ctx, arg, lock=True)
    ctx.set_state(None)
    if found is None:
        return
    offer, vacancy = found
    await accept_offer(ctx, vacancy, offer, contact)
    ctx.say(
        ctx.t(
            "open_hiring.accepted",
            title=vacancy.title,
            organisation=vacancy.organisation,
            details=start_details(ctx, ctx.lang, vacancy, offer.start_date),
            contact=contact or ctx.t("open_hiring.contact_none"),
        ),
        route_button(ctx, ctx.lang, vacancy),
    )


async def contact_typed(ctx: Ctx, text: str) -> None:
    offer_id = str(ctx.user.flow_data.get("offer", ""))
    value = text.strip()
    if parse_yes_no(value) is False or normalise(value) in ("terug", "back", "stop"):
        await show_offer_again(ctx, offer_id)
        return
    compact = value.replace(" ", "")
    if len(value) <= MAX_CONTACT and (EMAIL.match(compact) or PHONE.match(value)):
        await accept(ctx, offer_id, value)
        return
    found = await own_open_offer(ctx, offer_id)
    if found is None:
        ctx.set_state(None)
        return
    ctx.say(ctx.t("open_hiring.contact_invalid"))
    await contact_prompt(ctx, *found)


async def offer_left_open(ctx: Ctx) -> None:
    """/stop while giving the contact details (or confirming a no) left the offer open without
    a word, and it ran out two days later (tester): say it is still open, with its buttons.
    Quiet when the offer was answered or is already on the screen again (Back)."""
    if ctx.user.step not in ("contact", "decline?"):
        return
    offer = await ctx.session.get(Offer, queue.row_id(str(ctx.user.flow_data.get("offer", ""))))
    if offer is None or offer.id is None or offer.user_id != ctx.user.id or offer.status != "open":
        return
    buttons = offer_buttons(ctx, ctx.lang, offer.id)
    shown = {b.data for reply in ctx.replies for row in reply.buttons for b in row}
    vacancy = await ctx.session.get(Vacancy, offer.vacancy_id)
    if vacancy is None or offer.deadline_at <= ctx.now or buttons[0][0].data in shown:
        return
    deadline = fmt_moment(ctx, offer.deadline_at)
    ctx.say(ctx.t("open_hiring.offer_still_open", title=vacancy.title, deadline=deadline), buttons)


async def show_offer_again(ctx: Ctx, offer_id: str) -> None:
    ctx.set_state(None)
    found = await own_open_offer(ctx, offer_id)
    if found is None:
        return
    offer, vacancy = found
    ctx.replies.append(offer_reply(ctx, ctx.lang, offer, vacancy))


async def ask_decline(ctx: Ctx, arg: str) -> None:
    found = await own_open_offer(ctx, arg)
    if found is None:
        ctx.set_state(None)
        return
    offer, vacancy = found
    ctx.set_state(NAME, "decline?", offer=offer.id)
    ctx.say(
        ctx.t("open_hiring.decline_confirm", title=vacancy.title),
        [
            [ctx.button(ctx.t("open_hiring.decline_yes"), NAME, "decyes", str(offer.id))],
            [ctx.button(ctx.t("open_hiring.contact_back"), NAME, "back")],
        ],
    )


async def decline(ctx: Ctx, arg: str) -> None:
    found = await own_open_offer(ctx, arg, lock=True)
    ctx.set_state(None)
    if found is None:
        return
    offer, vacancy = found
    await queue.end_offer(ctx, vacancy, offer, "declined")
    assert vacancy.id is not None
    ctx.say(
        ctx.t("open_hiring.declined", title=vacancy.title),
        rejoin_buttons(ctx, ctx.lang, vacancy.id),
    )
