"""Checks of a form's definition, run by the tests of every form: what a user would otherwise
find out by getting stuck (a step nobody reaches, a button nothing handles, a missing text)."""

from __future__ import annotations

from collections.abc import Callable

from powbot.conversation.form import HANDLED_ACTIONS, Form


def check_form(form: Form, has_text: Callable[[str], bool] | None = None) -> list[str]:
    """Problems a user would otherwise find: a step nobody can reach, a `next` that names no
    step, a button action the runner does not handle, a text key missing from the catalog."""
    problems: list[str] = []
    for step in form.steps.values():
        problems += [
            f"{form.name}.{step.id}: goes to unknown step {target!r}"
            for target in step.targets()
            if target not in form.steps
        ]
        if callable(step.next) and not step.goes_to:
            problems.append(f"{form.name}.{step.id}: a computed next needs goes_to")
        problems += [
            f"{form.name}.{step.id}: button action {action!r} is not handled"
            for action in step.actions() - HANDLED_ACTIONS
        ]
        values = [choice.value for choice in step.choices]
        if len(values) != len(set(values)):
            problems.append(f"{form.name}.{step.id}: two choices share a value")
        keys = [step.text, step.why, *(choice.label for choice in step.choices)]
        keys += [step.done, step.hint, step.skip_label if step.skip else None]
        keys += [step.why_label] if step.why else []
        if step.multi and not (step.choices or step.options):
            problems.append(f"{form.name}.{step.id}: a multiple choice needs choices")
        if has_text is not None:
            problems += [
                f"{form.name}.{step.id}: no text {key!r}"
                for key in keys
                if key and not has_text(key)
            ]
    problems += [
        f"{form.name}.{step}: no step leads here" for step in form.steps.keys() - _reachable(form)
    ]
    return problems


def _reachable(form: Form) -> set[str]:
    seen, todo = set(), [form.first]
    while todo:
        step = todo.pop()
        if step in seen or step not in form.steps:
            continue
        seen.add(step)
        todo.extend(form.steps[step].targets())
    return seen
