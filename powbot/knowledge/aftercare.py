"""Aftercare (nazorg) as data: check-in schedule, questions, risk rules and help texts.

Loaded from `aftercare.yaml` in the knowledge folder and validated at start-up, so a region
can change the schedule or the questions without code. Everything here is pure: the bot
decides when to send; this module says what and whether it is a risk.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from powbot.knowledge.aftercare_questions import Mood, Question
from powbot.knowledge.loading import load_model
from powbot.knowledge.questionnaire import Text
from powbot.knowledge.text import normalise

MIN_QUESTIONS = 2
MAX_QUESTIONS = 5
PAYDAY = "payday"


class Moment(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    # When, counted from the placement: days from the start, months after it, days after
    # the Nth payday (`payday.after_days`), weeks before the contract's end, days before the
    # end of the probation period. The last three only when the placement knows them.
    days: list[int] = []
    months: list[int] = []
    paydays: list[int] = []
    weeks_before_contract_end: int | None = Field(default=None, ge=1, le=26)
    days_before_probation_end: int | None = Field(default=None, ge=0, le=60)
    # worker: the worker answers; employer: the placement's employer (when it uses powbot).
    audience: Literal["worker", "employer"] = "worker"
    mood_question: Text | None = None
    intro: Text | None = None  # an employer check-in's opening line ({name}, {title})
    questions: list[str]

    @model_validator(mode="after")
    def _shape(self) -> Moment:
        anchors = (
            self.days,
            self.months,
            self.paydays,
            self.weeks_before_contract_end,
            self.days_before_probation_end,
        )
        if not any(anchor for anchor in anchors if anchor is not None):
            raise ValueError(
                "days: give days, months, paydays, weeks_before_contract_end or "
                "days_before_probation_end"
            )
        if any(number < 1 or number > 3 for number in self.paydays):
            raise ValueError("paydays: count paydays from 1 to 3")
        if any(day < -14 or day > 400 for day in self.days):
            raise ValueError("days: must be between -14 and 400")
        if any(month < 1 or month > 12 for month in self.months):
            raise ValueError("months: must be between 1 and 12")
        return self


class Payday(BaseModel):
    """Paydays when the placement does not say: `day_of_month` of the first month at least
    `min_days_after_start` after the start. A payday check-in comes `after_days` later; a
    regular one closer than `replaces_within_days` to it is left out. `questions` (older
    files) is a check-in after the first payday, as a moment with `paydays: [1]` is."""

    model_config = ConfigDict(extra="forbid")
    day_of_month: int = Field(ge=1, le=28)
    after_days: int = Field(default=2, ge=0, le=14)
    min_days_after_start: int = Field(default=0, ge=0, le=60)
    replaces_within_days: int = Field(default=3, ge=0, le=14)
    questions: list[str] = []


class RiskWhen(BaseModel):
    model_config = ConfigDict(extra="forbid")
    mood_at_most: int | None = Field(default=None, ge=1, le=5)
    answers: dict[str, list[str]] = {}
    typed: list[str] = []

    @model_validator(mode="after")
    def _something(self) -> RiskWhen:
        if self.mood_at_most is None and not self.answers and not self.typed:
            raise ValueError("when: give mood_at_most, answers or typed")
        return self


class Risk(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    when: RiskWhen
    summary: Text
    summary_before_start: Text | None = None  # wording for the days before the first day
    # For the coach: where the client can go about this (the benefit office, toeslagen, ...).
    where_to_go: Text | None = None


@dataclass(frozen=True)
class PlanAnchors:
    """What the placement adds to the schedule: its paydays (None: the file's default),
    the end of the contract and of the probation period, and whether the employer uses
    powbot (then the employer check-ins are planned too)."""

    paydays: list[date] | None = None
    contract_end: date | None = None
    probation_end: date | None = None
    employer: bool = False


@dataclass(frozen=True)
class PlannedCheckIn:
    moment: str
    day: date
    questions: tuple[str, ...]
    audience: str = "worker"
    pay: bool = False  # anchored on a payday


class Aftercare(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int = 1
    send_time: str
    reminder_after_hours: int = Field(gt=0, le=24 * 7)
    escalate_after_hours: int = Field(gt=0, le=24 * 14)
    mood: Mood
    moments: list[Moment]
    payday: Payday | None = None
    contact_question: str
    questions: list[Question]
    risks: list[Risk]
    help_without_coach: Text

    @field_validator("send_time")
    @classmethod
    def _clock(cls, value: str) -> str:
        hours, _, minutes = value.partition(":")
        if not (hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60):
            raise ValueError("must look like HH:MM")
        return value

    @model_validator(mode="after")
    def _references(self) -> Aftercare:
        ids = [q.id for q in self.questions]
        if len(ids) != len(set(ids)):
            raise ValueError("questions: question ids must be unique")
        if self.escalate_after_hours <= self.reminder_after_hours:
            raise ValueError("escalate_after_hours: must be later than reminder_after_hours")
        moment_ids = [m.id for m in self.moments]
        if len(moment_ids) != len(set(moment_ids)) or PAYDAY in moment_ids:
            raise ValueError(f"moments: ids must be unique and not {PAYDAY!r}")
        self._check_question_groups(set(ids))
        if self.contact_question not in ids:
            raise ValueError(f"contact_question: unknown question {self.contact_question!r}")
        if self.question(self.contact_question).type != "yesno":
            raise ValueError("contact_question: must be a yesno question")
        self._check_risks(set(ids))
        return self

    def _check_question_groups(self, ids: set[str]) -> None:
        """Every moment (and the payday check) asks a sensible number of known questions."""
        groups: list[tuple[str, list[str]]] = [
            (f"moments.{m.id}.questions", m.questions) for m in self.moments
        ]
        if self.payday is not None and self.payday.questions:
            groups.append(("payday.questions", self.payday.questions))
        for where, questions in groups:
            if not MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS:
                raise ValueError(f"{where}: {MIN_QUESTIONS} to {MAX_QUESTIONS} questions needed")
            for qid in questions:
                if qid not in ids:
                    raise ValueError(f"{where}: unknown question {qid!r}")
                if qid == self.contact_question:
                    raise ValueError(f"{where}: {qid!r} is asked at the end of every check-in")

    def _check_risks(self, ids: set[str]) -> None:
        """Risk rules name known questions and answers, once each."""
        risk_ids = [r.id for r in self.risks]
        if len(risk_ids) != len(set(risk_ids)):
            raise ValueError("risks: risk ids must be unique")
        for risk in self.risks:
            for qid, answers in risk.when.answers.items():
                if qid not in ids:
                    raise ValueError(f"risks.{risk.id}.when.answers: unknown question {qid!r}")
                known = self.question(qid).answer_ids()
                for answer in answers:
                    if answer not in known:
                        raise ValueError(
                            f"risks.{risk.id}.when.answers.{qid}: unknown answer {answer!r}"
                        )

    # --- lookups -------------------------------------------------------------------------

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)

    def moment(self, moment_id: str) -> Moment | None:
        return next((m for m in self.moments if m.id == moment_id), None)

    def risk(self, risk_id: str) -> Risk | None:
        return next((r for r in self.risks if r.id == risk_id), None)

    @property
    def send_clock(self) -> time:
        hours, minutes = self.send_time.split(":")
        return time(int(hours), int(minutes))

    def mood_question(self, moment_id: str) -> Text:
        moment = self.moment(moment_id)
        if moment is not None and moment.mood_question is not None:
            return moment.mood_question
        return self.mood.question

    # --- schedule ------------------------------------------------------------------------

    def default_paydays(self, start: date, count: int = 3) -> list[date]:
        """Paydays when the placement does not know them: the `day_of_month` of the first
        month at least `min_days_after_start` days after the start, then monthly."""
        if self.payday is None:
            return []
        earliest = start + timedelta(days=max(self.payday.min_days_after_start, 1))
        day = earliest.replace(day=self.payday.day_of_month)
        if day < earliest:
            day = add_months(day, 1)
        return [add_months(day, months) for months in range(count)]

    def first_payday(self, start: date) -> date | None:
        """The day of the check-in after the first (default) payday."""
        if self.payday is None:
            return None
        return self.default_paydays(start, 1)[0] + timedelta(days=self.payday.after_days)

    def _days(self, moment: Moment, start: date, anchors: PlanAnchors) -> list[tuple[date, bool]]:
        after = self.payday.after_days if self.payday else 0
        days = [(start + timedelta(days=offset), False) for offset in moment.days]
        days += [(add_months(start, months), False) for months in moment.months]
        pays = anchors.paydays or []
        days += [
            (pays[number - 1] + timedelta(days=after), True)
            for number in moment.paydays
            if number <= len(pays)
        ]
        if moment.weeks_before_contract_end and anchors.contract_end:
            end_check = anchors.contract_end - timedelta(weeks=moment.weeks_before_contract_end)
            days.append((max(end_check, start + timedelta(days=7)), False))
        if moment.days_before_probation_end is not None and anchors.probation_end:
            days.append(
                (anchors.probation_end - timedelta(days=moment.days_before_probation_end), False)
            )
        return days

    def plan(self, start: date, anchors: PlanAnchors | None = None) -> list[PlannedCheckIn]:
        """Every check-in for a placement starting on `start`, in date order: one a day at
        most per audience; none after the contract's end; a regular worker check-in close
        to a payday check-in is left out, so nobody gets two in a row."""
        anchors = anchors or PlanAnchors()
        if anchors.paydays is None:
            anchors = replace(anchors, paydays=self.default_paydays(start))
        planned: list[PlannedCheckIn] = []
        for moment in self.moments:
            if moment.audience == "employer" and not anchors.employer:
                continue
            planned += [
                PlannedCheckIn(moment.id, day, tuple(moment.questions), moment.audience, pay)
                for day, pay in self._days(moment, start, anchors)
            ]
        if self.payday is not None and self.payday.questions and anchors.paydays:
            day = anchors.paydays[0] + timedelta(days=self.payday.after_days)
            planned.append(PlannedCheckIn(PAYDAY, day, tuple(self.payday.questions), pay=True))
        window = timedelta(days=self.payday.replaces_within_days if self.payday else 0)
        pay_days = [p.day for p in planned if p.pay]
        planned = [
            p
            for p in planned
            if p.pay or p.audience != "worker" or all(abs(p.day - d) > window for d in pay_days)
        ]
        if anchors.contract_end is not None:
            planned = [p for p in planned if p.day <= anchors.contract_end]
        by_day: dict[tuple[str, date], PlannedCheckIn] = {}
        for item in sorted(planned, key=lambda p: (p.day, not p.pay)):
            by_day.setdefault((item.audience, item.day), item)
        return sorted(by_day.values(), key=lambda p: (p.day, p.audience))

    # --- risks ---------------------------------------------------------------------------

    def typed_risks(self, text: str) -> list[str]:
        """Risk rules whose words occur in something typed during a check-in."""
        said = f" {normalise(text)} "
        return [
            risk.id
            for risk in self.risks
            if any(f" {normalise(phrase)} " in said for phrase in risk.when.typed)
        ]

    def risks_for(self, mood: int | None, answers: dict[str, str], typed: list[str]) -> list[str]:
        """The ids of every risk rule that holds for one check-in, in file order."""
        found: list[str] = []
        for risk in self.risks:
            when = risk.when
            holds = (
                (when.mood_at_most is not None and mood is not None and mood <= when.mood_at_most)
                or any(answers.get(qid) in wanted for qid, wanted in when.answers.items())
                or risk.id in typed
            )
            if holds:
                found.append(risk.id)
        return found

    def help_for(
        self, question_id: str, answer: str, *, without_coach: bool = False
    ) -> Text | None:
        """The help for a worrying answer; a worker without a coach gets the variant that
        does not promise one."""
        question = self.question(question_id)
        if answer not in question.help_if:
            return None
        if without_coach and question.help_without_coach is not None:
            return question.help_without_coach
        return question.help


def add_months(day: date, months: int) -> date:
    """The same day of the month, `months` later (the last day when that month is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def load_aftercare(file: Path) -> Aftercare:
    return load_model(file, Aftercare, "aftercare")
