"""Aftercare (nazorg) for the worker: planned check-ins after a placement starts.

A placement plans its check-ins (planning.py). When one is due (jobs.py), the worker gets
"Hoe gaat het op je werk?" with five mood buttons, then the moment's questions and, with a
coach, "Wil je dat je coach contact met je opneemt?" (checkin.py). Risk rules from the
knowledge file raise an alert to the coach at once. No answer: one reminder, then the coach
is told. Ending a placement or blocking the bot stops the schedule. This module holds the
flow itself and the worker's /werk screen.
"""

from __future__ import annotations

from typing import Any

from powbot.conversation.context import Ctx
from powbot.domain.aftercare_records import keep_words
from powbot.domain.coaching import active_placements, fmt_date, push_button
from powbot.domain.ids import parse_id, parse_index
from powbot.domain.messages import Button, Callback
from powbot.domain.placements import end_placement
from powbot.features import routing as engine
from powbot.features.aftercare.checkin import (
    continue_checkin,
    latest_open_checkin,
    own_open_checkin,
    record_answer,
    record_mood,
    start,
    take_words,
)
from powbot.features.aftercare.common import (
    AFTERCARE_FLOW,
    KIND_CHECKIN,
    KIND_ESCALATE,
    KIND_REMIND,
    KIND_UNREACHABLE,
    back_to_menu,
    leave_current_flow,
    placement_ref,
)
from powbot.features.aftercare.jobs import job_checkin, job_escalate, job_remind
from powbot.features.aftercare.planning import (
    job_unreachable,
    on_return,
    on_unreachable,
    plan_checkins,
    stop_checkins,
)
from powbot.features.onboarding.flow import ask_consent
from powbot.features.understanding import actions, intents
from powbot.features.understanding.actions import people_named
from powbot.knowledge.text import normalise
from powbot.storage.models import Placement
from powbot.storage.models_aftercare import CheckIn

NAME = AFTERCARE_FLOW
END_REASONS = ("job_ended", "changed_job")
# Intents answered inside a check-in, which then goes on where it was.
IN_CHECKIN = frozenset({intents.GREETING, intents.HELP, intents.HUMAN})

__all__ = [
    "KIND_CHECKIN",
    "KIND_ESCALATE",
    "KIND_REMIND",
    "KIND_UNREACHABLE",
    "NAME",
    "AftercareFlow",
    "job_checkin",
    "job_escalate",
    "job_remind",
    "job_unreachable",
    "my_job",
    "on_return",
    "on_unreachable",
    "placement_ref",
    "plan_checkins",
    "start",
    "stop_checkins",
]


# A phone cuts a button's label after about 30 characters; the line above it has the full
# name, the button needs only enough of it to tell two jobs apart (tester).
BUTTON_NAME = 20


def _short(name: str | None) -> str:
    name = name or ""
    return name if len(name) <= BUTTON_NAME else name[: BUTTON_NAME - 1].rstrip() + "…"


async def my_job(ctx: Ctx) -> None:
    """/werk and the menu: current job(s), an open check-in, and ending a job."""
    placements = await active_placements(ctx, ctx.user.id)
    if not placements:
        await back_to_menu(ctx, "aftercare.no_job")
        return
    ctx.set_state(None)  # a screen, not a conversation: its buttons are checked when pressed
    lines = [ctx.t("aftercare.job_title")]
    rows: list[list[Button]] = []
    for placement in placements:
        lines.append(
            ctx.t(
                "aftercare.job_line",
                title=placement.job_title,
                employer=placement.employer_name,
                date=fmt_date(ctx, placement.start_date),
            )
        )
        rows.append(
            [
                push_button(
                    ctx.t("aftercare.btn_job_stopped", employer=_short(placement.employer_name)),
                    NAME,
                    "end",
                    str(placement.id),
                )
            ]
        )
    if await latest_open_checkin(ctx) is not None:
        rows.insert(0, [push_button(ctx.t("aftercare.btn_open_checkin"), NAME, "open")])
    ctx.say("\n".join(lines), rows)


async def _ask_end_reason(ctx: Ctx, placement: Placement) -> None:
    ctx.set_state(NAME, "end", placement=placement.id)
    ctx.say(
        ctx.t("aftercare.end_why", employer=placement.employer_name),
        [
            *[
                [ctx.button(ctx.t(f"aftercare.end_reason_{reason}"), NAME, "why", reason)]
                for reason in END_REASONS
            ],
            [ctx.button(ctx.t("aftercare.end_cancel"), NAME, "why", "cancel")],
        ],
    )


async def _own_active_placement(ctx: Ctx, placement_id: Any) -> Placement | None:
    key = parse_id(placement_id)
    if key is None:
        return None
    placement = await ctx.session.get(Placement, key)
    if placement is None or placement.seeker_id != ctx.user.id or placement.status != "active":
        return None
    return placement


# Words beyond this many in a typed answer say more than the answer: they are kept too.
MORE_THAN_AN_ANSWER = 4


async def _answered(ctx: Ctx, checkin: CheckIn, step: str | None, text: str) -> bool:
    """A typed answer to the current step (a mood, or an answer to the question)."""
    aftercare = ctx.content.aftercare
    if step == "mood":
        mood = aftercare.mood.parse(text)
        if mood is not None:
            await _keep_the_rest(ctx, checkin, step, text)
            await record_mood(ctx, checkin, mood)
            return True
        return False
    if step is not None and step in [q.id for q in aftercare.questions]:
        question = aftercare.question(step)
        answer = question.parse(text, ctx.lang)
        if answer is not None:
            await _keep_the_rest(ctx, checkin, step, text)
            await record_answer(ctx, checkin, question, answer)
            return True
    return False


