"""Open Hiring for employers: post a vacancy step by step, then manage it.

Only approved employers post: those who redeemed an admin's invite (recorded in
`employer_profiles`). Employers who picked "werkgever" themselves can use the FAQ and get a
clear message here. Employers see counts only; a candidate's first name and chosen
contact reach them when that candidate accepts an offer.

The steps live in posting (fields), form_steps (questions, draft, preview) and manage.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from powbot.conversation.context import Ctx
from powbot.conversation.parse import parse_yes_no
from powbot.domain.messages import Callback
from powbot.features.open_hiring import form_steps as steps
from powbot.features.open_hiring import manage
from powbot.features.open_hiring.manage import my_vacancies, own_vacancy, require_approval, show
from powbot.features.open_hiring.posting import FIELDS, NAME, ask_field, preview, start_posting
from powbot.knowledge.text import parse_int
from powbot.storage.models_open_hiring import Vacancy

__all__ = ["NAME", "VacancyFlow", "my_vacancies", "new_vacancy"]

VacancyAction = Callable[[Ctx, Vacancy], Awaitable[None]]


async def new_vacancy(ctx: Ctx) -> None:
    if await require_approval(ctx) is None:
        return
    await start_posting(ctx)


async def _edit_field(ctx: Ctx, field: str) -> None:
    vacancy = await own_vacancy(ctx, ctx.user.flow_data.get("vid"))
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
            custom_en=list(vacancy.custom_questions_en or []),
        )
        await steps.ask_questions(ctx)
        return
    allowed = field in manage.EDITABLE_ALWAYS or (field == "places" and vacancy.status == "draft")
    if not allowed:
        await manage.ask_edit(ctx, vacancy)
        return
    ctx.set_state(NAME, field, edit=vacancy.id)
    if field == "org":
        ctx.say(ctx.t("open_hiring.edit_prefix") + "\n" + ctx.t("open_hiring.ask_org"))
        return
    await ask_field(ctx)


async def _close_typed(ctx: Ctx, text: str) -> None:
    vacancy = await own_vacancy(ctx, ctx.user.flow_data.get("vid"))
    answer = parse_yes_no(text)
    if vacancy is not None and answer is True:
        await manage.close(ctx, vacancy)
    elif vacancy is not None and answer is False:
        await show(ctx, vacancy)
    else:
        await VacancyFlow().resume(ctx)


async def _skip(ctx: Ctx) -> None:
    """Skip an optional field: nothing to bring, or travel costs not said."""
    step = ctx.user.step or ""
    if step in ("bring", "travel"):
        await steps.field_value(ctx, step, "" if step == "bring" else None)


TEXT_STEPS: dict[str, Callable[[Ctx, str], Awaitable[None]]] = {
    "org": steps.org_typed,
    "questions": steps.questions_typed,
    "custom?": steps.custom_answer,
    "custom": steps.custom_typed,
    "custom_en": steps.custom_english,
    "more": lambda ctx, text: manage.add_places(ctx, parse_int(text)),
    "preview": steps.preview_typed,
    "close?": _close_typed,
}
VACANCY_BUTTONS: dict[str, VacancyAction] = {
    "show": show,
    "pub": manage.publish,
    "pause": lambda c, v: manage.set_paused(c, v, True),
    "reopen": lambda c, v: manage.set_paused(c, v, False),
    "more": manage.ask_more_places,
    "edit": manage.ask_edit,
    "close": manage.ask_close,
    "closeyes": manage.close,
    "discard": manage.discard,
}


async def _step_button(ctx: Ctx, action: str, arg: str) -> bool:
    """Buttons of the step now on screen; False when the action is not one of them."""
    step = ctx.user.step
    if action == "q" and step == "questions" and arg.isdigit() and len(arg) < 3:
        steps.toggle(ctx, int(arg))
        await steps.ask_questions(ctx)
    elif action == "qdone" and step == "questions":
        await steps.questions_done(ctx)
    elif action == "cadd" and step == "custom?":
        steps.ask_custom_text(ctx)
    elif action == "cskip" and step == "custom?":
        await steps.custom_finish(ctx)
    elif action == "enskip" and step == "custom_en":
        await steps.custom_english(ctx, None)
    elif action == "add" and step == "more":
        await manage.add_places(ctx, parse_int(arg))
    elif action == "field" and step == "edit?":
        await _edit_field(ctx, arg)
    elif action == "skip":
        await _skip(ctx)
    elif action == "travel" and step == "travel" and arg in ("0", "1"):
        await steps.field_value(ctx, "travel", arg == "1")
    else:
        return False
    return True


class VacancyFlow:
    name = NAME
    roles: frozenset[str | None] = frozenset({"employer"})

    async def start(self, ctx: Ctx) -> None:
        await new_vacancy(ctx)

    async def on_text(self, ctx: Ctx, text: str) -> None:
        if await require_approval(ctx) is None:
            return
        step = ctx.user.step or ""
        if step in FIELDS:
            await steps.field_typed(ctx, text)
        elif step in TEXT_STEPS:
            await TEXT_STEPS[step](ctx, text)
        else:
            ctx.say(ctx.t("common.choose_a_button"))
            await self.resume(ctx)

    async def on_button(self, ctx: Ctx, callback: Callback) -> None:
        if await require_approval(ctx) is None:
            return
        action, arg = callback.action, callback.arg
        if action == "new":
            await new_vacancy(ctx)
            return
        if action == "mine":
            await my_vacancies(ctx)
            return
        if await _step_button(ctx, action, arg):
            return
        vacancy = await own_vacancy(ctx, arg)
        if vacancy is None:
            # Forged, someone else's, or gone: reveal nothing, change nothing.
            ctx.toast = ctx.t("common.button_unknown")
            return
        if vacancy.status == "closed" and action != "show":
            ctx.toast = ctx.t("common.button_unknown")
            ctx.say(ctx.t("open_hiring.vacancy_is_closed", title=vacancy.title))
            return
        handler = VACANCY_BUTTONS.get(action)
        if handler is None:
            ctx.toast = ctx.t("common.button_unknown")
            return
        await handler(ctx, vacancy)

    async def resume(self, ctx: Ctx) -> None:
        step = ctx.user.step or ""
        if step == "org":
            ctx.say(ctx.t("open_hiring.ask_org"))
        elif step in FIELDS:
            await ask_field(ctx)
        elif step == "questions":
            await steps.ask_questions(ctx)
        elif step == "custom?":
            await steps.ask_custom(ctx)
        elif step == "custom":
            ctx.say(ctx.t("open_hiring.ask_custom_text"))
        elif step == "custom_en":
            steps.ask_custom_english(ctx)
        else:
            await _resume_vacancy(ctx, step)


async def _resume_vacancy(ctx: Ctx, step: str) -> None:
    vacancy = await own_vacancy(ctx, ctx.user.flow_data.get("vid"))
    if vacancy is None:
        await my_vacancies(ctx)
    elif step == "preview":
        await preview(ctx, vacancy)
    elif step == "more":
        await manage.ask_more_places(ctx, vacancy)
    elif step == "edit?":
        await manage.ask_edit(ctx, vacancy)
    elif step == "close?":
        await manage.ask_close(ctx, vacancy)
    else:
        await show(ctx, vacancy)
