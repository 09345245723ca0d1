"""Open Hiring for employers: post a vacancy step by step, then manage it.

Only approved employers post: those who redeemed an admin's invite (recorded in
`employer_profiles`). Employers who picked "werkgever" themselves can use the FAQ and get a
clear message here. Employers see counts only; a candidate's first name and chosen
contact reach them when that candidate accepts an offer.

The posting is a declared form (powbot.conversation.form): its steps live in posting
(fields) and form_steps (questions, own questions); the same steps change one field from
the preview. The preview and managing a vacancy (manage) are the flow's other states.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from powbot.conversation.context import Ctx
from powbot.conversation.form import HANDLED_ACTIONS, Form
from powbot.conversation.parse import parse_yes_no
from powbot.domain.messages import Callback
from powbot.domain.open_hiring_employer import approved_profile, known_organisation
from powbot.features.open_hiring import form_steps as steps
from powbot.features.open_hiring import manage
from powbot.features.open_hiring.manage import my_vacancies, own_vacancy, require_approval, show
from powbot.features.open_hiring.posting import FIELD_STEPS, NAME, draft_vacancy, preview
from powbot.knowledge.text import parse_int
from powbot.storage.models_open_hiring import Vacancy

__all__ = ["NAME", "VacancyFlow", "my_vacancies", "new_vacancy"]

VacancyAction = Callable[[Ctx, Vacancy], Awaitable[None]]


async def new_vacancy(ctx: Ctx) -> None:
    if await require_approval(ctx) is None:
        return
    await FLOW.begin(ctx)


async def _edit_field(ctx: Ctx, field: str) -> None:
    vacancy = await own_vacancy(ctx, ctx.user.flow_data.get("vid"))
    if vacancy is None or vacancy.status == "closed":
        ctx.set_state(None)
        ctx.say(ctx.t("open_hiring.vacancy_gone_employer"))
        return
    if field == "questions" and vacancy.status == "draft":
        known = {"questions": list(vacancy.questions)}
        await FLOW.start_at(ctx, "questions", answers=known, edit=vacancy.id, field=field)
        return
    allowed = field in manage.EDITABLE_ALWAYS or (field == "places" and vacancy.status == "draft")
    if not allowed:
        await manage.ask_edit(ctx, vacancy)
        return
    await FLOW.start_at(ctx, field, only=True, edit=vacancy.id, field=field)


async def _close_typed(ctx: Ctx, text: str) -> None:
    vacancy = await own_vacancy(ctx, ctx.user.flow_data.get("vid"))
    answer = parse_yes_no(text)
    if vacancy is not None and answer is True:
        await manage.close(ctx, vacancy)
    elif vacancy is not None and answer is False:
        await show(ctx, vacancy)
    else:
        await FLOW.resume(ctx)


TEXT_STEPS: dict[str, Callable[[Ctx, str], Awaitable[None]]] = {
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
    """Buttons of the manage screen now shown; False when the action is not one of them."""
    step = ctx.user.step
    if action == "add" and step == "more":
        await manage.add_places(ctx, parse_int(arg))
    elif action == "field" and step == "edit?":
        await _edit_field(ctx, arg)
    else:
        return False
    return True


async def _vacancy_button(ctx: Ctx, action: str, arg: str) -> None:
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


class VacancyFlow(Form):
    """The posting form, plus the states around a posted vacancy (preview, more places,
    edit which field, close?) that the form's steps lead to and come back from."""

    edit_prefix = "open_hiring.edit_prefix"
    # The list and a vacancy's screen keep working after other messages (unbound buttons).
    unbound_actions = frozenset({"new", "mine", *VACANCY_BUTTONS})

    def __init__(self) -> None:
        super().__init__(
            NAME, frozenset({"employer"}), (*FIELD_STEPS, *steps.QUESTION_STEPS), self._complete
        )

    async def start(self, ctx: Ctx, **data: Any) -> None:
        await new_vacancy(ctx)

    async def begin(self, ctx: Ctx) -> None:
        """A new vacancy: the organisation only when we do not know it yet."""
        profile = await approved_profile(ctx, ctx.user)
        if profile is None:
            return
        organisation = await known_organisation(ctx, profile)
        if not organisation:
            await self.start_at(ctx, "org")
            return
        intro = ctx.t("open_hiring.new_intro", organisation=organisation)
        await self.start_at(ctx, "title", before=intro)

    async def _complete(self, ctx: Ctx, answers: dict[str, Any]) -> None:
        """The form done: the edited vacancy saved, or a new draft shown for publishing."""
        if ctx.user.flow_data.get("edit"):
            await steps.save_edit(ctx, answers)
            return
        profile = await approved_profile(ctx, ctx.user)
        vacancy = draft_vacancy(ctx, answers, (profile.organisation if profile else None) or "")
        if profile is None or vacancy is None:
            await self.begin(ctx)
            return
        ctx.session.add(vacancy)
        await ctx.session.flush()
        await preview(ctx, vacancy)

    async def on_text(self, ctx: Ctx, text: str) -> None:
        if await require_approval(ctx) is None:
            return
        step = ctx.user.step or ""
        if step in self.steps:
            await super().on_text(ctx, text)
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
        elif action == "mine":
            await my_vacancies(ctx)
        elif action in HANDLED_ACTIONS and (ctx.user.step or "") in self.steps:
            await super().on_button(ctx, callback)
        elif not await _step_button(ctx, action, arg):
            await _vacancy_button(ctx, action, arg)

    async def resume(
        self, ctx: Ctx, problem: str | None = None, *, before: str | None = None, **values: Any
    ) -> None:
        step = ctx.user.step or ""
        if step in self.steps:
            await super().resume(ctx, problem, before=before, **values)
        else:
            await _resume_vacancy(ctx, step)


FLOW = VacancyFlow()


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
