"""The FAQ conversation: questions in the user's own words, vetted answers with their source,
"did you mean …?" when unsure, a choice of subjects when the question is too general, and an
honest "I don't know" with a person to call back.

Employers and job seekers just type (registered as their free-text handler); the menu item
and /vraag explain that and let coaches ask too. Job seekers search their own index (entries
for them, answers in "je"), and get no WSP hand-off: they are sent to their coach or
klantmanager. Buttons on answers (related entries, "meer", clarify choices, feedback,
hand-off offer) stay valid later (`unbound_actions`); the steps of the callback request are
step-bound. Helpers live in `common`, answers in `answers`, the callback request in
`handoff`, admin reports in `reports`; their public names are re-exported here.
"""

from __future__ import annotations

from powbot.conversation.context import Ctx
from powbot.domain.ids import parse_id
from powbot.domain.messages import Callback
from powbot.features.faq.answers import (
    record_unanswered,
    related_entries,
    show_clarify,
    show_entry,
    show_unknown,
    show_vague,
    store_feedback,
)
from powbot.features.faq.common import (
    HANDOFF_OFFERED,
    HANDOFF_ROLES,
    HANDOFF_STEPS,
    MAX_QUESTION,
    NAME,
    ROLES,
    asks_for_a_call_back,
    audience,
    clean,
    entry_title,
    format_date,
    instrument_name,
    leave_other_flow,
    qref,
    question_language,
    remember,
    remembered,
    rk,
    small_talk,
    valid_contact,
    visible_entry,
    wants_a_call_back,
    wsp_block,
    wsp_details,
)
from powbot.features.faq.followup import with_previous_subject
from powbot.features.faq.handoff import (
    ask_step,
    handoff_text,
    next_step,
    send_request,
    start_handoff,
)
from powbot.features.faq.reports import (
    FeedbackRow,
    UnansweredRow,
    feedback_summary,
    show_feedback,
    show_unanswered,
    top_unanswered,
)
from powbot.features.menu import show_menu
from powbot.knowledge.text import parse_yes_no

__all__ = [
    "NAME",
    "FaqFlow",
    "FeedbackRow",
    "UnansweredRow",
    "answer_aside",
    "answer_question",
    "entry_title",
    "explain",
    "feedback_summary",
    "format_date",
    "free_text",
    "instrument_name",
    "related_entries",
    "send_request",
    "show_entry",
    "show_feedback",
    "show_unanswered",
    "start_handoff",
    "top_unanswered",
    "valid_contact",
    "wsp_details",
]


async def explain(ctx: Ctx) -> None:
    """Menu item and /vraag: how to ask. The next text is taken as a question."""
    await leave_other_flow(ctx)
    ctx.set_state(NAME, "ask")
    ctx.say(ctx.t(f"faq.explain_{ctx.user.role}"))


async def free_text(ctx: Ctx, text: str) -> None:
    """Text from an employer or job seeker outside any other conversation."""
    await answer_question(ctx, text)


async def answer_question(ctx: Ctx, text: str) -> None:
    offered = ctx.user.flow_data.get(HANDOFF_OFFERED)
    if offered is not None:
        ctx.update_state(**{HANDOFF_OFFERED: None})
        if parse_yes_no(text) is True or asks_for_a_call_back(ctx, text):
            await start_handoff(ctx, remembered(ctx, str(offered)))  # 'ja graag' (tester)
            return
    if ctx.user.role in HANDOFF_ROLES and wants_a_call_back(ctx, text):
        last = ctx.user.flow_data.get("q")
        await start_handoff(ctx, last if isinstance(last, str) else None)  # 'bel mij terug'
        return
    if await _typed_rating(ctx, text):
        return
    question = clean(text)[:MAX_QUESTION]
    kind = small_talk(ctx, question)
    if kind is not None:
        ctx.say(ctx.t(rk(ctx, kind)))
        return
    searched = with_previous_subject(ctx, question)  # "hoe lang mag dat?" after an answer
    result = ctx.content.faq_index.search(searched, audience=audience(ctx))
    answered = result.best.id if result.decision == "answer" and result.best else None
    remember(ctx, question, answered)
    if result.decision == "answer" and result.best is not None:
        show_entry(ctx, result.best, result.runner_up, question_language(ctx, question))
    elif result.decision == "clarify" and result.best is not None:
        show_clarify(ctx, result, question)
    elif result.decision == "vague" and result.alternatives:
        show_vague(ctx, result, question)
    else:
        await record_unanswered(ctx, question)
        await show_unknown(ctx, question, result.topic)


async def answer_aside(ctx: Ctx, text: str) -> bool:
    """A question typed at another conversation's step: answered only when the index is sure
    (no choice, no "I don't know", nothing stored), so the step can simply be shown again."""
    question = clean(text)[:MAX_QUESTION]
    result = ctx.content.faq_index.search(question, audience=audience(ctx))
    if result.decision != "answer" or result.best is None:
        return False
    show_entry(ctx, result.best, result.runner_up, question_language(ctx, question))
    return True


