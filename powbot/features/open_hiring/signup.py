"""Open Hiring for job seekers: the conversation that ties browsing, signing up, my
sign-ups and offers together (see browse, joining and answers for each part)."""

from __future__ import annotations

from powbot.conversation.context import Ctx
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
    parse_list_arg,
    show_vacancy,
)

__all__ = ["NAME", "OpenHiringFlow", "browse", "browse_entry", "my_signups"]


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
        await OpenHiringFlow().resume(ctx)


class OpenHiringFlow:
    name = NAME
    roles: frozenset[str | None] = frozenset({"seeker"})

    async def start(self, ctx: Ctx) -> None:
        await browse(ctx)

    async def on_text(self, ctx: Ctx, text: str) -> None:
        step = ctx.user.step or ""
        if step == "browse":
            await browse_text(ctx, text)
        elif step == "q":
            await joining.question_text(ctx, text)
        elif step == "no":
            await joining.after_no_text(ctx, text)
        elif step == "contact":
            await answers.contact_typed(ctx, text)
        elif step in ("decline?", "withdraw?"):
            await _confirm_text(ctx, step, text)
        else:
            await self.resume(ctx)

    async def on_button(self, ctx: Ctx, callback: Callback) -> None:
        action, arg = callback.action, callback.arg
        vacancy_id = queue.row_id(arg)
        step = ctx.user.step
        if action == "list":
            await browse(ctx, *parse_list_arg(arg))
        elif action == "cities":
            await choose_city(ctx)
        elif action == "view" and vacancy_id:
            await show_vacancy(ctx, vacancy_id)
        elif action == "join" and vacancy_id:
            await joining.join(ctx, vacancy_id)
        elif step == "q" and action in QUESTION_BUTTONS:
            await QUESTION_BUTTONS[action](ctx, arg)
        elif action == "redo" and step == "no":
            await joining.redo(ctx)
        elif action in OFFER_BUTTONS:
            await OFFER_BUTTONS[action](ctx, arg)
        elif action == "back":
            await answers.show_offer_again(ctx, str(ctx.user.flow_data.get("offer", "")))
        else:
            ctx.toast = ctx.t("common.button_unknown")

    async def resume(self, ctx: Ctx) -> None:
        data = ctx.user.flow_data
        step = ctx.user.step
        if step in ("q", "no"):
            await joining.ask(ctx)
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


async def _answer_button(ctx: Ctx, arg: str) -> None:
    if arg in ("0", "1"):
        await joining.answer(ctx, arg == "1")


QUESTION_BUTTONS = {
    "ans": _answer_button,
    "why": lambda ctx, arg: joining.why(ctx),
    "qback": lambda ctx, arg: joining.back(ctx),
    "qstop": lambda ctx, arg: joining.stop(ctx),
}
OFFER_BUTTONS = {
    "mine": lambda ctx, arg: my_signups(ctx),
    "wd": answers.ask_withdraw,
    "wdyes": answers.withdraw,
    "acc": answers.ask_contact,
    "nameonly": lambda ctx, arg: answers.accept(ctx, arg, None),
    "dec": answers.ask_decline,
    "decyes": answers.decline,
}


async def browse_entry(ctx: Ctx) -> None:
    await browse(ctx)
