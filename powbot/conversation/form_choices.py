"""Buttons of a form step: declared or made from data, and multiple-choice steps whose
buttons toggle a list (numbered, so '1 3' typed works; 'klaar' ends the step). A mixin of
`powbot.conversation.form.Form`, kept apart so the runner stays readable."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from powbot.conversation.context import Ctx
from powbot.knowledge.text import normalise

if TYPE_CHECKING:
    from powbot.conversation.form import Choice, Step

DONE_WORDS = frozenset({"klaar", "done", "verder", "next", "ok", "oke"})


class ChoiceSteps:
    """Needs `resume(ctx)` and `answer(ctx, value)` from the form runner."""

    async def resume(self, ctx: Ctx, problem: str | None = None, **values: Any) -> None:
        raise NotImplementedError

    async def answer(self, ctx: Ctx, value: Any) -> None:
        raise NotImplementedError

    def choices(self, ctx: Ctx, step: Step) -> tuple[Choice, ...]:
        """The step's buttons: declared, or made from data (`options`)."""
        return step.options(ctx) if step.options else step.choices

    def _values(self, ctx: Ctx, step: Step) -> set[str]:
        return {choice.value for choice in self.choices(ctx, step)}

    @staticmethod
    def _label(ctx: Ctx, choice: Choice) -> str:
        return choice.text if choice.text is not None else ctx.t(choice.label)

    def _chosen(self, ctx: Ctx, step: Step) -> list[str]:
        found = ctx.user.flow_data.get("answers", {}).get(step.id)
        return list(found) if isinstance(found, list) else []

    async def _toggle(self, ctx: Ctx, step: Step, values: list[str]) -> None:
        """Turn choices of a multiple-choice step on or off; the step stays."""
        chosen = self._chosen(ctx, step)
        for value in values:
            chosen = [v for v in chosen if v != value] if value in chosen else [*chosen, value]
        answers = {**ctx.user.flow_data.get("answers", {}), step.id: chosen}
        ctx.update_state(answers=answers)
        await self.resume(ctx)

    async def _multi_text(self, ctx: Ctx, step: Step, text: str) -> None:
        """Typed at a multiple-choice step: 'klaar' ends it; numbers ('1 3') toggle."""
        if normalise(text) in DONE_WORDS:
            await self.answer(ctx, self._chosen(ctx, step))
            return
        options = self.choices(ctx, step)
        numbers = [int(n) for n in re.findall(r"\d+", text) if len(n) < 4]
        picked = [options[n - 1].value for n in numbers if 1 <= n <= len(options)]
        if not numbers:
            ctx.say(ctx.t(step.hint or "form.not_understood"))
        await self._toggle(ctx, step, picked)

    def _shown(self, ctx: Ctx, step: Step, number: int, choice: Choice) -> str:
        """A multiple-choice button is numbered (typed numbers work) and ticked when on."""
        if not step.multi:
            return self._label(ctx, choice)
        tick = "✅ " if choice.value in self._chosen(ctx, step) else ""
        return f"{tick}{number}. {self._label(ctx, choice)}"
