"""The werkfit questionnaire as data: loading, skip logic, typed answers and scoring."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from functools import cached_property
from itertools import accumulate
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from powbot.knowledge.loading import load_model

Color = Literal["green", "orange", "red", "unknown"]
QuestionType = Literal["single", "multi", "scale", "yesno", "number", "text"]


class Text(BaseModel):
    model_config = ConfigDict(extra="forbid")
    nl: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


class TextList(BaseModel):
    model_config = ConfigDict(extra="forbid")
    nl: list[str]
    en: list[str]

    def get(self, lang: str) -> list[str]:
        return self.en if lang == "en" else self.nl


class Option(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    label: Text
    points: int | None = None
    red: bool = False
    urgent: str | None = None
    exclusive: bool = False
    aliases: list[str] = []
    ladder: int | None = None  # Participatieladder rung: what someone does now (1-6)
    # A typed amount up to this picks the option: '30 jaar' -> 'Meer dan 5 jaar' (years,
    # inclusive), 'om 7 uur' -> 'Voor 8 uur' (a clock time as "HH:MM").
    upto: float | time | None = None
    wins: bool = False  # named beside another option, this one is meant ('uit Syrië, universiteit')


class PointRange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    max: int
    points: int


class Condition(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    question: str
    equals: Any = None
    in_: list[Any] | None = Field(default=None, alias="in")

    def holds(self, value: Any) -> bool:
        if self.in_ is not None:
            return value in self.in_
        return value == self.equals


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    domain: str
    type: QuestionType
    text: Text
    explain: Text | None = None  # the question again in plainer words, for 'ik snap het niet'
    why: Text | None = None
    sensitive: bool = False
    allow_skip: bool = False
    show_if: Condition | None = None
    options: list[Option] = []
    scale_labels: TextList | None = None
    points: list[int] | None = None
    min: int | None = None
    max: int | None = None
    unit: Text | None = None
    point_ranges: list[PointRange] = []
    yes_points: int | None = None
    no_points: int | None = None
    yes_red: bool = False
    yes_urgent: str | None = None
    max_length: int = 300
    scoring: Literal["worst", "best"] = "worst"

    @model_validator(mode="after")
    def _shape(self) -> Question:
        if self.type in ("single", "multi") and not self.options:
            raise ValueError("options: needed for single and multi questions")
        if self.type == "scale":
            if not self.scale_labels or len(self.scale_labels.nl) != 5:
                raise ValueError("scale_labels: five labels per language are needed")
            if len(self.scale_labels.en) != 5:
                raise ValueError("scale_labels.en: five labels are needed")
            if self.points is not None and len(self.points) != 5:
                raise ValueError("points: five values are needed for a scale")
        if self.type == "number" and (self.min is None or self.max is None or self.min > self.max):
            raise ValueError("min/max: a number question needs min <= max")
        ids = [option.id for option in self.options]
        if len(ids) != len(set(ids)):
            raise ValueError("options: option ids must be unique")
        return self

    @property
    def may_decline(self) -> bool:
        """Sensitive questions always offer 'rather not say'."""
        return self.sensitive

    def option(self, option_id: str) -> Option | None:
        return next((option for option in self.options if option.id == option_id), None)

    def choice_labels(self, lang: str) -> list[str]:
        """The fixed answers in button order (empty for number and text)."""
        if self.type in ("single", "multi"):
            return [option.label.get(lang) for option in self.options]
        if self.type == "scale" and self.scale_labels:
            return self.scale_labels.get(lang)
        if self.type == "yesno":
            return ["yes", "no"]  # rendered from the catalog
        return []


class Domain(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    label: Text


class StageRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    red_in_any: list[str] = []
    urgent: bool = False  # any answer that showed urgent help (no bed, no food, unsafe...)
    min_red: int | None = None
    min_orange: int | None = None


class Stage(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    label: Text | None = None
    description: Text | None = None
    same_as: str | None = None
    when: StageRule


class Advice(BaseModel):
    """A next step, shown for a domain of the given colours, for a stage, or for an answer
    (`when`, e.g. a diploma from abroad). Red domains come first, then the stage, the rest."""

    model_config = ConfigDict(extra="forbid")
    domain: str | None = None
    stage: str | None = None
    colors: list[Color] = []
    when: Condition | None = None
    unless: Condition | None = None
    text: Text

    def rank(self, colors: dict[str, Color], stage: str, answers: dict[str, Any]) -> int | None:
        """0 for a red domain, 1 for the stage, 2 otherwise; None when it does not apply."""
        if self.unless is not None and _holds(self.unless, answers):
            return None
        if self.when is not None:
            return 2 if _holds(self.when, answers) else None
        if self.domain and colors.get(self.domain) in self.colors:
            return 0 if colors[self.domain] == "red" else 2
        if self.stage and self.stage == stage:
            return 1
        return None


class Scoring(BaseModel):
    model_config = ConfigDict(extra="forbid")
    green_from: float
    orange_from: float


class Questionnaire(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    version: int
    scoring: Scoring
    domains: list[Domain]
    questions: list[Question]
    stages: list[Stage]
    advice: list[Advice]
    urgent_help: dict[str, Text]

    @model_validator(mode="after")
    def _references(self) -> Questionnaire:
        domain_ids = {domain.id for domain in self.domains}
        seen: set[str] = set()
        for index, question in enumerate(self.questions):
            self._check_question(f"questions[{index}]", question, domain_ids, seen)
            seen.add(question.id)
        stage_ids = {stage.id for stage in self.stages}
        for index, stage in enumerate(self.stages):
            if stage.same_as is None and (stage.label is None or stage.description is None):
                raise ValueError(f"stages[{index}]: needs label and description, or same_as")
            if stage.same_as and stage.same_as not in stage_ids:
                raise ValueError(f"stages[{index}].same_as: unknown stage {stage.same_as!r}")
        if not self.stages or self.stages[-1].when != StageRule():
            raise ValueError("stages: the last stage must have an empty rule (the default)")
        for index, advice in enumerate(self.advice):
            _check_advice(f"advice[{index}]", advice, domain_ids, stage_ids, seen)
        return self

    def _check_question(
        self, where: str, question: Question, domain_ids: set[str], seen: set[str]
    ) -> None:
        if question.id in seen:
            raise ValueError(f"{where}.id: {question.id!r} is used twice")
        if question.domain not in domain_ids:
            raise ValueError(f"{where}.domain: unknown domain {question.domain!r}")
        if question.explain and not (question.explain.nl.strip() and question.explain.en.strip()):
            raise ValueError(f"{where}.explain: needs a text in both nl and en")
        if question.show_if and question.show_if.question not in seen:
            raise ValueError(f"{where}.show_if: must refer to an earlier question")
        urgent = [question.yes_urgent] + [option.urgent for option in question.options]
        for key in filter(None, urgent):
            if key not in self.urgent_help:
                raise ValueError(f"{where}: urgent help {key!r} is not in urgent_help")

    # --- lookup -----------------------------------------------------------------
    def ladder(self, answers: dict[str, Any]) -> Option | None:
        """The answer that places the person on the Participatieladder (what they do now),
        kept apart from the readiness stage."""
        for question in self.questions:
            value = (answers.get(question.id) or {}).get("value")
            option = None
            if question.type == "single" and isinstance(value, str):
                option = question.option(value)
            if option is not None and option.ladder is not None:
                return option
        return None

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def domain(self, domain_id: str) -> Domain:
        return next(d for d in self.domains if d.id == domain_id)

    def stage(self, stage_id: str) -> Stage:
        stage = next(s for s in self.stages if s.id == stage_id)
        return self.stage(stage.same_as) if stage.same_as else stage

    # --- skip logic ---------------------------------------------------------------
    def is_visible(self, question: Question, answers: dict[str, dict[str, Any]]) -> bool:
        if question.show_if is None:
            return True
        answer = answers.get(question.show_if.question)
        return bool(answer and "value" in answer and question.show_if.holds(answer["value"]))

    def next_question(self, answers: dict[str, dict[str, Any]]) -> Question | None:
        for question in self.questions:
            if question.id not in answers and self.is_visible(question, answers):
                return question
        return None

    def progress(
        self, answers: dict[str, dict[str, Any]], current: Question | None = None
    ) -> tuple[int, int]:
        """(number, total) over main questions; a follow-up (`show_if`) shares the one before."""
        current = current or self.next_question(answers)
        total = max(self.numbers.values(), default=0)
        return (total, total) if current is None else (max(1, self.numbers[current.id]), total)

    @cached_property
    def numbers(self) -> dict[str, int]:
        """Each question's number, worked out once (it is read on every answer)."""
        counted = accumulate(int(q.show_if is None) for q in self.questions)
        return dict(zip((q.id for q in self.questions), counted, strict=True))

    # --- scoring ---------------------------------------------------------------
    def score(self, answers: dict[str, dict[str, Any]]) -> Scored:
        points: dict[str, list[int]] = {domain.id: [] for domain in self.domains}
        forced_red: set[str] = set()
        urgent: list[str] = []
        for question in self.questions:
            answer = answers.get(question.id)
            if not answer or "value" not in answer or not self.is_visible(question, answers):
                continue
            value, red = _points(question, answer["value"])
            if value is not None:
                points[question.domain].append(value)
            if red:
                forced_red.add(question.domain)
            urgent += filter(None, [self.urgent_for(question, answer["value"])])
        colors: dict[str, Color] = {
            domain_id: "red" if domain_id in forced_red else self._color(values)
            for domain_id, values in points.items()
        }
        stage = self._stage_for(colors, bool(urgent))
        ranked = [
            (rank, index)
            for index, item in enumerate(self.advice)
            if (rank := item.rank(colors, stage.id, answers)) is not None
        ]
        advice = [index for _, index in sorted(ranked)]
        return Scored(colors=colors, stage=stage.id, advice=advice, urgent=urgent)

    def _color(self, values: list[int]) -> Color:
        if not values:
            return "unknown"
        average = sum(values) / len(values)
        if average >= self.scoring.green_from:
            return "green"
        if average >= self.scoring.orange_from:
            return "orange"
        return "red"

    def _stage_for(self, colors: dict[str, Color], urgent: bool = False) -> Stage:
        reds = [domain for domain, color in colors.items() if color == "red"]
        oranges = [domain for domain, color in colors.items() if color == "orange"]
        for stage in self.stages:
            rule = stage.when
            if rule.urgent and not urgent:
                continue
            if rule.red_in_any and not set(rule.red_in_any) & set(reds):
                continue
            if rule.min_red is not None and len(reds) < rule.min_red:
                continue
            if rule.min_orange is not None and len(oranges) < rule.min_orange:
                continue
            return self.stage(stage.id)
        raise AssertionError("the validator guarantees a default stage")

    def urgent_for(self, question: Question, value: Any) -> str | None:
        """The urgent-help key an answer triggers, if any."""
        if question.type == "yesno" and value is True:
            return question.yes_urgent
        if question.type == "single":
            option = question.option(value)
            return option.urgent if option else None
        return None


