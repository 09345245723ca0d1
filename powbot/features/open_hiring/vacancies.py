"""Open Hiring for employers: post a vacancy step by step, then manage it.

Only approved employers post: those who redeemed an admin's invite (recorded in
`employer_profiles`). Employers who picked "werkgever" themselves can use the FAQ and get a
clear message here. Employers see counts only; a candidate's first name and chosen
contact reach them when that candidate accepts an offer.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from sqlmodel import col, select

from powbot.conversation.context import Ctx
from powbot.domain import open_hiring_queue as queue
from powbot.domain.messages import Button, Callback
from powbot.domain.unit import Services
from powbot.features.open_hiring.signup import vacancy_card
from powbot.knowledge.text import normalise, parse_int, parse_yes_no
from powbot.storage.models import InviteCode, User
from powbot.storage.models_open_hiring import EmployerProfile, Offer, Vacancy

NAME = "vacancy"
# The guided steps, in order, with the limits of what is accepted.
FIELDS = ("title", "workplace", "city", "hours", "shifts", "places", "start")
TEXT_LIMITS = {"title": (3, 120), "workplace": (2, 120), "city": (2, 80), "shifts": (2, 200)}
HOURS = (1, 60)
PLACES = (1, 500)
MAX_ADD_PLACES = 100
CUSTOM_LIMITS = (5, 200)
DATE_WORDS = {"vandaag": 0, "today": 0, "morgen": 1, "tomorrow": 1}


async def approved_profile(services: Services, user: User) -> EmployerProfile | None:
    """The employer's profile if they were approved (redeemed an employer invite)."""
    profile = await services.session.get(EmployerProfile, user.id)
    if profile is not None and profile.approved_at is not None:
        return profile
    invite = (
        await services.session.exec(
            select(InviteCode)
            .where(col(InviteCode.used_by) == user.id, col(InviteCode.purpose) == "employer")
            .order_by(col(InviteCode.used_at).desc())
        )
    ).first()
    if invite is None or user.role != "employer":
        return None
    if profile is None:
        profile = EmployerProfile(user_id=user.id, created_at=services.now)
        services.session.add(profile)
    profile.approved_at = invite.used_at or services.now
    profile.invite_id = invite.id
    return profile


async def _require_approval(ctx: Ctx) -> EmployerProfile | None:
    profile = await approved_profile(ctx, ctx.user)
    if profile is None:
        ctx.set_state(None)
        ctx.say(ctx.t("open_hiring.not_approved"))
    return profile


async def _own_vacancy(ctx: Ctx, arg: str | int | None) -> Vacancy | None:
    """The employer's own vacancy; anything else is treated as a stale or forged button."""
    vacancy_id = queue.row_id(arg)
    if vacancy_id is None:
        return None
    vacancy = await ctx.session.get(Vacancy, vacancy_id)
    if vacancy is None or vacancy.employer_id != ctx.user.id:
        return None
    return vacancy


# --- creating --------------------------------------------------------------------------


async def new_vacancy(ctx: Ctx) -> None:
    profile = await _require_approval(ctx)
    if profile is None:
        return
    if not profile.organisation:
        ctx.set_state(NAME, "org", d={})
        ctx.say(ctx.t("open_hiring.ask_org"))
        return
    ctx.set_state(NAME, "title", d={})
    ctx.say(ctx.t("open_hiring.new_intro"))
    await _ask_field(ctx)


async def _ask_field(ctx: Ctx) -> None:
    step = ctx.user.step or "title"
    editing = ctx.user.flow_data.get("edit")
    prefix = ctx.t("open_hiring.edit_prefix") + "\n" if editing else ""
    if step == "start":
        ctx.say(prefix + ctx.t("open_hiring.ask_start"))
    elif step in ("hours", "places"):
        low, high = HOURS if step == "hours" else PLACES
        ctx.say(prefix + ctx.t(f"open_hiring.ask_{step}", min=low, max=high))
    else:
        ctx.say(prefix + ctx.t(f"open_hiring.ask_{step}"))


