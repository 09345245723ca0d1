"""Signing up for a vacancy: the employer's yes/no questions one by one, with Terug, Stop
and "why do you ask?" on each; a "no" can be taken back. Nothing is stored until the
last yes: then the person joins the list (or gets a free place at once)."""

from __future__ import annotations

from powbot.conversation.context import Ctx
from powbot.conversation.parse import is_why, parse_yes_no
from powbot.domain import open_hiring_queue as queue
from powbot.domain.open_hiring_offers import SEEKER_FLOW as NAME
from powbot.domain.open_hiring_offers import offer_reply
from powbot.domain.open_hiring_queue import QueueError
from powbot.features.open_hiring.browse import other_vacancies, questions_of, show_vacancy
from powbot.knowledge.text import normalise
from powbot.storage.models_open_hiring import Vacancy

BACK_WORDS = ("terug", "back", "vorige", "previous")


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
    mine = await queue.live_signup(ctx, vacancy_id, ctx.user.id)
    if mine is not None:
        await show_vacancy(ctx, vacancy_id)
        return
    questions = questions_of(ctx, vacancy)
    if not questions:
        await complete(ctx, vacancy_id)
        return
    ctx.set_state(NAME, "q", vid=vacancy_id, i=0)
    ctx.say(ctx.t("open_hiring.join_intro", title=vacancy.title, count=len(questions)))
    await ask(ctx)


async def _current(ctx: Ctx) -> tuple[Vacancy, list[tuple[str, str]], int] | None:
    """The vacancy being signed up for, its questions and the index asked; None (and the
    person told) when the vacancy closed meanwhile."""
    vacancy = await ctx.session.get(Vacancy, ctx.user.flow_data.get("vid", 0))
    if vacancy is None or vacancy.status != "open":
        ctx.set_state(None)
        ctx.say(ctx.t("open_hiring.vacancy_gone"), other_vacancies(ctx))
        return None
    return vacancy, questions_of(ctx, vacancy), int(ctx.user.flow_data.get("i", 0))


async def ask(ctx: Ctx) -> None:
    current = await _current(ctx)
    if current is None:
        return
    vacancy, questions, index = current
    if index >= len(questions):
        await complete(ctx, vacancy.id or 0)
        return
    ctx.update_state(step="q")
    text = ctx.t(
        "open_hiring.question", number=index + 1, total=len(questions), question=questions[index][0]
    )
    ctx.say(
        text,
        [
            [
                ctx.button(ctx.t("common.yes"), NAME, "ans", "1"),
                ctx.button(ctx.t("common.no"), NAME, "ans", "0"),
            ],
            [ctx.button(ctx.t("open_hiring.why_ask"), NAME, "why")],
            [
                ctx.button(ctx.t("open_hiring.q_back"), NAME, "qback"),
                ctx.button(ctx.t("open_hiring.q_stop"), NAME, "qstop"),
            ],
        ],
    )


async def answer(ctx: Ctx, yes: bool) -> None:
    current = await _current(ctx)
    if current is None:
        return
    vacancy, questions, index = current
    if not yes and index < len(questions):
        # Nothing is stored: not the answer, not that they tried. A mistake can be undone.
        ctx.update_state(step="no")
        ctx.say(
            ctx.t("open_hiring.not_eligible", need=questions[index][1], title=vacancy.title),
            [
                [ctx.button(ctx.t("open_hiring.change_answer"), NAME, "redo")],
                *other_vacancies(ctx),
            ],
        )
        return
    ctx.update_state(i=index + 1)
    await ask(ctx)


async def why(ctx: Ctx) -> None:
    current = await _current(ctx)
    if current is None:
        return
    _, questions, index = current
    if index < len(questions):
        ctx.say(ctx.t("open_hiring.why_answer", need=questions[index][1]))
    await ask(ctx)


async def back(ctx: Ctx) -> None:
    index = int(ctx.user.flow_data.get("i", 0))
    if index <= 0:
        ctx.set_state(None)
        await show_vacancy(ctx, int(ctx.user.flow_data.get("vid", 0)))
        return
    ctx.update_state(i=index - 1)
    await ask(ctx)


async def stop(ctx: Ctx) -> None:
    ctx.set_state(None)
    ctx.say(ctx.t("open_hiring.signup_stopped"), other_vacancies(ctx))


async def question_text(ctx: Ctx, text: str) -> None:
    """Typed during the questions: yes, no, why, back or stop."""
    said = normalise(text)
    if said in BACK_WORDS:
        await back(ctx)
        return
    if said in ("stop", "stoppen", "cancel", "annuleren"):
        await stop(ctx)
        return
    if is_why(text):
        await why(ctx)
        return
    yes_no = parse_yes_no(text)
    if yes_no is None:
        ctx.say(ctx.t("open_hiring.yes_or_no"))
        await ask(ctx)
        return
    await answer(ctx, yes_no)


async def after_no_text(ctx: Ctx, text: str) -> None:
    """After a "no": "ja", "oeps" or "terug" takes it back; anything else leaves it."""
    said = normalise(text)
    if parse_yes_no(text) is True or said in (*BACK_WORDS, "oeps", "oops", "sorry"):
        await redo(ctx)
        return
    ctx.set_state(None)
    ctx.say(ctx.t("open_hiring.after_no_hint"), other_vacancies(ctx))


async def redo(ctx: Ctx) -> None:
    """Ask the question answered with "no" again."""
    if ctx.user.flow_data.get("vid") is None:
        ctx.set_state(None)
        return
    ctx.update_state(step="q")
    await ask(ctx)


async def complete(ctx: Ctx, vacancy_id: int) -> None:
    ctx.set_state(None)
    try:
        signup, offers = await queue.sign_up(ctx, vacancy_id, ctx.user.id)
    except QueueError as error:
        ctx.say(ctx.t(error.key), other_vacancies(ctx))
        return
    vacancy = await ctx.session.get(Vacancy, vacancy_id)
    assert vacancy is not None
    mine = next((offer for offer in offers if offer.user_id == ctx.user.id), None)
    if mine is not None:
        ctx.say(ctx.t("open_hiring.signed_up_offer", title=vacancy.title))
        ctx.replies.append(offer_reply(ctx, ctx.lang, mine, vacancy))
        return
    # Still waiting after allocation: every place is held by someone else.
    ctx.say(
        ctx.t(
            "open_hiring.signed_up",
            title=vacancy.title,
            position=signup.told_position or await queue.position(ctx, signup),
        ),
        [
            [ctx.button(ctx.t("open_hiring.my_signups"), NAME, "mine", bound=False)],
            *other_vacancies(ctx),
        ],
    )
