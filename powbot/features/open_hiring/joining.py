"""Signing up for a vacancy: the employer's yes/no questions, one form step asked once per
question (powbot.conversation.form), with Terug, Stop and "why do you ask?" on each; a "no"
can be taken back. Nothing is stored until the last yes: then the person joins the list
(or gets a free place at once)."""

from __future__ import annotations

from typing import Any

from powbot.conversation.context import Ctx
from powbot.conversation.form import Choice, Parsed, Step
from powbot.conversation.parse import parse_yes_no
from powbot.domain import open_hiring_queue as queue
from powbot.domain.open_hiring_offers import SEEKER_FLOW as NAME
from powbot.domain.open_hiring_offers import offer_reply
from powbot.domain.open_hiring_queue import QueueError
from powbot.features.open_hiring.browse import other_vacancies, questions_of, show_vacancy
from powbot.knowledge.text import normalise
from powbot.storage.models_open_hiring import Vacancy

BACK_WORDS = ("terug", "back", "vorige", "previous")
STOP_WORDS = ("stop", "stoppen", "cancel", "annuleren")


async def open_vacancy(ctx: Ctx) -> Vacancy | None:
    """The vacancy being signed up for, its questions kept for the steps to show; None (and
    the person told) when it closed meanwhile."""
    vacancy = await ctx.session.get(Vacancy, ctx.user.flow_data.get("vid", 0))
    if vacancy is None or vacancy.status != "open":
        ctx.set_state(None)
        ctx.say(ctx.t("open_hiring.vacancy_gone"), other_vacancies(ctx))
        return None
    ctx.update_state(qs=questions_of(ctx, vacancy), title=vacancy.title)
    return vacancy


def _asked(ctx: Ctx) -> dict[str, Any]:
    data = ctx.user.flow_data
    questions, index = data.get("qs") or [["", ""]], int(data.get("i", 0))
    question, need = questions[min(index, len(questions) - 1)]
    total = len(questions)
    return {"number": index + 1, "total": total, "question": question, "need": need}


def _yes_no_stop(ctx: Ctx, text: str) -> Parsed:
    if normalise(text) in STOP_WORDS:
        return Parsed(value="stop")
    answer = parse_yes_no(text)
    if answer is None:
        return Parsed(error="open_hiring.yes_or_no")
    return Parsed(value="yes" if answer else "no")


def _after_no(ctx: Ctx, text: str) -> Parsed:
    """After a "no": "ja", "oeps" or "terug" takes it back; anything else leaves it."""
    said = normalise(text)
    taken_back = parse_yes_no(text) is True or said in (*BACK_WORDS, "oeps", "oops", "sorry")
    return Parsed(value="redo" if taken_back else "leave")


async def _more(ctx: Ctx, value: Any, answers: dict[str, Any]) -> str | None:
    answers["more"] = int(ctx.user.flow_data.get("i", 0)) + 1 < len(ctx.user.flow_data["qs"])
    return None


def _after_question(answers: Any) -> str | None:
    if answers["q"] == "no":
        return "no"
    return "q" if answers["q"] == "yes" and answers["more"] else None


STEPS = (
    Step(
        "q",
        "open_hiring.question",
        parse=_yes_no_stop,
        choices=(
            Choice("yes", "common.yes"),
            Choice("no", "common.no"),
            Choice("stop", "open_hiring.q_stop"),
        ),
        why="open_hiring.why_answer",
        why_label="open_hiring.why_ask",
        hint="open_hiring.yes_or_no",
        values=_asked,
        after=_more,
        next=_after_question,
        goes_to=("q", "no"),
    ),
    Step(
        "no",
        "open_hiring.not_eligible",
        parse=_after_no,
        choices=(Choice("redo", "open_hiring.change_answer"),),
        values=lambda ctx: {**_asked(ctx), "title": ctx.user.flow_data.get("title", "")},
        buttons_after=other_vacancies,
        back=False,
        next=lambda answers: "q" if answers["no"] == "redo" else None,
        goes_to=("q",),
    ),
)


async def finish(ctx: Ctx, answers: dict[str, Any]) -> None:
    """The form done: stopped, left after a "no", or every answer yes."""
    step, vacancy_id = ctx.user.step, int(ctx.user.flow_data.get("vid", 0))
    if step == "no":
        ctx.set_state(None)
        ctx.say(ctx.t("open_hiring.after_no_hint"), other_vacancies(ctx))
    elif answers.get("q") == "stop":
        ctx.set_state(None)
        ctx.say(ctx.t("open_hiring.signup_stopped"), other_vacancies(ctx))
    else:
        await complete(ctx, vacancy_id)


async def back_out(ctx: Ctx) -> None:
    """Back at the first question: the vacancy again."""
    vacancy_id = int(ctx.user.flow_data.get("vid", 0))
    ctx.set_state(None)
    await show_vacancy(ctx, vacancy_id)


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
