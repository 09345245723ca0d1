"""Registering a placement for a client as a declarative form (powbot.conversation.form): each
step declared once — employer, job title, first day, hours, and the pay and contract terms
aftercare plans its money and contract checks from (how often paid, first payday, contract
end, probation end; each may be 'weet ik niet') — then a summary to confirm. Creating it
starts aftercare through the domain's placement events; the terms re-plan it.

Ending a placement (a reason, then done) stays two buttons of the coach flow."""

from __future__ import annotations

from datetime import date
from typing import Any

from powbot.conversation.context import Ctx
from powbot.conversation.form import SKIPPED, Choice, Form, Parsed, Parser, Step
from powbot.conversation.form_parsers import a_date, number, yes_no
from powbot.domain.aftercare_planning import PayFrequency
from powbot.domain.aftercare_records import set_terms
from powbot.domain.caseload import planned_checkins
from powbot.domain.coaching import (
    COACH_FLOW,
    client_of,
    display_name,
    fmt_date,
    own_active_placement,
    parse_id,
    today,
)
from powbot.domain.messages import Button, Callback
from powbot.domain.placements import create_placement, end_placement
from powbot.domain.roles import COACHES
from powbot.features.aftercare.common import back_to_menu
from powbot.features.aftercare.planning import replan_checkins
from powbot.features.coach.screens import not_found, show_client
from powbot.storage.models import Placement

NAME = COACH_FLOW
FORM = "coach_placement"
CANCEL = "x"
END_REASONS = ("job_ended", "changed_job")
START_WINDOW = (-180, 365)  # days from today a first working day may lie
TERMS = ("pay", "payday", "contract_end", "probation_end")


# --- what each step accepts ------------------------------------------------------------------


def _text(low: int, high: int) -> Parser:
    def parse(ctx: Ctx, typed: str) -> Parsed:
        value = " ".join(typed.split())
        if not low <= len(value) <= high:
            return Parsed(error="coach.length_between", values={"min": low, "max": high})
        return Parsed(value=value)

    return parse


def _start(ctx: Ctx, typed: str) -> Parsed:
    parsed = a_date(*START_WINDOW)(ctx, typed)
    return Parsed(error="coach.date_not_understood") if parsed.error else parsed


def _hours(ctx: Ctx, typed: str) -> Parsed:
    parsed = number(1, 60)(ctx, typed)
    return Parsed(error="coach.hours_not_understood") if parsed.error else parsed


def _start_days(ctx: Ctx) -> tuple[Choice, ...]:
    first = today(ctx)
    return (
        Choice(first.isoformat(), "coach.btn_today_date"),
        Choice(date.fromordinal(first.toordinal() + 1).isoformat(), "coach.btn_tomorrow_date"),
    )


def _not_before_start(ctx: Ctx, value: Any) -> str | None:
    start = ctx.user.flow_data.get("answers", {}).get("start")
    if isinstance(value, str) and start and value < start:
        return "coach.date_before_start"
    return None


def _client_name(ctx: Ctx) -> dict[str, Any]:
    return {"name": ctx.user.flow_data.get("name", "")}


def _given(answers: dict[str, Any], key: str) -> Any:
    value = answers.get(key)
    return None if value is None or value == SKIPPED else value


def _shown_date(ctx: Ctx, answers: dict[str, Any], key: str) -> str:
    value = _given(answers, key)
    return fmt_date(ctx, date.fromisoformat(value)) if value else ctx.t("coach.hours_unknown")


def _summary(ctx: Ctx) -> dict[str, Any]:
    answers = ctx.user.flow_data.get("answers", {})
    pay = _given(answers, "pay")
    return {
        "name": ctx.user.flow_data.get("name", ""),
        "employer": answers.get("employer", ""),
        "title": answers.get("title", ""),
        "date": _shown_date(ctx, answers, "start"),
        "hours": _given(answers, "hours") or ctx.t("coach.hours_unknown"),
        "pay": ctx.t(f"coach.pay_{pay}") if pay else ctx.t("coach.hours_unknown"),
        "payday": _shown_date(ctx, answers, "payday"),
        "contract_end": _shown_date(ctx, answers, "contract_end"),
        "probation_end": _shown_date(ctx, answers, "probation_end"),
    }


def _date_step(step_id: str, text: str, following: str, skip_label: str) -> Step:
    return Step(
        step_id,
        text,
        parse=a_date(-31, 3 * 366),
        validate=_not_before_start,
        skip=True,
        skip_label=skip_label,
        next=following,
    )


STEPS = (
    Step(
        "employer",
        "coach.ask_employer",
        parse=_text(2, 120),
        values=_client_name,
        back=False,
        next="title",
    ),
    Step("title", "coach.ask_title", parse=_text(2, 120), next="start"),
    Step("start", "coach.ask_start", parse=_start, options=_start_days, next="hours"),
    Step(
        "hours",
        "coach.ask_hours",
        parse=_hours,
        takes_number=True,
        skip=True,
        skip_label="coach.btn_skip",
        next="pay",
    ),
    Step(
        "pay",
        "coach.ask_pay",
        choices=tuple(Choice(f.value, f"coach.pay_{f.value}") for f in PayFrequency),
        skip=True,
        skip_label="coach.btn_skip",
        next="payday",
    ),
    _date_step("payday", "coach.ask_payday", "contract_end", "coach.btn_skip"),
    _date_step("contract_end", "coach.ask_contract_end", "probation_end", "coach.btn_no_end"),
    _date_step("probation_end", "coach.ask_probation_end", "confirm", "coach.btn_no_end"),
    Step(
        "confirm",
        "coach.confirm_placement",
        parse=yes_no,
        values=_summary,
        choices=(Choice("yes", "coach.btn_confirm"), Choice("no", "coach.btn_cancel")),
    ),
)