def parse_start(text: str, today: date) -> date | None:
    """'12-3-2027', '12-3', '2027-03-12', 'morgen'; today or later, within a year."""
    cleaned = normalise(text)
    if cleaned in DATE_WORDS:
        return today + timedelta(days=DATE_WORDS[cleaned])
    numbers = [int(part) for part in re.findall(r"\d+", text)]
    day: date | None = None
    try:
        if len(numbers) == 3 and numbers[0] > 31:
            day = date(numbers[0], numbers[1], numbers[2])
        elif len(numbers) == 3:
            year = numbers[2] + 2000 if numbers[2] < 100 else numbers[2]
            day = date(year, numbers[1], numbers[0])
        elif len(numbers) == 2:
            day = date(today.year, numbers[1], numbers[0])
            if day < today:
                day = date(today.year + 1, numbers[1], numbers[0])
    except ValueError:
        return None
    if day is None or day < today or day > today + timedelta(days=366):
        return None
    return day


def _parse(ctx: Ctx, step: str, text: str) -> tuple[Any, str | None]:
    """The value for a step, or (None, error text)."""
    value = text.strip()
    if step in TEXT_LIMITS:
        low, high = TEXT_LIMITS[step]
        if not low <= len(value) <= high:
            return None, ctx.t("open_hiring.bad_length", min=low, max=high)
        return value, None
    if step in ("hours", "places"):
        low, high = HOURS if step == "hours" else PLACES
        number = parse_int(value)
        if number is None or not low <= number <= high:
            return None, ctx.t("open_hiring.bad_number", min=low, max=high)
        return number, None
    if step == "start":
        day = parse_start(value, ctx.local(ctx.now).date())
        if day is None:
            return None, ctx.t("open_hiring.bad_date")
        return day.isoformat(), None
    return None, ctx.t("common.choose_a_button")


def _apply(vacancy: Vacancy, step: str, value: Any) -> None:
    if step == "start":
        vacancy.start_date = date.fromisoformat(value)
    elif step == "hours":
        vacancy.hours_per_week = value
    elif step == "city":
        vacancy.city = value
        vacancy.city_key = normalise(value)[:40]
    else:
        setattr(vacancy, step, value)


async def _field_typed(ctx: Ctx, text: str) -> None:
    step = ctx.user.step or ""
    if step == "org":
        value = text.strip()
        low, high = 2, 120
        if not low <= len(value) <= high:
            ctx.say(ctx.t("open_hiring.bad_length", min=low, max=high))
            return
        profile = await approved_profile(ctx, ctx.user)
        if profile is None:
            await _require_approval(ctx)
            return
        profile.organisation = value
        ctx.set_state(NAME, "title", d={})
        ctx.say(ctx.t("open_hiring.new_intro"))
        await _ask_field(ctx)
        return
    value, error = _parse(ctx, step, text)
    if error is not None:
        ctx.say(error)
        await _ask_field(ctx)
        return
    editing = ctx.user.flow_data.get("edit")
    if editing:
        vacancy = await _own_vacancy(ctx, editing)
        if vacancy is None or vacancy.status == "closed":
            ctx.set_state(None)
            ctx.say(ctx.t("open_hiring.vacancy_gone_employer"))
            return
        _apply(vacancy, step, value)
        ctx.say(ctx.t("open_hiring.saved"))
        if vacancy.status == "draft":
            await _preview(ctx, vacancy)
        else:
            await show(ctx, vacancy)
        return
    draft = {**ctx.user.flow_data.get("d", {}), step: value}
    position = FIELDS.index(step)
    if position + 1 < len(FIELDS):
        ctx.set_state(NAME, FIELDS[position + 1], d=draft)
        await _ask_field(ctx)
        return
    ctx.set_state(NAME, "questions", d=draft, sel=[])
    await _ask_questions(ctx)


