"""Open Hiring content: the standard yes/no questions employers choose from."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from powbot.knowledge.errors import KnowledgeError
from powbot.knowledge.loading import load_model
from powbot.knowledge.questionnaire import Text

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
MAX_LABEL = 40  # fits on a phone-width button


class EligibilityQuestion(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    label: Text
    text: Text
    need: Text

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not ID_PATTERN.match(value):
            raise ValueError("use lower case letters, digits and _ (max 32)")
        return value

    @field_validator("label")
    @classmethod
    def _short_label(cls, value: Text) -> Text:
        for text in (value.nl, value.en):
            if not text.strip() or len(text) > MAX_LABEL:
                raise ValueError(f"must be 1 to {MAX_LABEL} characters")
        return value

    @field_validator("text", "need")
    @classmethod
    def _not_empty(cls, value: Text) -> Text:
        if not value.nl.strip() or not value.en.strip():
            raise ValueError("must not be empty in either language")
        return value


class MinimumWage(BaseModel):
    """The statutory minimum wage per hour (21 and older) from a date on."""

    model_config = ConfigDict(extra="forbid")
    valid_from: date = Field(alias="from")
    hourly: float = Field(gt=0, lt=100)


class OpenHiringContent(BaseModel):
    model_config = ConfigDict(extra="forbid")
    max_custom_questions: int = Field(default=2, ge=0, le=2)
    minimum_wage: list[MinimumWage] = Field(default_factory=list)
    questions: list[EligibilityQuestion] = Field(min_length=1)

    def minimum_wage_cents(self, on: date) -> int:
        """The minimum hourly wage in cents in force on a day (0 when none is known)."""
        known = [wage for wage in self.minimum_wage if wage.valid_from <= on]
        if not known:
            return 0
        latest = max(known, key=lambda wage: wage.valid_from)
        return round(latest.hourly * 100)

    def question(self, question_id: str) -> EligibilityQuestion | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def ordered(self, ids: list[str]) -> list[EligibilityQuestion]:
        """The chosen questions in content order; ids no longer in the content are skipped."""
        return [q for q in self.questions if q.id in ids]


def load_open_hiring(file: Path) -> OpenHiringContent:
    content = load_model(file, OpenHiringContent, "open_hiring")
    seen: set[str] = set()
    for index, question in enumerate(content.questions):
        if question.id in seen:
            raise KnowledgeError(file, f"questions.{index}.id", f"{question.id!r} used twice")
        seen.add(question.id)
    return content
