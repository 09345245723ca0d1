"""Declarative forms: each step is declared once — its text, parser, buttons, validation,
skip/back/why and where it leads — and one runner plays every form through the Flow protocol.

A `Form` *is* a flow (name, roles, on_text, on_button, resume), so a feature lists it in its
`Feature(flows=...)` like any other. State lives in `ctx.user.flow/step/flow_data`:
`flow_data["answers"]` holds the answers given so far, `["path"]` the steps answered in order
(for Back), `["pending"]` a value waiting for "klopt dat?". Typed text is understood through
`powbot.conversation.parse` (yes/no words and emoji, "waarom?", "liever niet", "terug",
numbers, dates: see `form_parsers`). `check_form()` finds unreachable steps, unknown targets and unhandled
buttons before a user does.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from powbot.conversation.context import Ctx
from powbot.conversation.form_choices import ChoiceSteps
from powbot.conversation.parse import (
    is_decline,
    is_unclear,
    is_why,
    match_choice,
    parse_yes_no,
)
from powbot.domain.messages import Button, Callback
from powbot.knowledge.text import normalise

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

BACK_WORDS = frozenset({"terug", "vorige", "back", "previous", "go back"})

# The button actions the runner handles (the static check holds every form to these).
CHOOSE, SKIP, BACK, WHY, DECLINE, CONFIRM = "c", "s", "b", "w", "p", "k"
DONE = "d"  # a multiple-choice step: the choice is complete
HANDLED_ACTIONS = frozenset({CHOOSE, SKIP, BACK, WHY, DECLINE, CONFIRM, DONE})
SKIPPED = {"skipped": True}
DECLINED = {"prefer_not": True}


@dataclass(frozen=True)
class Parsed:
    """What a step's parser made of typed text: a value, a problem (catalog key shown above
    the step again), or a value to confirm first (catalog key of the "klopt dat?" question)."""

    value: Any = None
    error: str | None = None
    values: Mapping[str, Any] = field(default_factory=dict)
    confirm: str | None = None


Parser = Callable[[Ctx, str], Parsed]
Validator = Callable[[Ctx, Any], str | None]  # catalog key of the problem, or None
Next = Callable[[Mapping[str, Any]], str | None]
Complete = Callable[[Ctx, dict[str, Any]], Awaitable[None]]
# Run when a step is answered, before `next` is read: may add to the answers (a derived
# value, a list that grows in a loop) and may return a note shown above the next step.
After = Callable[[Ctx, Any, dict[str, Any]], Awaitable[str | None]]


@dataclass(frozen=True)
class Choice:
    """A button; typed text matches its label in every language, its `words` and its number."""

    value: str
    label: str  # catalog key
    words: tuple[str, ...] = ()
    text: str | None = None  # a label that is data, not a catalog key (already translated)


@dataclass(frozen=True)
class Step:
    """One question. `next` is the following step's id, a function of the answers so far
    (list its possible results in `goes_to` for the static check), or None to complete."""

    id: str
    text: str  # catalog key; `values` fills its placeholders
    parse: Parser | None = None
    choices: tuple[Choice, ...] = ()
    validate: Validator | None = None
    skip: bool = False
    back: bool = True
    why: str | None = None  # catalog key of the explanation
    decline: bool = False  # offer "liever niet zeggen"
    next: str | Next | None = None
    goes_to: tuple[str, ...] = ()
    takes_number: bool = False  # a bare typed number is the answer, never a button position
    values: Callable[[Ctx], Mapping[str, Any]] | None = None
    options: Callable[[Ctx], tuple[Choice, ...]] | None = None  # buttons from data
    multi: bool = False  # choices toggle a list; `done` (catalog key) ends the step
    done: str | None = None
    hint: str | None = None  # catalog key shown when typed text is not understood
    skip_label: str = "form.skip"
    after: After | None = None
    why_label: str = "form.why"
    buttons_after: Callable[[Ctx], list[list[Button]]] | None = None  # e.g. 'other items'
    # Text about the work itself (a vacancy's title or description): 'brood en banket
    # inpakken' gets no 'just in case' crisis line (tester); a full alarm always comes.
    about_work: bool = False

    def targets(self) -> tuple[str, ...]:
        return (self.next,) if isinstance(self.next, str) else self.goes_to

    def actions(self) -> set[str]:
        found = {CHOOSE} if self.choices or self.options else set()
        found |= {DONE} if self.multi else set()
        found |= {action for action, on in ((SKIP, self.skip), (WHY, self.why)) if on}
        found |= {DECLINE} if self.decline else set()
        found |= {BACK} if self.back else set()
        return found


class Form(ChoiceSteps):
    """A flow made of steps. Subclass or instantiate; `start(ctx, **data)` begins it (data is
    kept next to the answers, e.g. which item the form is about)."""

    unbound_actions: frozenset[str] = frozenset()
    edit_prefix: str | None = None  # catalog key shown above a step asked on its own
    back_at_start: bool = False  # offer Back at the first step too (a subclass's `back`)

    def __init__(
        self,
        name: str,
        roles: frozenset[str | None],
        steps: tuple[Step, ...],
        on_complete: Complete,
    ) -> None:
        self.name = name
        self.roles = roles
        self.steps = {step.id: step for step in steps}
        self.first = steps[0].id
        self.on_complete = on_complete

    # --- the Flow protocol --------------------------------------------------------------
    async def start(self, ctx: Ctx, **data: Any) -> None:
        ctx.set_state(self.name, self.first, answers={}, path=[], **data)
        await self.resume(ctx)

    async def start_at(
        self,
        ctx: Ctx,
        step: str,
        *,
        only: bool = False,
        answers: Mapping[str, Any] | None = None,
        before: str | None = None,
        **data: Any,
    ) -> None:
        """Begin at `step` (known answers given), e.g. to change one field from a preview:
        with `only` the form completes as soon as that step is answered. `before` is a text
        shown above the step."""
        ctx.set_state(self.name, step, answers=dict(answers or {}), path=[], only=only, **data)
        await self.resume(ctx, before=before)

    async def resume(
        self, ctx: Ctx, problem: str | None = None, *, before: str | None = None, **values: Any
    ) -> None:
        """Show the current step again (after an unknown message, /taal, a stale button)."""
        step = self._current(ctx)
        pending = ctx.user.flow_data.get("pending")
        if pending is not None:
            ctx.say(pending["question"], self._confirm_buttons(ctx))
            return
        text = ctx.t(step.text, **(step.values(ctx) if step.values else {}))
        if self.edit_prefix and ctx.user.flow_data.get("only"):
            text = ctx.t(self.edit_prefix) + "\n" + text
        if before:
            text = before + "\n" + text
        if problem:
            text = ctx.t(problem, **values) + "\n\n" + text
        ctx.say(text, self._buttons(ctx, step))

    async def on_text(self, ctx: Ctx, text: str) -> None:
        step = self._current(ctx)
        if ctx.user.flow_data.get("pending") is not None:
            await self._confirm(ctx, parse_yes_no(text))
            return
        if await self._control_word(ctx, step, text):
            return
        if step.multi:
            await self._multi_text(ctx, step, text)
            return
        parsed = self._parse(ctx, step, text)
        if parsed.error and (step.choices or step.options) and is_unclear(text):
            # 'weet ik niet', 'wat bedoel je?': explained, not called a wrong answer.
            values = step.values(ctx) if step.values else {}
            why = f"{ctx.t(step.why, **values)}\n\n" if step.why else ""
            await self.resume(ctx, "form.unclear", why=why)
        elif parsed.error:
            await self.resume(ctx, parsed.error, **parsed.values)
        elif parsed.confirm:
            question = ctx.t(parsed.confirm, **parsed.values)
            ctx.update_state(pending={"value": parsed.value, "question": question})
            await self.resume(ctx)
        else:
            await self.answer(ctx, parsed.value)

    async def on_button(self, ctx: Ctx, callback: Callback) -> None:
        step = self._current(ctx)
        action, arg = callback.action, callback.arg
        if action == CONFIRM:
            await self._confirm(ctx, {"yes": True, "no": False}.get(arg))
        elif action == CHOOSE and step.multi and arg in self._values(ctx, step):
            await self._toggle(ctx, step, [arg])
        elif action == DONE and step.multi:
            await self.answer(ctx, list(self._chosen(ctx, step)))
        elif action == CHOOSE and arg in self._values(ctx, step):
            await self.answer(ctx, arg)
        elif action in step.actions() - {CHOOSE}:
            await self._control(ctx, step, action)
        else:
            ctx.toast = ctx.t("common.button_unknown")
            await self.resume(ctx)

    def takes_number(self, content: Any, step: str | None) -> bool:
        found = self.steps.get(step or "")
        return bool(found and found.takes_number)

    # --- moving through the steps -------------------------------------------------------
    async def answer(self, ctx: Ctx, value: Any) -> None:
        """Keep the answer to the current step and go on (validation first)."""
        step = self._current(ctx)
        problem = step.validate(ctx, value) if step.validate and value is not None else None
        if problem:
            await self.resume(ctx, problem)
            return
        data = ctx.user.flow_data
        answers = {**data.get("answers", {}), step.id: value}
        path = [*[s for s in data.get("path", []) if s != step.id], step.id]
        note = await step.after(ctx, value, answers) if step.after else None
        following = step.next(answers) if callable(step.next) else step.next
        if following == step.id:  # a step that leads to itself asks its next item: `i`
            ctx.update_state(i=int(data.get("i", 0)) + 1)
        if following is None or data.get("only"):
            ctx.update_state(answers=answers, path=path, pending=None)
            await self.on_complete(ctx, answers)
            return
        ctx.update_state(step=following, answers=answers, path=path, pending=None)
        await self.resume(ctx, before=note)

    async def back(self, ctx: Ctx) -> None:
        item, step = int(ctx.user.flow_data.get("i", 0)), self._current(ctx)
        if item and step.id in step.targets():  # the step's previous item
            ctx.update_state(i=item - 1, pending=None)
            await self.resume(ctx)
            return
        path = list(ctx.user.flow_data.get("path", []))
        if not path:
            ctx.toast = ctx.t("form.nothing_to_go_back")
            await self.resume(ctx)
            return
        # The earlier answer stays in `answers` so the step can show it (see `earlier`).
        ctx.update_state(step=path[-1], path=path[:-1], pending=None)
        await self.resume(ctx, "form.earlier_answer", answer=self.earlier(ctx) or "–")

    def earlier(self, ctx: Ctx) -> str | None:
        """The answer already given to the current step, as the person would read it."""
        step = self._current(ctx)
        value = ctx.user.flow_data.get("answers", {}).get(step.id)
        if value is None:
            return None
        if value in (SKIPPED, DECLINED):  # not "{'skipped': True}": the button they pressed
            return ctx.t(step.skip_label if value == SKIPPED else "form.declined")
        choice = next((c for c in self.choices(ctx, step) if c.value == value), None)
        if choice is None and isinstance(value, str) and _ISO_DATE.fullmatch(value):
            return date.fromisoformat(value).strftime("%d-%m-%Y")  # as the bot writes dates
        return self._label(ctx, choice) if choice else str(value)

    def own_answer(self, ctx: Ctx, text: str) -> bool:
        """The text picks one of the current step's buttons (the bot's own words typed back:
        the engine holds back a 'just in case' crisis line for them)."""
        step = self._current(ctx)
        if step.about_work:
            return True
        has_choices = bool(step.choices or step.options)
        return has_choices and self._typed_choice(ctx, step, text) is not None

    def _current(self, ctx: Ctx) -> Step:
        return self.steps.get(ctx.user.step or "") or self.steps[self.first]

    async def _confirm(self, ctx: Ctx, yes: bool | None) -> None:
        pending = ctx.user.flow_data.get("pending")
        if yes is None or pending is None:
            await self.resume(ctx)
            return
        ctx.update_state(pending=None)
        if yes:
            await self.answer(ctx, pending["value"])
        else:
            await self.resume(ctx, "form.try_again")

    async def _control_word(self, ctx: Ctx, step: Step, text: str) -> bool:
        """'waarom?', 'liever niet' and 'terug' typed instead of pressed."""
        if step.why and is_why(text):
            action = WHY
        elif step.decline and is_decline(text):
            action = DECLINE
        elif step.back and normalise(text) in BACK_WORDS:
            action = BACK
        elif step.skip and self._skip_typed(ctx, step, text):
            action = SKIP  # 'nee alleen nederlands': the skip button's label, not the answer
        else:
            return False
        await self._control(ctx, step, action)
        return True

    def _skip_typed(self, ctx: Ctx, step: Step, text: str) -> bool:
        labels = [ctx.text(lang, step.skip_label) for lang in ("nl", "en")]
        return match_choice(text, {SKIP: labels}) == SKIP and len(normalise(text)) >= 3

    async def _control(self, ctx: Ctx, step: Step, action: str) -> None:
        if action == WHY and step.why:
            ctx.say(ctx.t(step.why, **(step.values(ctx) if step.values else {})))
            await self.resume(ctx)
        elif action == BACK:
            await self.back(ctx)
        elif action == SKIP:
            await self.answer(ctx, SKIPPED)
        elif action == DECLINE:
            await self.answer(ctx, DECLINED)

    def _parse(self, ctx: Ctx, step: Step, text: str) -> Parsed:
        has_choices = bool(step.choices or step.options)
        if has_choices and step.parse is not None and not normalise(text).isdigit():
            # A button's label typed at a step that also takes text: the button, never its
            # label kept as the text.
            chosen = self._typed_choice(ctx, step, text)
            if chosen is not None:
                return Parsed(value=chosen)
        if step.parse is not None:
            parsed = step.parse(ctx, text)
            if parsed.error is None or not has_choices:
                return parsed
        choice = self._typed_choice(ctx, step, text)
        if choice is not None:
            return Parsed(value=choice)
        generic = "common.choose_a_button" if has_choices else "form.not_understood"
        return Parsed(error=step.hint or generic)

    def _typed_choice(self, ctx: Ctx, step: Step, text: str) -> str | None:
        said = normalise(text)
        choices = self.choices(ctx, step)
        if said.isdigit() and 1 <= int(said) <= len(choices):
            return choices[int(said) - 1].value
        labels = {
            choice.value: (
                [ctx.text(lang, choice.label) for lang in ("nl", "en")]
                if choice.text is None
                else [choice.text]
            )
            + list(choice.words)
            + self._synonyms(ctx, choice.label)
            for choice in choices
        }
        return match_choice(text, labels)

    @staticmethod
    def _synonyms(ctx: Ctx, label: str) -> list[str]:
        """Other words for a button, from the catalog ('<label key>_words', both languages):
        'elke maand' for 'Per maand'."""
        key = f"{label}_words"
        if not ctx.content.catalog.has(key):
            return []
        return [w for lang in ("nl", "en") for w in ctx.text(lang, key).split(",") if w.strip()]

    # --- rendering ----------------------------------------------------------------------
    def _buttons(self, ctx: Ctx, step: Step) -> list[list[Button]]:
        rows = [
            [ctx.button(self._shown(ctx, step, n, c), self.name, CHOOSE, c.value)]
            for n, c in enumerate(self.choices(ctx, step), 1)
        ]
        if step.multi:
            rows.append([ctx.button(ctx.t(step.done or "form.done"), self.name, DONE)])
        extra = [
            ctx.button(ctx.t(key), self.name, action)
            for action, key, on in (
                (WHY, step.why_label, bool(step.why)),
                (DECLINE, "form.prefer_not", step.decline),
                (SKIP, step.skip_label, step.skip),
            )
            if on
        ]
        rows += step.buttons_after(ctx) if step.buttons_after else []
        data = ctx.user.flow_data
        if step.back and (data.get("path") or data.get("i") or self.back_at_start):
            extra.append(ctx.button(ctx.t("form.back"), self.name, BACK))
        return rows + ([extra] if extra else [])

    def _confirm_buttons(self, ctx: Ctx) -> list[list[Button]]:
        return [
            [
                ctx.button(ctx.t("common.yes"), self.name, CONFIRM, "yes"),
                ctx.button(ctx.t("common.no"), self.name, CONFIRM, "no"),
            ]
        ]
