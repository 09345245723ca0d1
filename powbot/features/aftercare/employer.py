"""The employer's side of aftercare: when the placement's employer uses powbot (every Open
Hiring hire), short check-ins in week 2, month 1 and month 3. Each answer that asks for
something links to the vetted FAQ answer or the werkgeversservicepunt; the answers reach
the worker's coach, and a worrying answer raises an alert."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlmodel import col

from powbot.conversation.context import Ctx
from powbot.domain.aftercare_planning import phase_of
from powbot.domain.aftercare_records import answers_of, keep_words
from powbot.domain.coaching import display_name, push_button
from powbot.domain.ids import parse_id, parse_index
from powbot.domain.messages import Button, Callback, Reply
from powbot.domain.unit import Services
from powbot.features.aftercare.alert_text import answer_line
from powbot.features.aftercare.common import coach_of, raise_alert
from powbot.features.aftercare.conclude import answer_details
from powbot.knowledge.aftercare import Question
from powbot.storage.models import Placement, User
from powbot.storage.models_aftercare import CheckIn, CheckInAnswer

EMPLOYER_FLOW = "aftercare_employer"
OPEN = ("sent", "started")


def _question_reply(
    services: Services, lang: str, checkin: CheckIn, question: Question, prefix: str = ""
) -> Reply:
    assert checkin.id is not None
    number = checkin.questions.index(question.id) + 1
    text = "\n".join(
        [
            *([prefix, ""] if prefix else []),
            services.text(lang, "aftercare.progress", number=number, total=len(checkin.questions)),
            "",
            question.text.get(lang),
        ]
    )
    labels = [question.label(a, lang) or a for a in question.answer_ids()]
    buttons: list[list[Button]] = [
        [push_button(label, EMPLOYER_FLOW, "a", f"{checkin.id}.{question.id}.{index}")]
        for index, label in enumerate(labels)
    ]
    return Reply(text, buttons)


async def send_employer_checkin(services: Services, checkin: CheckIn, employer: User) -> None:
    """The job's part: the opening line and the first question, to the employer."""
    placement = await services.session.get(Placement, checkin.placement_id)
    worker = await services.session.get(User, checkin.seeker_id)
    if placement is None or worker is None:
        checkin.status = "cancelled"
        return
    lang = services.lang_of(employer)
    moment = services.content.aftercare.moment(checkin.moment)
    intro = moment.intro.get(lang) if moment and moment.intro else ""
    intro = intro.replace("{name}", display_name(services, lang, worker))
    intro = intro.replace("{title}", placement.job_title or "")
    # Who may read the answers, said to every employer alike: whether the worker has a
    # coach is the worker's business, not the employer's (tester).
    privacy = services.text(
        lang, "aftercare.employer_privacy", name=display_name(services, lang, worker)
    )
    intro = f"{intro}\n\n{privacy}" if intro else privacy
    checkin.status = "sent"
    checkin.sent_at = services.after_quiet_hours(services.now)
    first = services.content.aftercare.question(checkin.questions[0])
    await services.notify(employer.id, _question_reply(services, lang, checkin, first, intro))
    if employer.flow is None:
        employer.flow, employer.step = EMPLOYER_FLOW, first.id
        employer.flow_data = {"checkin": checkin.id}


async def _own_checkin(ctx: Ctx, checkin_id: Any) -> CheckIn | None:
    key = parse_id(checkin_id)
    if key is None:
        return None
    checkin = await ctx.session.get(CheckIn, key)
    if checkin is None or checkin.recipient_id != ctx.user.id or checkin.status not in OPEN:
        return None
    return checkin


def _after_answer(ctx: Ctx, question: Question, answer: str) -> list[str]:
    """Help that fits the answer: the vetted FAQ answer, the WSP, or the question's help."""
    lines: list[str] = []
    option = question.option(answer)
    if question.worrying(answer) and question.help is not None:
        lines.append("ℹ️ " + question.help.get(ctx.lang))
    if option is not None and option.faq:
        entry = ctx.content.faq.get(option.faq)
        if entry is not None:
            lines.append("ℹ️ " + entry.answer.get(ctx.lang))
    if (option is not None and option.wsp) or question.worrying(answer):
        wsp = ctx.content.region.wsp
        contact = ", ".join(p for p in (wsp.name, wsp.phone, wsp.email) if p)
        lines.append(ctx.t("aftercare.employer_wsp", contact=contact))
    return lines