def knows_about(ctx: Ctx, text: str) -> bool:
    """Would a question get an answer or a choice of answers, rather than "I don't know"?"""
    result = ctx.content.faq_index.search(clean(text)[:MAX_QUESTION], audience=audience(ctx))
    if result.decision in ("answer", "clarify"):
        return result.best is not None
    return result.decision == "vague" and bool(result.alternatives)


async def _more(ctx: Ctx, arg: str) -> None:
    """ "meer": the next part of a long answer (arg: entry id, language, part number)."""
    entry_id, _, tail = arg.rpartition(".")
    entry = visible_entry(ctx, entry_id)
    lang, number = tail[:2], tail[2:]
    if entry is None or lang not in ("nl", "en") or parse_id(number, low=0, high=99) is None:
        ctx.toast = ctx.t("common.button_unknown")
        return
    show_entry(ctx, entry, lang=lang, part=int(number))


def is_rating(ctx: Ctx, text: str) -> bool:
    return text.strip() in (ctx.t("faq.thumbs_up"), ctx.t("faq.thumbs_down"))


async def _typed_rating(ctx: Ctx, text: str) -> bool:
    """'👎' typed under an answer rates it, like its button ('Graag gedaan!' came back, tester)."""
    value = {ctx.t("faq.thumbs_up"): "1", ctx.t("faq.thumbs_down"): "0"}.get(text.strip())
    answered = ctx.user.flow_data.get("qa")
    if value is None or not isinstance(answered, str):
        return False
    await _feedback(ctx, f"{answered}.{value}")
    if value == "1" and ctx.toast:
        ctx.say(ctx.toast)  # no button was pressed: its thanks becomes a message
    return True


async def _feedback(ctx: Ctx, arg: str) -> None:
    entry_id, _, value = arg.rpartition(".")
    entry = visible_entry(ctx, entry_id)
    if entry is None or value not in ("0", "1"):
        ctx.toast = ctx.t("common.button_unknown")
        return
    await store_feedback(ctx, entry, value == "1")
    ctx.toast = ctx.t(rk(ctx, "feedback_thanks"))
    if value == "1":
        return
    if ctx.user.role in HANDOFF_ROLES:
        last = ctx.user.flow_data.get("q")
        ref = qref(last) if isinstance(last, str) else "-"
        ctx.say(
            ctx.t("faq.feedback_sorry") + "\n\n" + wsp_block(ctx),
            [[ctx.button(ctx.t("faq.handoff_button"), NAME, "h", ref, bound=False)]],
        )
    else:
        ctx.say(ctx.t(rk(ctx, "feedback_sorry")))


class FaqFlow:
    name = NAME
    roles: frozenset[str | None] = ROLES
    # Buttons on answers keep working after the user moved on; the flow checks their args.
    unbound_actions: frozenset[str] = frozenset({"e", "fb", "h", "x", "m"})

    async def on_text(self, ctx: Ctx, text: str) -> None:
        if ctx.user.step in HANDOFF_STEPS:
            await handoff_text(ctx, text)
        else:
            await answer_question(ctx, text)

    async def on_button(self, ctx: Ctx, callback: Callback) -> None:
        action = callback.action
        if callback.screen is None:
            await self._unbound(ctx, action, callback.arg)
            return
        if ctx.user.step not in HANDOFF_STEPS:
            ctx.toast = ctx.t("common.button_unknown")
            return
        if action == "cancel":
            ctx.set_state(None)
            await show_menu(ctx, "faq.cancelled")
        elif action == "keep" and ctx.user.step != "confirm":
            if not ctx.user.flow_data.get(ctx.user.step or ""):
                ask_step(ctx)
                return
            next_step(ctx)
        elif action == "send" and ctx.user.step == "confirm":
            await send_request(ctx)
        elif action == "edit" and ctx.user.step == "confirm":
            ctx.update_state(step="name")
            ask_step(ctx)
        else:
            ctx.toast = ctx.t("common.button_unknown")

    async def _unbound(self, ctx: Ctx, action: str, arg: str) -> None:
        if action == "e":
            entry_id, _, lang = arg.partition(".")  # "id.en": open in the answer's language
            entry = visible_entry(ctx, entry_id)
            if entry is None:
                ctx.toast = ctx.t("common.button_unknown")
                return
            show_entry(ctx, entry, lang=lang if lang in ("nl", "en") else None)
        elif action == "m":
            await _more(ctx, arg)
        elif action == "fb":
            await _feedback(ctx, arg)
        elif action == "h" and ctx.user.role in HANDOFF_ROLES:
            await start_handoff(ctx, remembered(ctx, arg))
        elif action == "x":
            question = remembered(ctx, arg)
            topic = None
            if question is not None:
                await record_unanswered(ctx, question)
                # A choice offered because a subject outside the FAQ fitted almost as well:
                # "none of these" says where that subject is answered.
                topic = ctx.content.faq_index.search(question, audience=audience(ctx)).topic
            await show_unknown(ctx, question, topic)
        else:
            ctx.toast = ctx.t("common.button_unknown")

    async def resume(self, ctx: Ctx) -> None:
        if ctx.user.step in HANDOFF_STEPS:
            ask_step(ctx)
        else:
            ctx.set_state(NAME, "ask")
            ctx.say(ctx.t(f"faq.explain_{ctx.user.role}"))
