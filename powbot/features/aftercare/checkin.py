"""One check-in as a conversation: the mood, the moment's questions, the contact question,
and closing it (risk rules, an alert to the coach, what the worker is told)."""

from __future__ import annotations

from sqlalchemy import delete
from sqlmodel import col

from powbot.conversation.context import Ctx
from powbot.conversation.registry import SIDE_ANSWERS
from powbot.domain.aftercare_records import (
    MISSED,
    answerable,
    answers_of,
    keep_words,
    latest_answerable,
    resolve_no_answer,
    settled_questions,
)
from powbot.domain.messages import Button
from powbot.domain.unit import Services
from powbot.features.aftercare.common import AFTERCARE_FLOW, back_to_menu, coach_of
from powbot.features.aftercare.conclude import WITH_HELP, conclude, who_can_help
from powbot.features.aftercare.texts import mood_reply
from powbot.features.onboarding.flow import ask_consent
from powbot.features.understanding.intents import looks_like_question
from powbot.knowledge.aftercare import Question
from powbot.knowledge.text import normalise, parse_yes_no
from powbot.storage.models import User
from powbot.storage.models_aftercare import CheckIn, CheckInAnswer

NAME = AFTERCARE_FLOW


async def _steps(services: Services, checkin: CheckIn, seeker: User) -> list[str]:
    """The questions of this check-in, less those already settled for this worker; the
    contact question only for someone with a coach."""
    aftercare = services.content.aftercare
    questions = [aftercare.question(qid) for qid in checkin.questions]
    settled = await settled_questions(services, checkin, questions)
    steps = [qid for qid in checkin.questions if qid not in settled]
    if await coach_of(services, seeker) is not None:
        steps.append(services.content.aftercare.contact_question)
    return steps


async def own_open_checkin(ctx: Ctx, checkin_id: int | None) -> CheckIn | None:
    """The check-in when it is this worker's and can still be answered (late too)."""
    if checkin_id is None:
        return None
    checkin = await ctx.session.get(CheckIn, checkin_id)
    if checkin is None or checkin.seeker_id != ctx.user.id or checkin.audience != "worker":
        return None
    return checkin if await answerable(ctx, checkin) else None


async def latest_open_checkin(ctx: Ctx) -> CheckIn | None:
    return await latest_answerable(ctx, ctx.user.id)


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
    answers = await answers_of(ctx, checkin.id)
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
    late = checkin.status == MISSED
    if late:
        # Answered after the coach was told: accepted, marked late, and it counts.
        checkin.late = True
        await resolve_no_answer(ctx, ctx.user.id)
    checkin.mood = mood
    checkin.status = "started"
    key = (
        "aftercare.mood_low"
        if mood <= 2
        else "aftercare.mood_ok"
        if mood == 3
        else "aftercare.mood_good"
    )
    prefix = ctx.t(key)
    if late:
        prefix = ctx.t("aftercare.late_welcome") + " " + prefix
    await _ask_next(ctx, checkin, prefix=prefix)


async def take_words(ctx: Ctx, checkin: CheckIn, step: str, text: str) -> None:
    """Something typed during a check-in that is not an answer: kept with the check-in
    (risk words count as a rule), and a reply that says so; then the same step again. A bare
    'ja', 'nee' or 'ok' where the question has other answers says nothing to keep: the
    choices are shown again instead of the coach reading "ja"."""
    typed = ctx.content.aftercare.typed_risks(text)
    if not typed and len(normalise(text).split()) <= 2 and parse_yes_no(text) is not None:
        await continue_after(ctx, checkin, ctx.t("common.choose_a_button"))
        return
    await keep_words(ctx, checkin, ctx.user.id, step, text)
    if typed:
        checkin.typed_risks = sorted({*checkin.typed_risks, *typed})
    elif looks_like_question(text) and (side := SIDE_ANSWERS.get(ctx.user.role)) is not None:
        await side(ctx, text)  # 'stopt mijn bijstand nu meteen?': answered when the FAQ is sure
    coach = await coach_of(ctx, ctx.user)
    if typed:
        key = "aftercare.heard_you"
    elif coach is not None and ctx.user.share_with_coach:
        key = "aftercare.words_kept_coach"
    else:
        key = "aftercare.words_kept"
    await continue_after(ctx, checkin, ctx.t(key))


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
    alone = await coach_of(ctx, ctx.user) is None
    help_text = ctx.content.aftercare.help_for(question.id, answer, without_coach=alone)
    if help_text is not None:
        ctx.say("ℹ️ " + help_text.get(ctx.lang))
    await _ask_next(ctx, checkin)


async def _finish(ctx: Ctx, checkin: CheckIn) -> None:
    outcome = await conclude(ctx, checkin, ctx.user)
    if outcome is not None:
        text = ctx.t(outcome)
        if outcome in WITH_HELP:
            text += "\n\n" + await who_can_help(ctx, ctx.lang, ctx.user)
        ctx.say(text)
    await back_to_menu(ctx, "aftercare.thanks")


async def continue_after(ctx: Ctx, checkin: CheckIn, prefix: str) -> None:
    if checkin.mood is None:
        ctx.say(prefix)
        await continue_checkin(ctx, checkin)
    else:
        await _ask_next(ctx, checkin, prefix=prefix)