async def _ask_questions(ctx: Ctx) -> None:
    chosen: list[str] = ctx.user.flow_data.get("sel", [])
    rows = [
        [
            ctx.button(
                ("✅ " if q.id in chosen else "") + q.label.get(ctx.lang), NAME, "q", str(index)
            )
        ]
        for index, q in enumerate(ctx.content.open_hiring.questions)
    ]
    rows.append([ctx.button(ctx.t("open_hiring.questions_done"), NAME, "qdone")])
    lines = [ctx.t("open_hiring.ask_questions")]
    lines += [
        f"{index}. {q.label.get(ctx.lang)}"
        for index, q in enumerate(ctx.content.open_hiring.questions, start=1)
    ]
    ctx.say("\n".join(lines), rows)


def _toggle(ctx: Ctx, index: int) -> None:
    questions = ctx.content.open_hiring.questions
    if not 0 <= index < len(questions):
        return
    chosen = list(ctx.user.flow_data.get("sel", []))
    question_id = questions[index].id
    if question_id in chosen:
        chosen.remove(question_id)
    else:
        chosen.append(question_id)
    ctx.update_state(sel=chosen)


async def _ask_custom(ctx: Ctx) -> None:
    custom: list[str] = ctx.user.flow_data.get("custom", [])
    limit = ctx.content.open_hiring.max_custom_questions
    if len(custom) >= limit:
        await _make_draft(ctx)
        return
    ctx.update_state(step="custom?")
    ctx.say(
        ctx.t("open_hiring.ask_custom", left=limit - len(custom)),
        [
            [ctx.button(ctx.t("open_hiring.custom_add"), NAME, "cadd")],
            [ctx.button(ctx.t("open_hiring.custom_skip"), NAME, "cskip")],
        ],
    )


async def _custom_typed(ctx: Ctx, text: str) -> None:
    value = text.strip()
    low, high = CUSTOM_LIMITS
    if not low <= len(value) <= high:
        ctx.say(ctx.t("open_hiring.bad_length", min=low, max=high))
        ctx.say(ctx.t("open_hiring.ask_custom_text"))
        return
    custom = [*ctx.user.flow_data.get("custom", []), value]
    ctx.update_state(custom=custom)
    await _ask_custom(ctx)


async def _make_draft(ctx: Ctx) -> None:
    data = ctx.user.flow_data
    draft = data.get("d", {})
    profile = await approved_profile(ctx, ctx.user)
    if profile is None or any(field not in draft for field in FIELDS):
        await new_vacancy(ctx)
        return
    vacancy = Vacancy(
        employer_id=ctx.user.id,
        organisation=profile.organisation or "",
        title=draft["title"],
        workplace=draft["workplace"],
        start_date=date.fromisoformat(draft["start"]),
        questions=[q.id for q in ctx.content.open_hiring.ordered(data.get("sel", []))],
        custom_questions=list(data.get("custom", [])),
        hours_per_week=draft["hours"],
        shifts=draft["shifts"],
        places=draft["places"],
        status="draft",
        created_at=ctx.now,
    )
    _apply(vacancy, "city", draft["city"])
    ctx.session.add(vacancy)
    await ctx.session.flush()
    await _preview(ctx, vacancy)


def _card(ctx: Ctx, vacancy: Vacancy) -> str:
    lines = [
        vacancy_card(ctx, vacancy),
        "",
        ctx.t("open_hiring.questions_heading"),
    ]
    questions = [q.label.get(ctx.lang) for q in ctx.content.open_hiring.ordered(vacancy.questions)]
    questions += vacancy.custom_questions
    lines += [f"• {text}" for text in questions] or [ctx.t("open_hiring.no_questions")]
    return "\n".join(lines)


async def _preview(ctx: Ctx, vacancy: Vacancy) -> None:
    ctx.set_state(NAME, "preview", vid=vacancy.id)
    ctx.say(
        ctx.t("open_hiring.preview_title") + "\n\n" + _card(ctx, vacancy),
        [
            [ctx.button(ctx.t("open_hiring.publish"), NAME, "pub", str(vacancy.id))],
            [ctx.button(ctx.t("open_hiring.edit"), NAME, "edit", str(vacancy.id))],
            [ctx.button(ctx.t("open_hiring.discard"), NAME, "discard", str(vacancy.id))],
        ],
    )


