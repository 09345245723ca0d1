"""Open Hiring for job seekers: browse vacancies, sign up, see your place, answer offers.

Buttons that must keep working later (list items, offers, withdraw) are unbound; every
press is checked here against the stored row: it exists, it is this person's, and its
status still allows the action. Anything else gets a clear answer and changes nothing.
"""

from __future__ import annotations

import math
import re

from sqlmodel import col, select

from powbot.conversation.context import Ctx
from powbot.domain import open_hiring_queue as queue
from powbot.domain.messages import Button, Callback
from powbot.domain.open_hiring_queue import SEEKER_FLOW as NAME
from powbot.domain.open_hiring_queue import QueueError
from powbot.knowledge.text import best_choice, normalise, parse_int, parse_yes_no
from powbot.storage.models_open_hiring import Offer, Signup, Vacancy

PAGE_SIZE = 5
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


def vacancy_card(ctx: Ctx, vacancy: Vacancy) -> str:
    return ctx.t(
        "open_hiring.card",
        title=vacancy.title,
        organisation=vacancy.organisation,
        workplace=vacancy.workplace,
        city=vacancy.city,
        hours=vacancy.hours_per_week,
        shifts=vacancy.shifts,
        places=vacancy.places,
        start=queue.fmt_date(ctx, vacancy.start_date),
    )


def questions_of(ctx: Ctx, vacancy: Vacancy) -> list[tuple[str, str]]:
    """(question, why the job needs it) in the seeker's language."""
    chosen = [
        (q.text.get(ctx.lang), q.need.get(ctx.lang))
        for q in ctx.content.open_hiring.ordered(vacancy.questions)
    ]
    custom_need = ctx.t("open_hiring.custom_need")
    return chosen + [(text, custom_need) for text in vacancy.custom_questions]


# --- browsing -----------------------------------------------------------------------


def _list_arg(page: int, city: str) -> str:
    return f"{page}~{city}" if city else str(page)


def _parse_list_arg(arg: str) -> tuple[int, str]:
    page_text, _, city = arg.partition("~")
    page = int(page_text) if page_text.isdigit() and len(page_text) <= 4 else 0
    return min(page, 1000), normalise(city)[:40]


async def _open_vacancies(ctx: Ctx, city: str) -> list[Vacancy]:
    query = select(Vacancy).where(col(Vacancy.status) == "open").order_by(col(Vacancy.id).desc())
    if city:
        query = query.where(col(Vacancy.city_key) == city)
    return list((await ctx.session.exec(query)).all())


async def _cities(ctx: Ctx) -> dict[str, str]:
    rows = await ctx.session.exec(
        select(Vacancy.city_key, Vacancy.city).where(col(Vacancy.status) == "open").distinct()
    )
    return {key: city for key, city in rows.all() if key}


