"""Open Hiring for job seekers: the conversation that ties browsing, signing up, my
sign-ups and offers together (see browse, joining and answers for each part). Signing up
is a declared form (joining.STEPS); the flow is that form plus the states around it."""

from __future__ import annotations

from typing import Any

from powbot.conversation.context import Ctx
from powbot.conversation.form import HANDLED_ACTIONS, Form
from powbot.conversation.parse import parse_yes_no
from powbot.domain import open_hiring_queue as queue
from powbot.domain.messages import Callback
from powbot.domain.open_hiring_offers import SEEKER_FLOW as NAME
from powbot.features.open_hiring import answers, joining
from powbot.features.open_hiring.answers import my_signups
from powbot.features.open_hiring.browse import (
    browse,
    browse_text,
    choose_city,
    other_vacancies,
    parse_list_arg,
    questions_of,
    says_sign_up,
    show_vacancy,
)
from powbot.storage.models_open_hiring import Vacancy

__all__ = ["NAME", "OpenHiringFlow", "browse", "browse_entry", "my_signups"]


async def join(ctx: Ctx, vacancy_id: int) -> None:
    vacancy = await ctx.session.get(Vacancy, vacancy_id)
    if vacancy is None or vacancy.status != "open":
        key = (
            "open_hiring.vacancy_paused"
            if vacancy and vacancy.status == "paused"
            else "open_hiring.vacancy_gone"
        )
        ctx.set_state(None)
        ctx.say(ctx.t(key), other_vacancies(ctx))
        return
    if await queue.live_signup(ctx, vacancy_id, ctx.user.id) is not None:
        await show_vacancy(ctx, vacancy_id)
        return
    questions = questions_of(ctx, vacancy)
    if not questions:
        await joining.complete(ctx, vacancy_id)
        return
    ctx.say(ctx.t("open_hiring.join_intro", title=vacancy.title, count=len(questions)))
    await FLOW.start_at(ctx, "q", vid=vacancy_id, i=0)


async def _confirm_text(ctx: Ctx, step: str, text: str) -> None:
    """A typed answer to "decline?" or "withdraw?"."""
    answer = parse_yes_no(text)
    data = ctx.user.flow_data
    if step == "decline?" and answer is True:
        await answers.decline(ctx, str(data.get("offer", "")))
    elif step == "withdraw?" and answer is True:
        await answers.withdraw(ctx, str(data.get("signup", "")))
    elif answer is False and step == "decline?":
        await answers.show_offer_again(ctx, str(data.get("offer", "")))
    elif answer is False:
        await my_signups(ctx)
    else:
        ctx.say(ctx.t("common.choose_a_button"))
        await FLOW.resume(ctx)


OFFER_BUTTONS = {
    "mine": lambda ctx, arg: my_signups(ctx),
    "wd": answers.ask_withdraw,
    "wdyes": answers.withdraw,
    "acc": answers.ask_contact,
    "nameonly": lambda ctx, arg: answers.accept(ctx, arg, None),
    "dec": answers.ask_decline,
    "decyes": answers.decline,
}


class OpenHiringFlow(Form):
    """The sign-up form, plus browsing, my sign-ups and answering an offer."""

    back_at_start = True  # Back at the first question shows the vacancy again
    # Lists, vacancies and offers keep working after other messages (unbound buttons).
    unbound_actions = frozenset({"list", "cities", "view", "join", "back", *OFFER_BUTTONS})

    def __init__(self) -> None:
        super().__init__(NAME, frozenset({"seeker"}), joining.STEPS, joining.finish)

    async def start(self, ctx: Ctx, **data: Any) -> None:
        await browse(ctx)

    async def on_text(self, ctx: Ctx, text: str) -> None:
        step = ctx.user.step or ""
        if step in self.steps:
            if await joining.open_vacancy(ctx):
                await super().on_text(ctx, text)
        elif step == "browse":
            await browse_text(ctx, text)
        elif step == "contact":
            await answers.contact_typed(ctx, text)
        elif step in ("decline?", "withdraw?"):
            await _confirm_text(ctx, step, text)
        elif step == "view" and says_sign_up(ctx, text):  # 'ik wil me aanmelden' at a card
            await join(ctx, int(ctx.user.flow_data.get("vid", 0)))
        else:  # a vacancy's card: its buttons' words ('terug naar de lijst') are read after this
            ctx.not_understood = True
            await self.resume(ctx)

    async def on_button(self, ctx: Ctx, callback: Callback) -> None:
        action, arg = callback.action, callback.arg
        vacancy_id = queue.row_id(arg)
        if action in HANDLED_ACTIONS and (ctx.user.step or "") in self.steps:
            if await joining.open_vacancy(ctx):
                await super().on_button(ctx, callback)
        elif action == "list":
            await browse(ctx, *parse_list_arg(arg))
        elif action == "cities":
            await choose_city(ctx)
        elif action == "view" and vacancy_id:
            await show_vacancy(ctx, vacancy_id)
        elif action == "join" and vacancy_id:
            await join(ctx, vacancy_id)
        elif action in OFFER_BUTTONS:
            await OFFER_BUTTONS[action](ctx, arg)
        elif action == "back":
            await answers.show_offer_again(ctx, str(ctx.user.flow_data.get("offer", "")))
        else:
            ctx.toast = ctx.t("common.button_unknown")

    async def on_stop(self, ctx: Ctx) -> None:
        await answers.offer_left_open(ctx)

    async def back(self, ctx: Ctx) -> None:
        if ctx.user.step == "q" and not ctx.user.flow_data.get("i"):
            await joining.back_out(ctx)
        else:
            await super().back(ctx)

    async def resume(
        self, ctx: Ctx, problem: str | None = None, *, before: str | None = None, **values: Any
    ) -> None:
        data = ctx.user.flow_data
        step = ctx.user.step or ""
        if step in self.steps:
            if await joining.open_vacancy(ctx):
                await super().resume(ctx, problem, before=before, **values)
        elif step == "view" and isinstance(data.get("vid"), int):
            await show_vacancy(ctx, data["vid"])
        elif step == "contact":
            found = await answers.own_open_offer(ctx, str(data.get("offer", "")))
            if found is None:
                ctx.set_state(None)
            else:
                await answers.contact_prompt(ctx, *found)
        elif step == "decline?":
            await answers.ask_decline(ctx, str(data.get("offer", "")))
        elif step == "withdraw?":
            await answers.ask_withdraw(ctx, str(data.get("signup", "")))
        else:
            await browse(ctx, int(data.get("page", 0) or 0), str(data.get("city", "") or ""))


FLOW = OpenHiringFlow()


async def browse_entry(ctx: Ctx) -> None:
    await browse(ctx)