# --- managing --------------------------------------------------------------------------


async def my_vacancies(ctx: Ctx) -> None:
    if await _require_approval(ctx) is None:
        return
    ctx.set_state(None)
    vacancies = (
        await ctx.session.exec(
            select(Vacancy)
            .where(col(Vacancy.employer_id) == ctx.user.id)
            .order_by(col(Vacancy.id).desc())
            .limit(30)
        )
    ).all()
    live = [v for v in vacancies if v.status != "closed"][:20]
    if not live:
        ctx.say(
            ctx.t("open_hiring.no_vacancies"),
            [[ctx.button(ctx.t("open_hiring.menu_new_vacancy"), NAME, "new", bound=False)]],
        )
        return
    rows = [
        [
            ctx.button(
                f"{v.title} ({v.city}) · {ctx.t('open_hiring.status_' + v.status)}",
                NAME,
                "show",
                str(v.id),
                bound=False,
            )
        ]
        for v in live
    ]
    rows.append([ctx.button(ctx.t("open_hiring.menu_new_vacancy"), NAME, "new", bound=False)])
    ctx.say(ctx.t("open_hiring.my_vacancies_title"), rows)


async def show(ctx: Ctx, vacancy: Vacancy) -> None:
    assert vacancy.id is not None
    if vacancy.status == "draft":
        await _preview(ctx, vacancy)
        return
    ctx.set_state(None)
    numbers = await queue.counts(ctx, vacancy.id)
    lines = [
        _card(ctx, vacancy),
        "",
        ctx.t("open_hiring.status_line", status=ctx.t("open_hiring.status_" + vacancy.status)),
        ctx.t(
            "open_hiring.counts",
            waiting=numbers.waiting,
            offered=numbers.offered,
            accepted=numbers.accepted,
            places=vacancy.places,
            declined=numbers.declined,
            expired=numbers.expired,
            withdrawn=numbers.withdrawn,
        ),
    ]
    hired = (
        await ctx.session.exec(
            select(Offer, User)
            .join(User, col(User.id) == col(Offer.user_id))
            .where(col(Offer.vacancy_id) == vacancy.id, col(Offer.status) == "accepted")
            .order_by(col(Offer.id))
        )
    ).all()
    if hired:
        lines.append(ctx.t("open_hiring.hired_heading"))
        for offer, user in hired:
            contact = offer.contact or ctx.t("open_hiring.contact_none_for_employer")
            lines.append(
                ctx.t(
                    "open_hiring.hired_line",
                    name=user.first_name or "?",
                    contact=contact,
                    start=queue.fmt_date(ctx, offer.start_date),
                )
            )
    arg = str(vacancy.id)
    rows: list[list[Button]] = []
    if vacancy.status == "open":
        rows.append([ctx.button(ctx.t("open_hiring.pause"), NAME, "pause", arg, bound=False)])
    elif vacancy.status == "paused":
        rows.append([ctx.button(ctx.t("open_hiring.reopen"), NAME, "reopen", arg, bound=False)])
    if vacancy.status in ("open", "paused"):
        rows.append([ctx.button(ctx.t("open_hiring.add_places"), NAME, "more", arg, bound=False)])
        rows.append([ctx.button(ctx.t("open_hiring.edit"), NAME, "edit", arg, bound=False)])
        rows.append([ctx.button(ctx.t("open_hiring.close"), NAME, "close", arg, bound=False)])
    rows.append([ctx.button(ctx.t("open_hiring.back_to_mine"), NAME, "mine", bound=False)])
    ctx.say("\n".join(lines), rows)


async def _publish(ctx: Ctx, vacancy: Vacancy) -> None:
    locked = await queue.lock_vacancy(ctx, vacancy.id or 0)
    if locked is None or locked.status != "draft":
        await show(ctx, vacancy)
        return
    locked.status = "open"
    locked.published_at = ctx.now
    ctx.set_state(None)
    ctx.say(ctx.t("open_hiring.published", title=locked.title))
    await show(ctx, locked)