async def _keep_the_rest(ctx: Ctx, checkin: CheckIn, step: str, text: str) -> None:
    """'heel slecht. baas schreeuwt steeds en ik heb nog geen loon gehad': the answer, and
    words that say more. They were lost: the coach's alert named only the answer (tester).
    Kept with the check-in like other words typed, their risk rules counted."""
    typed = ctx.content.aftercare.typed_risks(text)
    if not typed and len(normalise(text).split()) <= MORE_THAN_AN_ANSWER:
        return
    await keep_words(ctx, checkin, ctx.user.id, step, text)
    if typed:
        checkin.typed_risks = sorted({*checkin.typed_risks, *typed})


class AftercareFlow:
    name = NAME
    roles: frozenset[str | None] = frozenset({"seeker"})
    start = staticmethod(start)

    async def on_text(self, ctx: Ctx, text: str) -> None:
        step = ctx.user.step
        checkin = None
        if step != "end":
            checkin = await own_open_checkin(ctx, ctx.user.flow_data.get("checkin"))
        if checkin is None:
            ctx.set_state(None)
            await engine.handle_text(ctx, text)
            return
        if await _answered(ctx, checkin, step, text):
            return
        people = await people_named(ctx, text)  # 'kan ik met anna praten'
        intent = None
        if not ctx.content.aftercare.typed_risks(text):
            intent = intents.detect(ctx, text, people)
        if intent in IN_CHECKIN:  # 'hoi', 'help', a person: answered, then the question again
            await actions.run(ctx, intent, text)
            return
        if intent is not None:
            # "menu", "stop", "taal": a request to the bot, not words about work. The
            # check-in stays open for its buttons or /checkin.
            ctx.set_state(None)
            await engine.handle_text(ctx, text)
            return
        await take_words(ctx, checkin, step or "mood", text)

    async def on_safety(self, ctx: Ctx, text: str, hit: object) -> None:
        """Crisis words during a check-in: the help came first (the safety layer); the
        words are kept with the check-in and the check-in goes on."""
        checkin = await own_open_checkin(ctx, ctx.user.flow_data.get("checkin"))
        ctx.say(ctx.t("safety.go_on"))
        if checkin is None:
            await self.resume(ctx)
            return
        await keep_words(ctx, checkin, ctx.user.id, ctx.user.step or "mood", text)
        await continue_checkin(ctx, checkin)

    async def on_button(self, ctx: Ctx, callback: Callback) -> None:
        action, arg = callback.action, callback.arg
        if action == "m":
            await self._mood_button(ctx, arg)
            return
        if action == "open":  # unbound, from /werk
            await leave_current_flow(ctx, keep=NAME)
            await start(ctx)
            return
        if action == "end":  # unbound, from /werk: checked against ownership here
            await leave_current_flow(ctx, keep="")
            placement = await _own_active_placement(ctx, arg)
            if placement is None:
                await my_job(ctx)
                return
            await _ask_end_reason(ctx, placement)
            return
        if action == "why" and ctx.user.step == "end":
            placement = await _own_active_placement(ctx, ctx.user.flow_data.get("placement"))
            if arg not in END_REASONS or placement is None:
                await back_to_menu(ctx, "menu.what_next")
                return
            await end_placement(ctx, placement, arg)
            await back_to_menu(ctx, "aftercare.job_ended")
            return
        if action == "a":
            checkin = await own_open_checkin(ctx, ctx.user.flow_data.get("checkin"))
            step = ctx.user.step or ""
            if checkin is not None and step in [q.id for q in ctx.content.aftercare.questions]:
                question = ctx.content.aftercare.question(step)
                answers = question.answer_ids()
                index = parse_index(arg, len(answers))
                if index is not None:
                    await record_answer(ctx, checkin, question, answers[index])
                    return
        ctx.toast = ctx.t("common.button_unknown")
        await self.resume(ctx)

    async def _mood_button(self, ctx: Ctx, arg: str) -> None:
        checkin_id, _, mood_text = arg.partition(".")
        checkin = await own_open_checkin(ctx, parse_id(checkin_id))
        if checkin is None or parse_id(mood_text, low=1, high=5) is None:
            # Answered already, stopped, or not theirs: say so without details.
            ctx.toast = ctx.t("aftercare.checkin_closed")
            ctx.say(ctx.t("aftercare.checkin_closed"))
            return
        await leave_current_flow(ctx, keep=NAME)
        if ctx.user.consent_at is None:
            await ask_consent(ctx, then=NAME)
            return
        await record_mood(ctx, checkin, int(mood_text))

    async def resume(self, ctx: Ctx) -> None:
        if ctx.user.step == "end":
            placement = await _own_active_placement(ctx, ctx.user.flow_data.get("placement"))
            if placement is not None:
                await _ask_end_reason(ctx, placement)
                return
        checkin = await own_open_checkin(ctx, ctx.user.flow_data.get("checkin"))
        if checkin is None:
            await back_to_menu(ctx, "menu.title")
            return
        await continue_checkin(ctx, checkin)
