"""Where the user is: the flow whose step is showing, showing it again, and whether the step
understood the text it was given."""

from __future__ import annotations

from powbot.conversation.context import Ctx, Flow
from powbot.conversation.registry import FLOWS
from powbot.features.menu import show_menu
from powbot.knowledge.catalog import Catalog

# Steps that take any text as a question rather than an answer: intents go first there.
QUESTION_STEPS = frozenset({("faq", "ask")})
# Catalog keys flows use to say "I did not understand that" (rendered at the start of a reply).
_MISUNDERSTOOD_EXACT = frozenset({"common.choose_a_button", "common.not_understood"})
_prefix_cache: dict[tuple[int, str], tuple[str, ...]] = {}


def allowed(ctx: Ctx, flow_name: str | None) -> bool:
    flow = FLOWS.get(flow_name or "")
    return flow is not None and ctx.user.role in flow.roles


def current_flow(ctx: Ctx) -> Flow | None:
    """The conversation the user is in (not the menu), if their role may use it."""
    if ctx.user.flow and ctx.user.flow != "menu" and allowed(ctx, ctx.user.flow):
        return FLOWS[ctx.user.flow]
    return None


def own_answer(ctx: Ctx, text: str) -> bool:
    """The text picks the current step's own options (a flow may say so with `own_answer`)."""
    flow = current_flow(ctx)
    check = getattr(flow, "own_answer", None)
    return bool(check is not None and check(ctx, text))


def asks_a_question(ctx: Ctx) -> bool:
    return (ctx.user.flow, ctx.user.step) in QUESTION_STEPS


async def resume(ctx: Ctx) -> None:
    """Show the user where they are: the current step, or the menu."""
    from powbot.features.onboarding import flow as onboarding

    if ctx.user.flow and allowed(ctx, ctx.user.flow):
        await FLOWS[ctx.user.flow].resume(ctx)
    elif ctx.user.language is None or ctx.user.role is None:
        await onboarding.start(ctx)
    else:
        ctx.set_state(None)
        await show_menu(ctx)


def _misunderstood_key(key: str) -> bool:
    return (
        key in _MISUNDERSTOOD_EXACT
        or key.endswith("not_understood")
        or key.startswith("questionnaire.hint_")
    )


def _prefixes(catalog: Catalog, lang: str) -> tuple[str, ...]:
    cached = _prefix_cache.get((id(catalog), lang))
    if cached is None:
        table = catalog.texts.get(lang) or {}
        found = {
            text.split("{", 1)[0].strip() for key, text in table.items() if _misunderstood_key(key)
        }
        cached = tuple(sorted(prefix for prefix in found if len(prefix) >= 8))
        _prefix_cache[(id(catalog), lang)] = cached
    return cached


def not_understood(ctx: Ctx, first_reply: int) -> bool:
    """Did the step just run say it did not understand? A flow may say so explicitly with
    `ctx.not_understood = True`; otherwise its reply opening with one of the catalog's
    'not understood' texts tells."""
    if getattr(ctx, "not_understood", False):
        return True
    prefixes = _prefixes(ctx.content.catalog, ctx.lang)
    return any(reply.text.startswith(prefixes) for reply in ctx.replies[first_reply:])