async def record_employer_answer(ctx: Ctx, checkin: CheckIn, question_id: str, answer: str) -> None:
    assert checkin.id is not None
    await ctx.session.exec(
        delete(CheckInAnswer).where(
            col(CheckInAnswer.checkin_id) == checkin.id,
            col(CheckInAnswer.question_id) == question_id,
        )
    )
    ctx.session.add(
        CheckInAnswer(
            checkin_id=checkin.id,
            seeker_id=checkin.seeker_id,
            question_id=question_id,
            answer=answer,
            answered_at=ctx.now,
        )
    )
    checkin.status = "started"
    await ctx.session.flush()
    question = ctx.content.aftercare.question(question_id)
    for line in _after_answer(ctx, question, answer):
        ctx.say(line)
    await _next(ctx, checkin)


async def _next(ctx: Ctx, checkin: CheckIn, prefix: str = "") -> None:
    assert checkin.id is not None
    answers = await answers_of(ctx, checkin.id)
    remaining = [q for q in checkin.questions if q not in answers]
    if not remaining:
        await conclude_employer(ctx, checkin)
        ctx.set_state(None)
        return
    question = ctx.content.aftercare.question(remaining[0])
    ctx.set_state(EMPLOYER_FLOW, question.id, checkin=checkin.id)
    ctx.replies.append(_question_reply(ctx, ctx.lang, checkin, question, prefix))


async def conclude_employer(ctx: Ctx, checkin: CheckIn) -> None:
    """The employer's answers reach the worker's coach: an alert when one is worrying,
    otherwise a short report. The employer's thanks are the same either way."""
    assert checkin.id is not None
    aftercare = ctx.content.aftercare
    answers = await answers_of(ctx, checkin.id)
    risks = aftercare.risks_for(None, answers, [])
    checkin.risks, checkin.status, checkin.answered_at = risks, "answered", ctx.now
    worker = await ctx.session.get(User, checkin.seeker_id)
    coach = await coach_of(ctx, worker) if worker else None
    placement = await ctx.session.get(Placement, checkin.placement_id)
    ctx.say(ctx.t("aftercare.employer_thanks"))
    if worker is None or coach is None:
        return
    details = [{"q": q, "a": answers[q]} for q in checkin.questions if q in answers]
    if risks:
        await raise_alert(
            ctx,
            seeker=worker,
            coach=coach,
            kind="employer",
            reasons=risks,
            checkin=checkin,
            details=answer_details(aftercare, checkin, answers, risks) or details,
            phase=phase_of(placement.start_date, checkin.day).value if placement else None,
        )
        return
    lang = ctx.lang_of(coach)
    lines = [
        ctx.text(
            lang,
            "aftercare.employer_report",
            name=display_name(ctx, lang, worker),
            employer=placement.employer_name if placement else "",
        ),
        *[f"• {answer_line(ctx, lang, d['q'], d['a'])}" for d in details],
    ]
    await ctx.notify(coach.id, Reply("\n".join(lines)))


class EmployerCheckinFlow:
    name = EMPLOYER_FLOW
    roles: frozenset[str | None] = frozenset({"employer"})

    async def start(self, ctx: Ctx) -> None:
        await self.resume(ctx)

    async def on_text(self, ctx: Ctx, text: str) -> None:
        from powbot.features import routing as engine

        checkin = await _own_checkin(ctx, ctx.user.flow_data.get("checkin"))
        step = ctx.user.step or ""
        if checkin is None or step not in checkin.questions:
            ctx.set_state(None)
            await engine.handle_text(ctx, text)
            return
        answer = ctx.content.aftercare.question(step).parse(text, ctx.lang)
        if answer is not None:
            await record_employer_answer(ctx, checkin, step, answer)
            return
        await keep_words(ctx, checkin, ctx.user.id, step, text)
        await _next(ctx, checkin, ctx.t("aftercare.employer_words_kept"))

    async def on_button(self, ctx: Ctx, callback: Callback) -> None:
        checkin_id, _, rest = callback.arg.partition(".")
        question_id, _, index = rest.partition(".")
        checkin = await _own_checkin(ctx, checkin_id)
        if callback.action != "a" or checkin is None or question_id not in checkin.questions:
            ctx.toast = ctx.t("aftercare.checkin_closed")
            return
        answers = ctx.content.aftercare.question(question_id).answer_ids()
        position = parse_index(index, len(answers))
        if position is None:
            ctx.toast = ctx.t("common.button_unknown")
            return
        await record_employer_answer(ctx, checkin, question_id, answers[position])

    async def resume(self, ctx: Ctx) -> None:
        checkin = await _own_checkin(ctx, ctx.user.flow_data.get("checkin"))
        if checkin is None:
            ctx.set_state(None)
            from powbot.features.menu import show_menu

            await show_menu(ctx)
            return
        await _next(ctx, checkin)
