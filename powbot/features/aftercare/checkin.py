"""One check-in as a conversation: the mood, the moment's questions, the contact question,
and closing it (risk rules, an alert to the coach, what the worker is told)."""

from __future__ import annotations

from sqlalchemy import delete
from sqlmodel import col, select

from powbot.conversation.context import Ctx
from powbot.domain.messages import Button
from powbot.domain.unit import Services
from powbot.features.aftercare.common import (
    AFTERCARE_FLOW,
    OPEN_CHECKIN,
    back_to_menu,
    checkin_ref,
    coach_of,
    raise_alert,
)
from powbot.features.aftercare.texts import mood_reply
from powbot.features.onboarding.flow import ask_consent
from powbot.knowledge.aftercare import Question
from powbot.storage.models import User
from powbot.storage.models_aftercare import CheckIn, CheckInAnswer

NAME = AFTERCARE_FLOW


async def _answers(services: Services, checkin_id: int) -> dict[str, str]:
    rows = await services.session.exec(
        select(CheckInAnswer).where(CheckInAnswer.checkin_id == checkin_id)
    )
    return {row.question_id: row.answer for row in rows.all()}


async def _steps(services: Services, checkin: CheckIn, seeker: User) -> list[str]:
    """The questions of this check-in; the contact question only for someone with a coach."""
    steps = list(checkin.questions)
    if await coach_of(services, seeker) is not None:
        steps.append(services.content.aftercare.contact_question)
    return steps


async def own_open_checkin(ctx: Ctx, checkin_id: int | None) -> CheckIn | None:
    if checkin_id is None:
        return None
    checkin = await ctx.session.get(CheckIn, checkin_id)
    if checkin is None or checkin.seeker_id != ctx.user.id or checkin.status not in OPEN_CHECKIN:
        return None
    return checkin


async def latest_open_checkin(ctx: Ctx) -> CheckIn | None:
    rows = await ctx.session.exec(
        select(CheckIn)
        .where(CheckIn.seeker_id == ctx.user.id, col(CheckIn.status).in_(OPEN_CHECKIN))
        .order_by(col(CheckIn.due_at).desc())
    )
    return rows.first()


async def start(ctx: Ctx) -> None:
    """/checkin: continue an open check-in, or say there is none."""
    checkin = await latest_open_checkin(ctx)
    if checkin is None:
        await back_to_menu(ctx, "aftercare.no_open_checkin")
        return
    await continue_checkin(ctx, checkin)


async def continue_checkin(ctx: Ctx, checkin: CheckIn) -> None:
    if ctx.user.consent_at is None:
        # Check-ins ask about health and money: the general consent comes first.
        await ask_consent(ctx, then=NAME)
        return
    assert checkin.id is not None
    if checkin.mood is None:
        ctx.set_state(NAME, "mood", checkin=checkin.id)
        ctx.replies.append(mood_reply(ctx, ctx.lang, checkin, "aftercare.checkin_intro"))
        return
    await _ask_next(ctx, checkin)


async def _ask_next(ctx: Ctx, checkin: CheckIn, prefix: str | None = None) -> None:
    assert checkin.id is not None
    answers = await _answers(ctx, checkin.id)
    steps = await _steps(ctx, checkin, ctx.user)
    remaining = [step for step in steps if step not in answers]
    if not remaining:
        await _finish(ctx, checkin)
        return
    question = ctx.content.aftercare.question(remaining[0])
    ctx.set_state(NAME, question.id, checkin=checkin.id)
    number = steps.index(question.id) + 1
    lines = [
        ctx.t("aftercare.progress", number=number, total=len(steps)),
        "",
        question.text.get(ctx.lang),
    ]
    if prefix:
        lines.insert(0, prefix + "\n")
    ctx.say("\n".join(lines), _answer_buttons(ctx, question))


def _answer_label(ctx: Ctx, question: Question, answer: str) -> str:
    return question.label(answer, ctx.lang) or ctx.t(f"common.{answer}")


def _answer_buttons(ctx: Ctx, question: Question) -> list[list[Button]]:
    answers = question.answer_ids()
    if question.type == "yesno":
        return [
            [
                ctx.button(_answer_label(ctx, question, a), NAME, "a", str(i))
                for i, a in enumerate(answers)
            ]
        ]
    return [
        [ctx.button(_answer_label(ctx, question, a), NAME, "a", str(i))]
        for i, a in enumerate(answers)
    ]


async def record_mood(ctx: Ctx, checkin: CheckIn, mood: int) -> None:
    checkin.mood = mood
    checkin.status = "started"
    key = (
        "aftercare.mood_low"
        if mood <= 2
        else "aftercare.mood_ok"
        if mood == 3
        else "aftercare.mood_good"
    )
    await _ask_next(ctx, checkin, prefix=ctx.t(key))


async def record_answer(ctx: Ctx, checkin: CheckIn, question: Question, answer: str) -> None:
    assert checkin.id is not None
    await ctx.session.exec(
        delete(CheckInAnswer).where(
            col(CheckInAnswer.checkin_id) == checkin.id,
            col(CheckInAnswer.question_id) == question.id,
        )
    )
    ctx.session.add(
        CheckInAnswer(
            checkin_id=checkin.id,
            seeker_id=ctx.user.id,
            question_id=question.id,
            answer=answer,
            answered_at=ctx.now,
        )
    )
    await ctx.session.flush()
    help_text = ctx.content.aftercare.help_for(question.id, answer)
    if help_text is not None:
        ctx.say("ℹ️ " + help_text.get(ctx.lang))
    await _ask_next(ctx, checkin)


async def conclude(services: Services, checkin: CheckIn, seeker: User) -> str | None:
    """Close a check-in: evaluate the risk rules and alert the coach when one holds.

    Returns the catalog key of what to tell the worker about it (None: nothing to tell).
    """
    assert checkin.id is not None
    aftercare = services.content.aftercare
    answers = await _answers(services, checkin.id)
    risks = aftercare.risks_for(checkin.mood, answers, list(checkin.typed_risks))
    checkin.risks = risks
    checkin.status = "answered"
    checkin.answered_at = services.now
    await services.cancel_scheduled(checkin_ref(checkin.id))
    if not risks:
        return None
    coach = await coach_of(services, seeker)
    if coach is not None and seeker.share_with_coach:
        await raise_alert(
            services, seeker=seeker, coach=coach, kind="risk", reasons=risks, checkin=checkin
        )
        return "aftercare.coach_told"
    if coach is not None and "contact" in risks:
        # Not sharing, yet asking for contact: the coach learns only that.
        await raise_alert(
            services,
            seeker=seeker,
            coach=coach,
            kind="risk",
            reasons=["contact"],
            checkin=checkin,
            limited=True,
        )
        return (
            "aftercare.coach_told_contact"
            if risks == ["contact"]
            else "aftercare.coach_told_contact_help"
        )
    return "aftercare.no_coach_help"


async def _finish(ctx: Ctx, checkin: CheckIn) -> None:
    outcome = await conclude(ctx, checkin, ctx.user)
    if outcome is not None:
        text = ctx.t(outcome)
        if outcome in ("aftercare.no_coach_help", "aftercare.coach_told_contact_help"):
            text += "\n\n" + ctx.content.aftercare.help_without_coach.get(ctx.lang)
        ctx.say(text)
    await back_to_menu(ctx, "aftercare.thanks")


async def continue_after(ctx: Ctx, checkin: CheckIn, prefix: str) -> None:
    if checkin.mood is None:
        ctx.say(prefix)
        await continue_checkin(ctx, checkin)
    else:
        await _ask_next(ctx, checkin, prefix=prefix)