async def _set_paused(ctx: Ctx, vacancy: Vacancy, paused: bool) -> None:
    locked = await queue.lock_vacancy(ctx, vacancy.id or 0)
    assert locked is not None
    wanted_from = "open" if paused else "paused"
    if locked.status != wanted_from:
        ctx.say(ctx.t("open_hiring.nothing_changed"))
        await show(ctx, locked)
        return
    locked.status = "paused" if paused else "open"
    if not paused:
        await queue.allocate(ctx, locked)
    ctx.say(ctx.t("open_hiring.paused" if paused else "open_hiring.reopened"))
    await show(ctx, locked)


async def _ask_more_places(ctx: Ctx, vacancy: Vacancy) -> None:
    if vacancy.status not in ("open", "paused"):
        await show(ctx, vacancy)
        return
    ctx.set_state(NAME, "more", vid=vacancy.id)
    ctx.say(
        ctx.t("open_hiring.ask_more_places", max=MAX_ADD_PLACES),
        [
            [
                ctx.button("+1", NAME, "add", "1"),
                ctx.button("+2", NAME, "add", "2"),
                ctx.button("+5", NAME, "add", "5"),
            ],
            [ctx.button(ctx.t("open_hiring.cancel"), NAME, "show", str(vacancy.id))],
        ],
    )


async def _add_places(ctx: Ctx, number: int | None) -> None:
    vacancy = await _own_vacancy(ctx, ctx.user.flow_data.get("vid"))
    if vacancy is None:
        ctx.set_state(None)
        ctx.say(ctx.t("open_hiring.vacancy_gone_employer"))
        return
    if number is None or not 1 <= number <= MAX_ADD_PLACES:
        ctx.say(ctx.t("open_hiring.bad_number", min=1, max=MAX_ADD_PLACES))
        await _ask_more_places(ctx, vacancy)
        return
    locked = await queue.lock_vacancy(ctx, vacancy.id or 0)
    assert locked is not None
    ctx.set_state(None)
    if locked.status not in ("open", "paused"):
        await show(ctx, locked)
        return
    locked.places += number
    offers = await queue.allocate(ctx, locked)
    ctx.say(ctx.t("open_hiring.places_added", places=locked.places, offered=len(offers)))
    await show(ctx, locked)


async def _ask_edit(ctx: Ctx, vacancy: Vacancy) -> None:
    if vacancy.status == "closed":
        await show(ctx, vacancy)
        return
    ctx.set_state(NAME, "edit?", vid=vacancy.id)
    rows = [
        [ctx.button(ctx.t(f"open_hiring.field_{field}"), NAME, "field", field)]
        for field in FIELDS
        if field != "places"  # places only grow, through "add places"
    ]
    if vacancy.status == "draft":
        # Questions are fixed once people have answered them.
        rows.append([ctx.button(ctx.t("open_hiring.field_questions"), NAME, "field", "questions")])
        rows.append([ctx.button(ctx.t("open_hiring.field_places"), NAME, "field", "places")])
    rows.append([ctx.button(ctx.t("open_hiring.cancel"), NAME, "show", str(vacancy.id))])
    ctx.say(ctx.t("open_hiring.ask_edit"), rows)


async def _edit_field(ctx: Ctx, field: str) -> None:
    vacancy = await _own_vacancy(ctx, ctx.user.flow_data.get("vid"))
    if vacancy is None or vacancy.status == "closed":
        ctx.set_state(None)
        ctx.say(ctx.t("open_hiring.vacancy_gone_employer"))
        return
    if field == "questions" and vacancy.status == "draft":
        ctx.set_state(
            NAME,
            "questions",
            edit=vacancy.id,
            sel=list(vacancy.questions),
            custom=list(vacancy.custom_questions),
        )
        await _ask_questions(ctx)
        return
    if field not in FIELDS or (field == "places" and vacancy.status != "draft"):
        await _ask_edit(ctx, vacancy)
        return
    ctx.set_state(NAME, field, edit=vacancy.id)
    await _ask_field(ctx)