class PlacementForm(Form):
    """The steps above, a cancel button under every step, and the placement made at the end."""

    def __init__(self) -> None:
        super().__init__(FORM, COACHES, STEPS, self._complete)

    async def open(self, ctx: Ctx, seeker_id: int | None) -> None:
        seeker = await client_of(ctx, ctx.user, seeker_id)
        if seeker is None:
            await not_found(ctx)
            return
        await self.start(ctx, client=seeker.id, name=display_name(ctx, ctx.lang, seeker))

    def _parse(self, ctx: Ctx, step: Step, text: str) -> Parsed:
        """A step with buttons that also takes typed text (a date, a number) says what was
        wrong with the text, not only 'choose a button'."""
        parsed = super()._parse(ctx, step, text)
        if parsed.error == "common.choose_a_button" and step.parse is not None:
            own = step.parse(ctx, text)
            return own if own.error else parsed
        return parsed

    def _buttons(self, ctx: Ctx, step: Step) -> list[list[Button]]:
        rows = super()._buttons(ctx, step)
        if step.id != "confirm":
            rows.append([ctx.button(ctx.t("coach.btn_cancel"), FORM, CANCEL)])
        return rows

    async def on_button(self, ctx: Ctx, callback: Callback) -> None:
        if callback.action == CANCEL:
            await back_to_menu(ctx, "coach.placement_cancelled")
            return
        await super().on_button(ctx, callback)

    async def _complete(self, ctx: Ctx, answers: dict[str, Any]) -> None:
        seeker = await client_of(ctx, ctx.user, parse_id(ctx.user.flow_data.get("client")))
        if answers.get("confirm") != "yes" or seeker is None:
            await back_to_menu(ctx, "coach.placement_cancelled")
            return
        placement = await create_placement(
            ctx,
            seeker_id=seeker.id,
            employer_name=answers["employer"],
            job_title=answers["title"],
            start_date=date.fromisoformat(answers["start"]),
            source="coach",
            hours_per_week=_given(answers, "hours"),
        )
        assert placement.id is not None
        planned = await planned_checkins(ctx, placement.id)
        if any(_given(answers, key) for key in TERMS):
            planned = await _set_terms(ctx, placement, answers)
        ctx.set_state(None)
        ctx.say(
            ctx.t(
                "coach.placement_created", name=display_name(ctx, ctx.lang, seeker), count=planned
            )
        )
        await show_client(ctx, seeker.id)


async def _set_terms(ctx: Ctx, placement: Placement, answers: dict[str, Any]) -> int:
    """The pay and contract terms given: stored with the placement and the check-ins planned
    again from them (pay checks after the paydays, a check before the contract ends)."""
    assert placement.id is not None
    days = {key: _given(answers, key) for key in ("payday", "contract_end", "probation_end")}
    first_payday = date.fromisoformat(days["payday"]) if days["payday"] else None
    frequency = PayFrequency(_given(answers, "pay") or PayFrequency.MONTH.value)
    await set_terms(
        ctx,
        placement.id,
        pay_frequency=frequency,
        pay_day=first_payday.day if first_payday and frequency is PayFrequency.MONTH else None,
        first_payday=first_payday,
        contract_end=date.fromisoformat(days["contract_end"]) if days["contract_end"] else None,
        probation_end=date.fromisoformat(days["probation_end"]) if days["probation_end"] else None,
    )
    return await replan_checkins(ctx, placement)


PLACEMENT_FORM = PlacementForm()


async def start(ctx: Ctx, seeker_id: int | None) -> None:
    await PLACEMENT_FORM.open(ctx, seeker_id)


# --- ending a placement ----------------------------------------------------------------------


def cancel_row(ctx: Ctx) -> list[Button]:
    return [ctx.button(ctx.t("coach.btn_cancel"), NAME, "cancel")]


async def ask_end(ctx: Ctx, arg: Any) -> None:
    found = await own_active_placement(ctx, ctx.user, parse_id(arg))
    if found is None:
        await not_found(ctx)
        return
    placement, seeker = found
    ctx.set_state(NAME, "p_end", placement=placement.id)
    reasons = [
        [ctx.button(ctx.t(f"coach.end_reason_{reason}"), NAME, "pw", reason)]
        for reason in END_REASONS
    ]
    ctx.say(
        ctx.t(
            "coach.end_why",
            name=display_name(ctx, ctx.lang, seeker),
            title=placement.job_title,
            employer=placement.employer_name,
        ),
        [*reasons, cancel_row(ctx)],
    )


async def end(ctx: Ctx, reason: str) -> None:
    found = await own_active_placement(ctx, ctx.user, parse_id(ctx.user.flow_data.get("placement")))
    if found is None or reason not in END_REASONS:
        await not_found(ctx)
        await back_to_menu(ctx, "menu.title")
        return
    placement, seeker = found
    await end_placement(ctx, placement, reason)
    ctx.set_state(None)
    ctx.say(ctx.t("coach.placement_ended_done", name=display_name(ctx, ctx.lang, seeker)))
    await show_client(ctx, seeker.id)
