"""What each intent does, per role; every one ends where the user can go on (the current
step shown again, or the menu) — never a dead end."""

from __future__ import annotations

from datetime import timedelta

from powbot.conversation.context import Ctx
from powbot.conversation.registry import FLOWS, START_CODES
from powbot.domain.messages import Button, Callback
from powbot.domain.resumable import has_unfinished_questionnaire
from powbot.features.menu import show_help, show_menu, stop
from powbot.features.understanding import intents
from powbot.features.understanding.steps import current_flow, resume
from powbot.knowledge.faq import Contact
from powbot.knowledge.text import normalise

QUESTIONNAIRE = "questionnaire"
AWAY = timedelta(hours=1)  # a greeting after this long is a "welcome back"


def _unbound(label: str, flow: str, action: str, arg: str = "") -> Button:
    return Button(label=label, data=Callback(flow, action, arg, None).encode())


async def leave_flow(ctx: Ctx) -> None:
    """Leave the current conversation as the menu does (kept for later if it has progress)."""
    flow = FLOWS.get(ctx.user.flow or "")
    on_stop = getattr(flow, "on_stop", None)
    if on_stop is not None:
        await on_stop(ctx)
    ctx.set_state(None)


async def run(ctx: Ctx, intent: str, text: str) -> bool:
    """Carry out the intent. False when it does not apply here (the text goes on)."""
    in_flow = current_flow(ctx) is not None
    if intent == intents.GREETING:
        await _greet(ctx, in_flow)
    elif intent == intents.HELP:
        await show_help(ctx)
        if in_flow:
            await resume(ctx)
    elif intent == intents.HUMAN:
        await _person(ctx, text)
        if in_flow:
            ctx.say(ctx.t_role("understanding.go_on"))
            await resume(ctx)
    elif intent == intents.LANGUAGE:
        from powbot.features.onboarding.flow import choose_language

        await choose_language(ctx)
    elif intent in (intents.STOP, intents.MENU):
        await stop(ctx)
    elif intent in (intents.VACANCY, intents.JOBS):
        return await (_vacancy(ctx) if intent == intents.VACANCY else _jobs(ctx))
    elif intent == intents.CODE:
        await _code(ctx, intents.code_in(text) or text.strip())
    else:
        return False
    return True


async def people_named(ctx: Ctx, text: str) -> tuple[str, ...]:
    """The name of a job seeker's coach, when the text may ask to talk to them ('kan ik met
    anna praten'); looked up only then."""
    if ctx.user.role != "seeker" or ctx.user.coach_id is None:
        return ()
    if not intents.names_a_way_to_talk(ctx.content.catalog, text):
        return ()
    from powbot.features.aftercare.common import coach_of

    coach = await coach_of(ctx, ctx.user)
    name = normalise(coach.first_name) if coach is not None and coach.first_name else ""
    return (name,) if name else ()


async def _greet(ctx: Ctx, in_flow: bool) -> None:
    if ctx.user.flow == "onboarding" and ctx.user.role is None:
        ctx.say(ctx.t("understanding.hello_new"))  # just arrived: not "welcome back"
        await resume(ctx)
        return
    # "Welcome back" to someone who was away; a plain "hi" to someone who wrote just now.
    last = ctx.last_active_at
    back = last is not None and ctx.now - last >= AWAY
    if in_flow:
        ctx.say(
            ctx.t_role("understanding.welcome_back_step" if back else "understanding.hello_step")
        )
        await resume(ctx)
        return
    if ctx.user.role == "seeker" and await has_unfinished_questionnaire(ctx, ctx.user.id):
        start = getattr(FLOWS.get(QUESTIONNAIRE), "start", None)
        if start is not None:
            key = "welcome_back_paused" if back else "hello_paused"
            ctx.say(ctx.t(f"understanding.{key}"))
            await start(ctx)  # offers "continue where you were" or "start over"
            return
    ctx.set_state(None)
    await show_menu(ctx, "menu.welcome_back" if back else "menu.hello")


def _contact_text(contact: Contact, lang: str) -> str:
    lines = [contact.name]
    lines += [value for value in (contact.phone, contact.email, contact.website) if value]
    if contact.hours is not None:
        lines.append(contact.hours.get(lang))
    return "\n".join(lines)


async def _person(ctx: Ctx, text: str) -> None:
    """The right person for the role: the coach or the gemeente; the WSP for employers."""
    role = ctx.user.role
    if role == "seeker":
        from powbot.domain.coaching import display_name
        from powbot.features.aftercare.common import coach_of

        coach = await coach_of(ctx, ctx.user)
        if coach is not None:
            label = ctx.t("aftercare.btn_message_coach")
            ctx.say(
                ctx.t("understanding.human_coach", coach=display_name(ctx, ctx.lang, coach)),
                [[_unbound(label, "client", "write")]],
            )
            return
        ctx.say(ctx.t("understanding.human_no_coach", contact=_gemeente(ctx)))
    elif role == "employer":
        from powbot.features.faq.common import wants_a_call_back
        from powbot.features.faq.flow import start_handoff, wsp_block

        if wants_a_call_back(ctx, text):  # 'bel mij terug' is the form itself (tester)
            last = ctx.user.flow_data.get("q")
            await start_handoff(ctx, last if isinstance(last, str) else None)
            return
        ctx.say(  # the block once: the call-back form that may follow only refers to it
            ctx.t("understanding.human_employer") + "\n\n" + wsp_block(ctx),
            [[_unbound(ctx.t("faq.handoff_button"), "faq", "h", "-")]],
        )
    elif role is None:  # not chosen yet: the way to a person for either
        from powbot.features.faq.flow import wsp_details

        ctx.say(ctx.t("understanding.human_no_role", gemeente=_gemeente(ctx), wsp=wsp_details(ctx)))
    else:
        ctx.say(ctx.t("understanding.human_staff"))


def _gemeente(ctx: Ctx) -> str:
    gemeente = ctx.content.region.gemeente
    return _contact_text(gemeente, ctx.lang) if gemeente else ctx.t("understanding.gemeente_any")


async def _vacancy(ctx: Ctx) -> bool:
    if ctx.user.role != "employer":
        return False
    from powbot.features.open_hiring.vacancies import new_vacancy

    await leave_flow(ctx)
    await new_vacancy(ctx)
    return True


async def _jobs(ctx: Ctx) -> bool:
    """'ik zoek werk als chauffeur', 'zijn er banen in de schoonmaak?': the vacancies."""
    from powbot.features.menu import menu_items, open_item

    item = next((i for i in menu_items(ctx) if i.id == "vacancies"), None)
    if item is None:
        return False
    ctx.say(ctx.t("understanding.jobs_intro"))
    await open_item(ctx, item)
    return True


async def _code(ctx: Ctx, code: str) -> None:
    for handler in START_CODES:
        if await handler(ctx, code):
            return
    ctx.say(ctx.t("understanding.code_unknown"))
    await resume(ctx)


async def honest_way_on(ctx: Ctx) -> None:
    """What the bot can do for this role, the menu, and how to reach a person."""
    role = ctx.user.role or "seeker"
    ctx.set_state(None)
    await show_menu(ctx, f"understanding.way_on_{role}")


def speaks_note(ctx: Ctx, code: str | None, key: str = "understanding.speaks") -> str:
    """'I speak Dutch and English' in both, and first in the writer's language if we have it."""
    note = ctx.t(key)
    language = ctx.content.safety.language(code) if code else None
    if language is None or code in ("nl", "en"):
        return note
    return f"{language.speaks}\n{note}"
