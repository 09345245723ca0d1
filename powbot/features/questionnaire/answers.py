"""Typed answers to questionnaire questions, understood through the shared parse module.

"jaa", 👍 and "ok" are yes; "ok" is also "Okay" and "no" is "Nothing" where those are the
labels; "veertig" is 40 and "half uur" 30 minutes; "24 tot 32" is asked about, never stored
as 24; "fiets, step" keeps 'fiets' only after the person confirms 'step' was not understood.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from typing import Any

from powbot.conversation.parse import (
    NumberRange,
    is_decline,
    is_unclear,
    is_why,
    match_choice,
    number_stands_alone,
    parse_clock,
    parse_duration,
    parse_id,
    parse_list,
    parse_number,
    parse_yes_no,
)
from powbot.conversation.words import words
from powbot.knowledge.questionnaire import Question
from powbot.knowledge.text import normalise

MINUTE_UNITS = frozenset({"minuten", "minutes", "min"})
BACK_WORDS = frozenset({"terug", "vorige", "back", "previous"})
SKIP_WORDS = frozenset({"overslaan", "sla over", "skip", "volgende vraag", "next question"})
# The questionnaire's urgent-help keys as the kinds a coach's urgent alert knows.
URGENT_KINDS = {
    "self_harm": "suicide",
    "housing": "no_shelter",
    "food_rent": "no_food",
    "unsafe_home": "unsafe_home",
}
CONTINUE_WORDS = frozenset({"verder", "doorgaan", "ga verder", "continue", "go on"})
RESTART_WORDS = frozenset({"opnieuw", "opnieuw beginnen", "start over", "restart", "begin opnieuw"})


@dataclass
class Parsed:
    value: Any = None
    error: str | None = None  # catalog key of the hint
    error_values: dict[str, Any] = field(default_factory=dict)
    # A list answer with parts not understood: (understood option ids, the parts not).
    partial: tuple[list[str], list[str]] | None = None
    # Two numbers where one is wanted ('24 tot 32'): ask which.
    which: tuple[int, int] | None = None
    # A number taken out of other words ('Stationsstraat 1'): "klopt dat?" before keeping it.
    unsure: bool = False


def parse_answer(question: Question, text: str) -> Parsed:
    """Understand a typed answer to this question (labels of either language count)."""
    parser = {
        "text": _text,
        "number": _number,
        "yesno": _yes_no,
        "scale": _scale,
        "single": _single,
        "multi": _multi,
    }[question.type]
    return parser(question, text.strip())


def _text(question: Question, text: str) -> Parsed:
    if not text:
        return Parsed(error="questionnaire.hint_text")
    if len(text) > question.max_length:
        return Parsed(
            error="questionnaire.hint_too_long", error_values={"max": question.max_length}
        )
    return Parsed(value=text)


def _is_hours(question: Question) -> bool:
    return bool(question.unit and normalise(question.unit.nl) == "uur")


def _is_minutes(question: Question) -> bool:
    return bool(question.unit and normalise(question.unit.nl) in MINUTE_UNITS)


def _number(question: Question, text: str) -> Parsed:
    assert question.min is not None and question.max is not None
    bounds = {"min": question.min, "max": question.max}
    value = parse_duration(text) if _is_minutes(question) else parse_number(text)
    said = normalise(text)
    if (
        value is None
        and _is_hours(question)
        and any(f" {word} " in f" {said} " for word in words().of("full_time"))
    ):
        value = NumberRange(36, 40)  # 'fulltime', 'voltijd': which of the usual weeks (tester)
    if isinstance(value, NumberRange):
        low, high = int(value.low), int(value.high)
        return Parsed(
            which=(low, high),
            error="questionnaire.hint_which",
            error_values={"low": low, "high": high},
        )
    if value is None or not float(value).is_integer():
        return Parsed(error="questionnaire.hint_number", error_values=bounds)
    if not question.min <= value <= question.max:
        return Parsed(error="questionnaire.hint_range", error_values=bounds)
    unsure = not _is_minutes(question) and not number_stands_alone(text)
    return Parsed(value=int(value), unsure=unsure)


def _yes_no(question: Question, text: str) -> Parsed:
    if normalise(text) in ("1", "2"):
        return Parsed(value=normalise(text) == "1")
    answer = parse_yes_no(text)
    if answer is None and question.yes_urgent and _partly(text):
        # 'soms', 'af en toe', 'maybe' to 'do you think of hurting yourself?' is a yes: the
        # help must not wait for a clearer answer.
        return Parsed(value=True)
    if answer is None:
        return Parsed(error="questionnaire.hint_yesno")
    return Parsed(value=answer)


def _partly(text: str) -> bool:
    """'soms', 'af en toe', 'een beetje', 'misschien', 'sometimes', 'maybe' (and with more
    words after them: 'soms wel', 'maybe a little')."""
    said = normalise(text)
    return any(said == word or said.startswith(word + " ") for word in words().of("partly"))


def _scale(question: Question, text: str) -> Parsed:
    labels = question.scale_labels
    assert labels is not None
    said = normalise(text)
    spelled = parse_number(text) if len(said.split()) == 1 else None  # 'vier', 'four'
    if said.isdigit() or isinstance(spelled, int):
        number = spelled if isinstance(spelled, int) else int(said)
        return (
            Parsed(value=number) if 1 <= number <= 5 else Parsed(error="questionnaire.hint_scale")
        )
    choices = {str(i + 1): [labels.nl[i], labels.en[i]] for i in range(5)}
    key = match_choice(text, choices)
    if key:
        return Parsed(value=int(key))
    word = words().map("scale_words").get(said)
    return Parsed(value=word) if word else Parsed(error="questionnaire.hint_scale")


def option_for(question: Question, text: str) -> str | None:
    """The option a typed text means: its number, label (nl/en), id or an alias."""
    said = normalise(text)
    if said.isdigit() and 1 <= int(said) <= len(question.options):
        return question.options[int(said) - 1].id
    exact_id = next((o.id for o in question.options if normalise(o.id) == said), None)
    if exact_id is not None:
        return exact_id
    # Ids only match whole: 'no' is not the start of 'nowhere' (a red housing answer, tester).
    choices = {
        option.id: [option.label.nl, option.label.en, *option.aliases]
        for option in question.options
    }
    return match_choice(text, choices) or _by_amount(question, text) or _winner(question, said)


def _winner(question: Question, said: str) -> str | None:
    """An option that is meant whenever it is named, even beside another: a diploma from
    another country with its level ('diploma from Syria, university', tester) is that."""
    padded = f" {said} "
    return next(
        (
            o.id
            for o in question.options
            if o.wins
            and any(f" {normalise(n)} " in padded for n in (o.label.nl, o.label.en, *o.aliases))
        ),
        None,
    )


def _by_amount(question: Question, text: str) -> str | None:
    """'30 jaar' for 'Meer dan 5 jaar', 'om 7 uur' for 'Voor 8 uur': the first option whose
    `upto` holds the amount or clock time typed (a bare '7' too, when there is no option 7)."""
    bounded = [option for option in question.options if option.upto is not None]
    if not bounded:
        return None
    clock = isinstance(bounded[0].upto, time)
    amount = parse_clock(text) if clock else parse_number(text)
    if amount is None or isinstance(amount, NumberRange):
        return None
    return next((o.id for o in bounded if amount <= o.upto), None)  # type: ignore[operator]


def _single(question: Question, text: str) -> Parsed:
    key = option_for(question, text)
    return Parsed(value=key) if key else Parsed(error="questionnaire.hint_choice")


def _multi(question: Question, text: str) -> Parsed:
    result = parse_list(text, lambda part: option_for(question, part))
    if not result.found:
        return Parsed(error="questionnaire.hint_multi")
    chosen = normalise_multi(question, result.found)
    if result.unknown:
        return Parsed(partial=(chosen, result.unknown))
    return Parsed(value=chosen)


def normalise_multi(question: Question, chosen: list[str]) -> list[str]:
    """An exclusive option ('nothing') cannot be combined with others; the last wins."""
    exclusive = [c for c in chosen if (o := question.option(c)) and o.exclusive]
    if exclusive and len(chosen) > 1:
        last = chosen[-1]
        if last in exclusive:
            return [last]
        return [c for c in chosen if c not in exclusive]
    return chosen


def is_done_word(text: str, done_label: str) -> bool:
    """'klaar', 'verder', 'ja', 'dat is alles' typed at a multi question with ticks: the
    screen says "Gekozen: …" and asks to press Klaar, so a yes finishes it (tester)."""
    said = normalise(text)
    return said in words().of("done_words") or said == normalise(done_label)


def button_value(question: Question, arg: str) -> Any:
    number = parse_id(arg) if arg != "0" else 0
    if number is None:
        return None
    if question.type == "single":
        return question.options[number].id if number < len(question.options) else None
    if question.type == "scale":
        return number if 1 <= number <= 5 else None
    if question.type == "yesno":
        return number == 1 if number in (0, 1) else None
    return None


def _is_label(question: Question, said: str) -> bool:
    """The text is one of the question's own answers, word for word ('Weet ik niet')."""
    names = [name for o in question.options for name in (o.label.nl, o.label.en, *o.aliases)]
    return said in {normalise(name) for name in names}