async def browse(ctx: Ctx, page: int = 0, city: str = "") -> None:
    vacancies = await _open_vacancies(ctx, city)
    pages = max(1, math.ceil(len(vacancies) / PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = vacancies[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    ctx.set_state(NAME, "browse", page=page, city=city, ids=[v.id for v in shown])
    if not vacancies:
        key = "open_hiring.none_in_city" if city else "open_hiring.none_open"
        rows = [[ctx.button(ctx.t("open_hiring.all_places"), NAME, "list", "0", bound=False)]]
        ctx.say(ctx.t(key), rows if city else [])
        return
    cities = await _cities(ctx)
    lines = [
        ctx.t(
            "open_hiring.list_title_city" if city else "open_hiring.list_title",
            city=cities.get(city, city),
            page=page + 1,
            pages=pages,
        )
    ]
    rows: list[list[Button]] = []
    for number, vacancy in enumerate(shown, start=1):
        lines.append(f"{number}. {vacancy.title} – {vacancy.organisation}, {vacancy.city}")
        rows.append(
            [
                ctx.button(
                    f"{number}. {vacancy.title} ({vacancy.city})",
                    NAME,
                    "view",
                    str(vacancy.id),
                    bound=False,
                )
            ]
        )
    nav: list[Button] = []
    if page > 0:
        nav.append(
            ctx.button(
                ctx.t("open_hiring.previous"), NAME, "list", _list_arg(page - 1, city), bound=False
            )
        )
    if page < pages - 1:
        nav.append(
            ctx.button(
                ctx.t("open_hiring.next"), NAME, "list", _list_arg(page + 1, city), bound=False
            )
        )
    if nav:
        rows.append(nav)
    if city:
        rows.append([ctx.button(ctx.t("open_hiring.all_places"), NAME, "list", "0", bound=False)])
    elif len(cities) > 1:
        rows.append([ctx.button(ctx.t("open_hiring.filter_city"), NAME, "cities", bound=False)])
    lines.append("")
    lines.append(ctx.t("open_hiring.list_hint"))
    ctx.say("\n".join(lines), rows)


async def choose_city(ctx: Ctx) -> None:
    cities = await _cities(ctx)
    rows = [
        [ctx.button(name, NAME, "list", _list_arg(0, key), bound=False)]
        for key, name in sorted(cities.items(), key=lambda item: item[1].casefold())
    ]
    rows.append([ctx.button(ctx.t("open_hiring.all_places"), NAME, "list", "0", bound=False)])
    ctx.set_state(NAME, "browse", page=0, city="", ids=[])
    ctx.say(ctx.t("open_hiring.choose_city"), rows)


async def _browse_text(ctx: Ctx, text: str) -> None:
    data = ctx.user.flow_data
    ids: list[int] = data.get("ids", [])
    number = parse_int(text)
    if number is not None and normalise(text).isdigit():
        if 1 <= number <= len(ids):
            await show_vacancy(ctx, ids[number - 1])
            return
    cities = await _cities(ctx)
    key = best_choice(text, {k: [name] for k, name in cities.items()})
    if key:
        await browse(ctx, 0, key)
        return
    ctx.say(ctx.t("open_hiring.browse_not_understood"))
    await browse(ctx, data.get("page", 0), data.get("city", ""))


async def show_vacancy(ctx: Ctx, vacancy_id: int) -> None:
    vacancy = await ctx.session.get(Vacancy, vacancy_id)
    if vacancy is None or vacancy.status not in ("open", "paused"):
        ctx.say(ctx.t("open_hiring.vacancy_gone"), _other_vacancies(ctx))
        return
    lines = [vacancy_card(ctx, vacancy)]
    waiting = await queue.waiting_count(ctx, vacancy_id)
    lines.append(ctx.t("open_hiring.on_list_count", count=waiting))
    questions = questions_of(ctx, vacancy)
    if questions:
        lines.append(ctx.t("open_hiring.questions_count", count=len(questions)))
    mine = await queue.live_signup(ctx, vacancy_id, ctx.user.id)
    rows: list[list[Button]] = []
    if mine is not None and mine.status == "waiting":
        lines.append(ctx.t("open_hiring.you_are_at", position=await queue.position(ctx, mine)))
        rows.append(
            [ctx.button(ctx.t("open_hiring.withdraw"), NAME, "wd", str(mine.id), bound=False)]
        )
    elif mine is not None and mine.status == "offered":
        lines.append(ctx.t("open_hiring.you_have_offer"))
        rows.append([ctx.button(ctx.t("open_hiring.my_signups"), NAME, "mine", bound=False)])
    elif mine is not None:
        lines.append(ctx.t("open_hiring.already_hired"))
    elif vacancy.status == "paused":
        lines.append(ctx.t("open_hiring.vacancy_paused"))
    else:
        rows.append(
            [ctx.button(ctx.t("open_hiring.sign_up"), NAME, "join", str(vacancy_id), bound=False)]
        )
    rows.append([ctx.button(ctx.t("open_hiring.back_to_list"), NAME, "list", "0", bound=False)])
    ctx.set_state(NAME, "view", vid=vacancy_id)
    ctx.say("\n\n".join(lines), rows)


def _other_vacancies(ctx: Ctx) -> list[list[Button]]:
    return [[ctx.button(ctx.t("open_hiring.other_vacancies"), NAME, "list", "0", bound=False)]]


# --- signing up -----------------------------------------------------------------------


async def join(ctx: Ctx, vacancy_id: int) -> None:
    vacancy = await ctx.session.get(Vacancy, vacancy_id)
    if vacancy is None or vacancy.status != "open":
        key = (
            "open_hiring.vacancy_paused"
            if vacancy and vacancy.status == "paused"
            else "open_hiring.vacancy_gone"
        )
        ctx.set_state(None)
        ctx.say(ctx.t(key), _other_vacancies(ctx))
        return
    mine = await queue.live_signup(ctx, vacancy_id, ctx.user.id)
    if mine is not None:
        await show_vacancy(ctx, vacancy_id)
        return
    questions = questions_of(ctx, vacancy)
    if not questions:
        await _complete(ctx, vacancy_id)
        return
    ctx.set_state(NAME, "q", vid=vacancy_id, i=0)
    ctx.say(ctx.t("open_hiring.join_intro", title=vacancy.title, count=len(questions)))
    await _ask(ctx)


async def _ask(ctx: Ctx) -> None:
    vacancy = await ctx.session.get(Vacancy, ctx.user.flow_data.get("vid", 0))
    if vacancy is None or vacancy.status != "open":
        ctx.set_state(None)
        ctx.say(ctx.t("open_hiring.vacancy_gone"), _other_vacancies(ctx))
        return
    questions = questions_of(ctx, vacancy)
    index = int(ctx.user.flow_data.get("i", 0))
    if index >= len(questions):
        await _complete(ctx, vacancy.id or 0)
        return
    text = ctx.t(
        "open_hiring.question", number=index + 1, total=len(questions), question=questions[index][0]
    )
    ctx.say(
        text,
        [
            [
                ctx.button(ctx.t("common.yes"), NAME, "ans", "1"),
                ctx.button(ctx.t("common.no"), NAME, "ans", "0"),
            ]
        ],
    )


async def _answer(ctx: Ctx, yes: bool) -> None:
    vacancy = await ctx.session.get(Vacancy, ctx.user.flow_data.get("vid", 0))
    if vacancy is None:
        await _ask(ctx)
        return
    questions = questions_of(ctx, vacancy)
    index = int(ctx.user.flow_data.get("i", 0))
    if not yes and index < len(questions):
        # Nothing is stored: not the answer, not that they tried.
        ctx.set_state(None)
        ctx.say(
            ctx.t("open_hiring.not_eligible", need=questions[index][1], title=vacancy.title),
            _other_vacancies(ctx),
        )
        return
    ctx.update_state(i=index + 1)
    await _ask(ctx)


async def _complete(ctx: Ctx, vacancy_id: int) -> None:
    ctx.set_state(None)
    try:
        signup, offers = await queue.sign_up(ctx, vacancy_id, ctx.user.id)
    except QueueError as error:
        ctx.say(ctx.t(error.key), _other_vacancies(ctx))
        return
    vacancy = await ctx.session.get(Vacancy, vacancy_id)
    assert vacancy is not None
    mine = next((offer for offer in offers if offer.user_id == ctx.user.id), None)
    if mine is not None:
        ctx.say(ctx.t("open_hiring.signed_up_offer", title=vacancy.title))
        ctx.replies.append(queue.offer_reply(ctx, ctx.lang, mine, vacancy))
        return
    ctx.say(
        ctx.t(
            "open_hiring.signed_up",
            title=vacancy.title,
            position=signup.told_position or await queue.position(ctx, signup),
        ),
        [
            [ctx.button(ctx.t("open_hiring.my_signups"), NAME, "mine", bound=False)],
            [ctx.button(ctx.t("open_hiring.other_vacancies"), NAME, "list", "0", bound=False)],
        ],
    )


# --- my sign-ups, withdrawing -------------------------------------------------------------


async def my_signups(ctx: Ctx) -> None:
    ctx.set_state(None)
    rows_db = (
        await ctx.session.exec(
            select(Signup, Vacancy)
            .join(Vacancy, col(Vacancy.id) == col(Signup.vacancy_id))
            .where(
                col(Signup.user_id) == ctx.user.id,
                col(Signup.status).in_(("waiting", "offered")),
            )
            .order_by(col(Signup.id))
        )
    ).all()
    if not rows_db:
        ctx.say(ctx.t("open_hiring.no_signups"), _other_vacancies(ctx))
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
            offer = (
                await ctx.session.exec(
                    select(Offer).where(
                        col(Offer.signup_id) == signup.id, col(Offer.status) == "open"
                    )
                )
            ).first()
            lines.append(ctx.t("open_hiring.my_line_offer", title=vacancy.title, city=vacancy.city))
            if offer is not None:
                offers.append((offer, vacancy))
    buttons.append(
        [ctx.button(ctx.t("open_hiring.other_vacancies"), NAME, "list", "0", bound=False)]
    )
    ctx.say("\n".join(lines), buttons)
    for offer, vacancy in offers:
        ctx.replies.append(queue.offer_reply(ctx, ctx.lang, offer, vacancy))


async def _own_signup(ctx: Ctx, arg: str) -> Signup | None:
    signup_id = queue.row_id(arg)
    if signup_id is None:
        return None
    signup = await ctx.session.get(Signup, signup_id)
    return signup if signup is not None and signup.user_id == ctx.user.id else None


async def _ask_withdraw(ctx: Ctx, arg: str) -> None:
    signup = await _own_signup(ctx, arg)
    if signup is None:
        ctx.toast = ctx.t("common.button_unknown")
        return
    if signup.status not in ("waiting", "offered"):
        ctx.say(ctx.t("open_hiring.not_on_list"), _other_vacancies(ctx))
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


async def _withdraw(ctx: Ctx, arg: str) -> None:
    ctx.set_state(None)
    signup = await _own_signup(ctx, arg)
    if signup is None:
        ctx.toast = ctx.t("common.button_unknown")
        return
    vacancy = await queue.lock_vacancy(ctx, signup.vacancy_id)
    await ctx.session.refresh(signup)  # re-read under the lock: an offer may have expired
    if vacancy is None or signup.status not in ("waiting", "offered"):
        ctx.say(ctx.t("open_hiring.not_on_list"), _other_vacancies(ctx))
        return
    await queue.withdraw(ctx, vacancy, signup)
    ctx.say(ctx.t("open_hiring.withdrawn", title=vacancy.title), _other_vacancies(ctx))


# --- offers -------------------------------------------------------------------------


async def _own_open_offer(
    ctx: Ctx, arg: str, *, lock: bool = False
) -> tuple[Offer, Vacancy] | None:
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
            _other_vacancies(ctx),
        )
        return None
    if offer.deadline_at <= ctx.now:
        # The expiry job will pass the place on and tell them; the deadline is the deadline.
        ctx.toast = ctx.t("common.button_unknown")
        ctx.say(ctx.t("open_hiring.offer_was_expired", title=vacancy.title), _other_vacancies(ctx))
        return None
    return offer, vacancy


async def _ask_contact(ctx: Ctx, arg: str) -> None:
    found = await _own_open_offer(ctx, arg)
    if found is None:
        ctx.set_state(None)
        return
    offer, vacancy = found
    ctx.set_state(NAME, "contact", offer=offer.id)
    await _contact_prompt(ctx, offer, vacancy)


async def _contact_prompt(ctx: Ctx, offer: Offer, vacancy: Vacancy) -> None:
    name = ctx.user.first_name or "-"
    ctx.say(
        ctx.t(
            "open_hiring.contact_question",
            title=vacancy.title,
            deadline=queue.fmt_moment(ctx, offer.deadline_at),
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


async def _accept(ctx: Ctx, arg: str, contact: str | None) -> None:
    found = await _own_open_offer(ctx, arg, lock=True)
    ctx.set_state(None)
    if found is None:
        return
    offer, vacancy = found
    await queue.accept(ctx, vacancy, offer, contact)
    ctx.say(
        ctx.t(
            "open_hiring.accepted",
            title=vacancy.title,
            organisation=vacancy.organisation,
            start=queue.fmt_date(ctx, offer.start_date),
            contact=contact or ctx.t("open_hiring.contact_none"),
        )
    )


async def _contact_typed(ctx: Ctx, text: str) -> None:
    offer_id = str(ctx.user.flow_data.get("offer", ""))
    value = text.strip()
    if parse_yes_no(value) is False or normalise(value) in ("terug", "back", "stop"):
        await _show_offer_again(ctx, offer_id)
        return
    compact = value.replace(" ", "")
    if len(value) <= MAX_CONTACT and (EMAIL.match(compact) or PHONE.match(value)):
        await _accept(ctx, offer_id, value)
        return
    found = await _own_open_offer(ctx, offer_id)
    if found is None:
        ctx.set_state(None)
        return
    ctx.say(ctx.t("open_hiring.contact_invalid"))
    await _contact_prompt(ctx, *found)


async def _show_offer_again(ctx: Ctx, offer_id: str) -> None:
    ctx.set_state(None)
    found = await _own_open_offer(ctx, offer_id)
    if found is None:
        return
    offer, vacancy = found
    ctx.replies.append(queue.offer_reply(ctx, ctx.lang, offer, vacancy))


async def _ask_decline(ctx: Ctx, arg: str) -> None:
    found = await _own_open_offer(ctx, arg)
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


async def _decline(ctx: Ctx, arg: str) -> None:
    found = await _own_open_offer(ctx, arg, lock=True)
    ctx.set_state(None)
    if found is None:
        return
    offer, vacancy = found
    await queue.end_offer(ctx, vacancy, offer, "declined")
    assert vacancy.id is not None
    ctx.say(
        ctx.t("open_hiring.declined", title=vacancy.title),
        queue.rejoin_buttons(ctx, ctx.lang, vacancy.id),
    )


class OpenHiringFlow:
    name = NAME
    roles: frozenset[str | None] = frozenset({"seeker"})

    async def start(self, ctx: Ctx) -> None:
        await browse(ctx)

    async def on_text(self, ctx: Ctx, text: str) -> None:
        step = ctx.user.step
        if step == "browse":
            await _browse_text(ctx, text)
        elif step == "q":
            answer = parse_yes_no(text)
            if answer is None:
                ctx.say(ctx.t("open_hiring.yes_or_no"))
                await _ask(ctx)
            else:
                await _answer(ctx, answer)
        elif step == "contact":
            await _contact_typed(ctx, text)
        elif step in ("decline?", "withdraw?"):
            answer = parse_yes_no(text)
            if step == "decline?" and answer is True:
                await _decline(ctx, str(ctx.user.flow_data.get("offer", "")))
            elif step == "withdraw?" and answer is True:
                await _withdraw(ctx, str(ctx.user.flow_data.get("signup", "")))
            elif answer is False:
                if step == "decline?":
                    await _show_offer_again(ctx, str(ctx.user.flow_data.get("offer", "")))
                else:
                    await my_signups(ctx)
            else:
                ctx.say(ctx.t("common.choose_a_button"))
                await self.resume(ctx)
        else:
            await self.resume(ctx)

    async def on_button(self, ctx: Ctx, callback: Callback) -> None:
        action, arg = callback.action, callback.arg
        if action == "list":
            await browse(ctx, *_parse_list_arg(arg))
        elif action == "cities":
            await choose_city(ctx)
        elif action == "view" and queue.row_id(arg):
            await show_vacancy(ctx, queue.row_id(arg) or 0)
        elif action == "join" and queue.row_id(arg):
            await join(ctx, queue.row_id(arg) or 0)
        elif action == "ans" and arg in ("0", "1") and ctx.user.step == "q":
            await _answer(ctx, arg == "1")
        elif action == "mine":
            await my_signups(ctx)
        elif action == "wd":
            await _ask_withdraw(ctx, arg)
        elif action == "wdyes":
            await _withdraw(ctx, arg)
        elif action == "acc":
            await _ask_contact(ctx, arg)
        elif action == "nameonly":
            await _accept(ctx, arg, None)
        elif action == "dec":
            await _ask_decline(ctx, arg)
        elif action == "decyes":
            await _decline(ctx, arg)
        elif action == "back":
            await _show_offer_again(ctx, str(ctx.user.flow_data.get("offer", "")))
        else:
            ctx.toast = ctx.t("common.button_unknown")

    async def resume(self, ctx: Ctx) -> None:
        data = ctx.user.flow_data
        step = ctx.user.step
        if step == "q":
            await _ask(ctx)
        elif step == "view" and isinstance(data.get("vid"), int):
            await show_vacancy(ctx, data["vid"])
        elif step == "contact":
            found = await _own_open_offer(ctx, str(data.get("offer", "")))
            if found is None:
                ctx.set_state(None)
            else:
                await _contact_prompt(ctx, *found)
        elif step == "decline?":
            await _ask_decline(ctx, str(data.get("offer", "")))
        elif step == "withdraw?":
            await _ask_withdraw(ctx, str(data.get("signup", "")))
        else:
            await browse(ctx, int(data.get("page", 0) or 0), str(data.get("city", "") or ""))


async def browse_entry(ctx: Ctx) -> None:
    await browse(ctx)