async def _edited_draft(ctx: Ctx) -> Vacancy | None:
    """The draft being edited, or None (and the user told) when it was published or removed."""
    vacancy = await _own_vacancy(ctx, ctx.user.flow_data["edit"])
    if vacancy is None or vacancy.status != "draft":
        ctx.set_state(None)
        ctx.say(ctx.t("open_hiring.vacancy_gone_employer"))
        return None
    return vacancy


async def _questions_done(ctx: Ctx) -> None:
    if ctx.user.flow_data.get("edit"):
        vacancy = await _edited_draft(ctx)
        if vacancy is None:
            return
        vacancy.questions = [
            q.id for q in ctx.content.open_hiring.ordered(ctx.user.flow_data.get("sel", []))
        ]
        vacancy.custom_questions = []
        ctx.update_state(custom=[])
        # Custom questions are asked again after the standard set; the rest stays.
        ctx.update_state(step="custom?")
        await _ask_custom(ctx)
        return
    await _ask_custom(ctx)


async def _ask_close(ctx: Ctx, vacancy: Vacancy) -> None:
    if vacancy.status == "closed":
        await show(ctx, vacancy)
        return
    ctx.set_state(NAME, "close?", vid=vacancy.id)
    waiting = (await queue.counts(ctx, vacancy.id or 0)).waiting
    ctx.say(
        ctx.t("open_hiring.close_confirm", title=vacancy.title, waiting=waiting),
        [
            [ctx.button(ctx.t("open_hiring.close_yes"), NAME, "closeyes", str(vacancy.id))],
            [ctx.button(ctx.t("open_hiring.cancel"), NAME, "show", str(vacancy.id))],
        ],
    )


async def _close(ctx: Ctx, vacancy: Vacancy) -> None:
    locked = await queue.lock_vacancy(ctx, vacancy.id or 0)
    assert locked is not None
    ctx.set_state(None)
    if locked.status == "closed":
        await show(ctx, locked)
        return
    told = await queue.close(ctx, locked)
    ctx.say(ctx.t("open_hiring.closed", title=locked.title, told=told))
    await my_vacancies(ctx)


async def _custom_draft_finish(ctx: Ctx) -> None:
    """After the custom questions: a new draft, or back to the edited draft's preview."""
    if ctx.user.flow_data.get("edit"):
        vacancy = await _edited_draft(ctx)
        if vacancy is None:
            return
        vacancy.custom_questions = list(ctx.user.flow_data.get("custom", []))
        await _preview(ctx, vacancy)
        return
    await _make_draft(ctx)