def typed_control(question: Question, text: str) -> str | None:
    """Which control a typed text is instead of an answer: 'why' ('waarom?'), 'unclear'
    ('ik snap de vraag niet', 'weet ik niet'), 'decline' ('liever niet'), 'skip', 'back',
    'pause'; None for an answer. 'decline' and 'skip' only where the question allows them,
    else 'required' (saying it cannot be skipped beats "Dat antwoord ken ik niet")."""
    said = normalise(text)
    if is_why(text):
        return "why"
    if is_unclear(text) and not _is_label(question, said):  # 'Weet ik niet' may be an answer
        return "unclear"
    if is_decline(text) and (question.may_decline or question.allow_skip):
        return "decline"
    if said in SKIP_WORDS and question.allow_skip:
        return "skip"
    if (is_decline(text) or said in SKIP_WORDS) and not _is_label(question, said):
        return "required"
    if said in BACK_WORDS:
        return "back"
    return "pause" if _asks_to_pause(question, said) else None


def _asks_to_pause(question: Question, said: str) -> bool:
    """'pauze', or a short message that says it in more words ('ik moet even weg, later
    verder'); not inside an answer to the open question, where any words are the answer."""
    pauses = words().of("pause_words")
    if said in pauses:
        return True
    if question.type == "text" or len(said.split()) > 8:
        return False
    return any(f" {p} " in f" {said} " for p in pauses if " " in p)


CHOICE_TYPES = frozenset({"yesno", "scale", "single", "multi"})
OWN_OPTION_WORDS = 8


def is_own_option(question: Question, text: str) -> bool:
    """The text picks this question's own options ('bouw en techniek', 'groen en tuin',
    'yes, by myself'): the bot's words typed back, which the crisis model may misread when
    they are short; only a 'just in case' line is held back for them (engine pipeline)."""
    if question.type not in CHOICE_TYPES or len(normalise(text).split()) > OWN_OPTION_WORDS:
        return False
    parsed = parse_answer(question, text)
    return parsed.value is not None and not (
        parsed.error or parsed.partial or parsed.which or parsed.unsure
    )
