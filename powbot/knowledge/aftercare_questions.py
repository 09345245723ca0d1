"""Aftercare's questions as data: the mood scale, the questions with their options, and
how a typed answer is understood (numbers, yes/no, labels, aliases, small typos)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, model_validator

from powbot.knowledge.questionnaire import Text, TextList
from powbot.knowledge.text import best_choice, normalise, parse_int, parse_yes_no


class Option(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    label: Text
    aliases: list[str] = []
    # Employer answers: the FAQ entry that answers what they chose, and whether the WSP's
    # contact details fit (both shown right after the answer).
    faq: str | None = None
    wsp: bool = False


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    type: Literal["choice", "yesno"]
    text: Text
    options: list[Option] = []
    help_if: list[str] = []
    help: Text | None = None
    # The help for a worker without a coach (an Open Hiring hire): never promises a coach.
    help_without_coach: Text | None = None
    # Not asked again once an earlier check-in got one of these answers ('Ja, allebei').
    settled_by: list[str] = []
    # Not asked when the worker's latest werkfit answers are these ({care_children: false}).
    skip_when_werkfit: dict[str, Any] = {}

    @model_validator(mode="after")
    def _shape(self) -> Question:
        if self.type == "choice" and len(self.options) < 2:
            raise ValueError("options: a choice question needs at least two options")
        if self.type == "yesno" and self.options:
            raise ValueError(
                "options: a yesno question has no options (Ja/Nee come from the catalog)"
            )
        ids = self.answer_ids()
        if len(ids) != len(set(ids)):
            raise ValueError("options: option ids must be unique")
        for answer in [*self.help_if, *self.settled_by]:
            if answer not in ids:
                raise ValueError(
                    f"help_if/settled_by: {answer!r} is not an answer of this question"
                )
        if self.help_if and self.help is None:
            raise ValueError("help: needed when help_if is given")
        return self

    def answer_ids(self) -> list[str]:
        return ["yes", "no"] if self.type == "yesno" else [o.id for o in self.options]

    def parse(self, text: str, lang: str) -> str | None:
        """A typed answer: a number, yes/no, a label or an alias (small typos allowed)."""
        if self.type == "yesno":
            answer = parse_yes_no(text)
            if answer is None and normalise(text) in ("1", "2"):
                answer = normalise(text) == "1"
            return None if answer is None else ("yes" if answer else "no")
        number = parse_int(text)
        if number is not None and normalise(text) == str(number):
            return self.options[number - 1].id if 1 <= number <= len(self.options) else None
        names = {o.id: [o.label.nl, o.label.en, *o.aliases] for o in self.options}
        chosen = best_choice(text, names)
        if chosen is None or not _says_more(text, names[chosen]):
            return chosen
        # 'nee, ik heb geen fiets' is not 'Nee, ik kom geld tekort': words beyond the label
        # are kept as the worker's own words (the coach reads them), never read as a label.
        return None

    def label(self, answer: str, lang: str) -> str | None:
        """None for yes/no: the caller takes those from the catalog."""
        option = self.option(answer)
        return option.label.get(lang) if option else None

    def option(self, answer: str) -> Option | None:
        return next((o for o in self.options if o.id == answer), None)

    def worrying(self, answer: str) -> bool:
        """An answer that asks for attention (it gets help): the coach sees it named."""
        return answer in self.help_if


class Mood(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: Text
    emoji: list[str]
    labels: TextList

    @model_validator(mode="after")
    def _five(self) -> Mood:
        if len(self.emoji) != 5:
            raise ValueError("emoji: five are needed (1 = very bad ... 5 = very good)")
        if len(self.labels.nl) != 5 or len(self.labels.en) != 5:
            raise ValueError("labels: five per language are needed")
        return self

    def parse(self, text: str) -> int | None:
        stripped = text.strip()
        if stripped in self.emoji:
            return self.emoji.index(stripped) + 1
        number = parse_int(text)
        if number is not None and normalise(text) == str(number):
            return number if 1 <= number <= 5 else None
        choice = best_choice(
            text, {str(i + 1): [self.labels.nl[i], self.labels.en[i]] for i in range(5)}
        )
        return int(choice) if choice else None


def _says_more(text: str, labels: list[str]) -> bool:
    """The text has two or more words that are in none of these labels (typos aside)."""
    known = {word for label in labels for word in normalise(label).split()}
    extra = [word for word in normalise(text).split() if word not in known and len(word) > 2]
    return len(extra) >= 2