def _holds(condition: Condition, answers: dict[str, Any]) -> bool:
    answer = answers.get(condition.question) or {}
    return "value" in answer and condition.holds(answer["value"])


def _check_advice(
    where: str, advice: Advice, domain_ids: set[str], stage_ids: set[str], questions: set[str]
) -> None:
    if advice.domain and advice.domain not in domain_ids:
        raise ValueError(f"{where}.domain: unknown domain {advice.domain!r}")
    for name, condition in (("when", advice.when), ("unless", advice.unless)):
        if condition and condition.question not in questions:
            raise ValueError(f"{where}.{name}: unknown question {condition.question!r}")
    if advice.stage and advice.stage not in stage_ids:
        raise ValueError(f"{where}.stage: unknown stage {advice.stage!r}")


@dataclass
class Scored:
    colors: dict[str, Color]
    stage: str
    advice: list[int] = field(default_factory=list)
    urgent: list[str] = field(default_factory=list)


def _points(question: Question, value: Any) -> tuple[int | None, bool]:
    """Points for one answer and whether it forces the domain to red."""
    if question.type == "single":
        option = question.option(value)
        return (option.points, option.red) if option else (None, False)
    if question.type == "multi":
        chosen = [question.option(v) for v in value]
        scored = [o.points for o in chosen if o and o.points is not None]
        red = any(o.red for o in chosen if o)
        if not scored:
            return None, red
        return (max(scored) if question.scoring == "best" else min(scored)), red
    if question.type == "scale":
        return (question.points[value - 1] if question.points else None), False
    if question.type == "yesno":
        return (question.yes_points if value else question.no_points), bool(
            value and question.yes_red
        )
    if question.type == "number":
        for band in question.point_ranges:
            if value <= band.max:
                return band.points, False
        return None, False
    return None, False


def load_questionnaire(file: Path) -> Questionnaire:
    return load_model(file, Questionnaire, "questionnaire")