class VacancyFlow:
    name = NAME
    roles: frozenset[str | None] = frozenset({"employer"})

    async def start(self, ctx: Ctx) -> None:
        await new_vacancy(ctx)

    async def on_text(self, ctx: Ctx, text: str) -> None:
        if await _require_approval(ctx) is None:
            return
        step = ctx.user.step or ""
        if step == "org" or step in FIELDS:
            await _field_typed(ctx, text)
        elif step == "questions":
            if normalise(text) in ("klaar", "done", "verder", "next", "ok"):
                await _questions_done(ctx)
                return
            numbers = [int(n) for n in re.findall(r"\d+", text)]
            if not numbers:
                ctx.say(ctx.t("open_hiring.questions_hint"))
            for number in numbers:
                _toggle(ctx, number - 1)
            await _ask_questions(ctx)
        elif step == "custom?":
            answer = parse_yes_no(text)
            if answer is True:
                ctx.update_state(step="custom")
                ctx.say(ctx.t("open_hiring.ask_custom_text"))
            elif answer is False:
                await _custom_draft_finish(ctx)
            elif len(text.strip()) >= CUSTOM_LIMITS[0]:
                await _custom_typed(ctx, text)  # they typed the question straight away
            else:
                await self.resume(ctx)
        elif step == "custom":
            await _custom_typed(ctx, text)
        elif step == "more":
            await _add_places(ctx, parse_int(text))
        elif step == "preview":
            vacancy = await _own_vacancy(ctx, ctx.user.flow_data.get("vid"))
            if vacancy is not None and parse_yes_no(text) is True:
                await _publish(ctx, vacancy)
            else:
                ctx.say(ctx.t("common.choose_a_button"))
                await self.resume(ctx)
        elif step == "close?":
            vacancy = await _own_vacancy(ctx, ctx.user.flow_data.get("vid"))
            answer = parse_yes_no(text)
            if vacancy is not None and answer is True:
                await _close(ctx, vacancy)
            elif vacancy is not None and answer is False:
                await show(ctx, vacancy)
            else:
                await self.resume(ctx)
        else:
            ctx.say(ctx.t("common.choose_a_button"))
            await self.resume(ctx)

    async def on_button(self, ctx: Ctx, callback: Callback) -> None:
        if await _require_approval(ctx) is None:
            return
        action, arg = callback.action, callback.arg
        if action == "new":
            await new_vacancy(ctx)
            return
        if action == "mine":
            await my_vacancies(ctx)
            return
        if action == "q" and ctx.user.step == "questions" and arg.isdigit() and len(arg) < 3:
            _toggle(ctx, int(arg))
            await _ask_questions(ctx)
            return
        if action == "qdone" and ctx.user.step == "questions":
            await _questions_done(ctx)
            return
        if action == "cadd" and ctx.user.step == "custom?":
            ctx.update_state(step="custom")
            ctx.say(ctx.t("open_hiring.ask_custom_text"))
            return
        if action == "cskip" and ctx.user.step == "custom?":
            await _custom_draft_finish(ctx)
            return
        if action == "add" and ctx.user.step == "more":
            await _add_places(ctx, parse_int(arg))
            return
        if action == "field" and ctx.user.step == "edit?":
            await _edit_field(ctx, arg)
            return
        vacancy = await _own_vacancy(ctx, arg)
        if vacancy is None:
            # Forged, someone else's, or gone: reveal nothing, change nothing.
            ctx.toast = ctx.t("common.button_unknown")
            return
        if vacancy.status == "closed" and action != "show":
            ctx.toast = ctx.t("common.button_unknown")
            ctx.say(ctx.t("open_hiring.vacancy_is_closed", title=vacancy.title))
            return
        handlers = {
            "show": show,
            "pub": _publish,
            "pause": lambda c, v: _set_paused(c, v, True),
            "reopen": lambda c, v: _set_paused(c, v, False),
            "more": _ask_more_places,
            "edit": _ask_edit,
            "close": _ask_close,
            "closeyes": _close,
            "discard": _discard,
        }
        handler = handlers.get(action)
        if handler is None:
            ctx.toast = ctx.t("common.button_unknown")
            return
        await handler(ctx, vacancy)

    async def resume(self, ctx: Ctx) -> None:
        step = ctx.user.step or ""
        data = ctx.user.flow_data
        if step == "org":
            ctx.say(ctx.t("open_hiring.ask_org"))
        elif step in FIELDS:
            await _ask_field(ctx)
        elif step == "questions":
            await _ask_questions(ctx)
        elif step == "custom?":
            await _ask_custom(ctx)
        elif step == "custom":
            ctx.say(ctx.t("open_hiring.ask_custom_text"))
        else:
            vacancy = await _own_vacancy(ctx, data.get("vid"))
            if vacancy is None:
                await my_vacancies(ctx)
            elif step == "preview":
                await _preview(ctx, vacancy)
            elif step == "more":
                await _ask_more_places(ctx, vacancy)
            elif step == "edit?":
                await _ask_edit(ctx, vacancy)
            elif step == "close?":
                await _ask_close(ctx, vacancy)
            else:
                await show(ctx, vacancy)


async def _discard(ctx: Ctx, vacancy: Vacancy) -> None:
    if vacancy.status != "draft":
        await show(ctx, vacancy)
        return
    vacancy.status = "closed"
    vacancy.closed_at = ctx.now
    ctx.set_state(None)
    ctx.say(ctx.t("open_hiring.discarded"))
    await my_vacancies(ctx)
