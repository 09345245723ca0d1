"""The call-back request: an employer leaves name, organisation, contact and question for
the werkgeversservicepunt (WSP), whose contacts get it through the outbox."""

from __future__ import annotations

import re

from powbot.conversation.context import Ctx
from powbot.domain.contacts import REACHABLE, contact_states
from powbot.domain.messages import Reply
from powbot.features.faq.common import (
    HANDOFF_STEPS,
    LIMITS,
    NAME,
    WSP_SHOWN,
    clean,
    leave_other_flow,
    small_talk,
    valid_contact,
    wsp_block,
)
from powbot.knowledge.text import parse_yes_no
from powbot.storage.models import User
from powbot.storage.models_faq import CallbackRequest

# A phone number or e-mail address: the contact step's answer, never a name.
PHONE_OR_MAIL = re.compile(r"\d[\d\s\-()]{7,}\d|\S+@\S+\.\w+")


async def start_handoff(ctx: Ctx, question: str | None) -> None:
    await leave_other_flow(ctx)
    ctx.set_state(
        NAME,
        "name",
        name=ctx.user.first_name or "",
        organisation="",
        contact="",
        question=question or "",
        wsp=ctx.user.flow_data.get(WSP_SHOWN, 0),  # shown just before: not again
    )
    ctx.say(ctx.t("faq.handoff_intro") + "\n\n" + wsp_block(ctx))
    ask_step(ctx)


def ask_step(ctx: Ctx, prefix: str | None = None) -> None:
    """Show the current step of the callback request."""
    step = ctx.user.step or "name"
    data = ctx.user.flow_data
    cancel = [ctx.button(ctx.t("faq.cancel"), NAME, "cancel")]
    if step == "confirm":
        text = ctx.t(
            "faq.confirm",
            name=data.get("name", ""),
            organisation=data.get("organisation", ""),
            contact=data.get("contact", ""),
            question=data.get("question", ""),
        )
        rows = [
            [ctx.button(ctx.t("faq.send"), NAME, "send")],
            [ctx.button(ctx.t("faq.edit"), NAME, "edit"), *cancel],
        ]
    else:
        current = str(data.get(step) or "")
        if step == "question" and current:
            text = ctx.t("faq.ask_question_prefilled", question=current)
            keep = ctx.t("faq.keep_question")
        else:
            text = ctx.t(f"faq.ask_{step}")
            short = current if len(current) <= 30 else current[:29] + "…"
            keep = ctx.t("faq.keep", value=short)
        rows = [[ctx.button(keep, NAME, "keep")]] if current else []
        rows.append(cancel)
    if prefix:
        text = prefix + "\n\n" + text
    ctx.say(text, rows)


def next_step(ctx: Ctx) -> None:
    step = ctx.user.step or "name"
    index = HANDOFF_STEPS.index(step) if step in HANDOFF_STEPS else 0
    ctx.update_state(step=HANDOFF_STEPS[min(index + 1, len(HANDOFF_STEPS) - 1)])
    ask_step(ctx)


async def handoff_text(ctx: Ctx, text: str) -> None:
    step = ctx.user.step or "name"
    if step == "confirm":
        yes = parse_yes_no(text)
        if yes is True:
            await send_request(ctx)
        elif yes is False:
            ctx.update_state(step="name")
            ask_step(ctx)
        else:
            ask_step(ctx, ctx.t("common.choose_a_button"))
        return
    value = clean(text)
    if step == "contact":
        if not valid_contact(value):
            ask_step(ctx, ctx.t("faq.bad_contact"))
            return
    else:
        low, high = LIMITS[step]
        if step != "question" and (
            small_talk(ctx, value)
            or parse_yes_no(value) is not None
            or PHONE_OR_MAIL.search(value)  # the contact typed a step early (tester)
        ):
            ask_step(ctx, ctx.t("faq.not_a_name"))  # 'hallo', 'ja' is not a name (tester)
            return
        if len(value) < low:
            ask_step(ctx, ctx.t("faq.too_short"))
            return
        if len(value) > high:
            ask_step(ctx, ctx.t("faq.too_long", max=high))
            return
    ctx.update_state(**{step: value})
    next_step(ctx)


async def send_request(ctx: Ctx) -> None:
    data = ctx.user.flow_data
    request = CallbackRequest(
        user_id=ctx.user.id,
        name=str(data.get("name", ""))[:80],
        organisation=str(data.get("organisation", ""))[:120],
        contact=str(data.get("contact", ""))[:120],
        question=str(data.get("question", "")),
        language=ctx.lang,
        created_at=ctx.now,
    )
    ctx.session.add(request)
    await ctx.session.flush()
    contacts = list(dict.fromkeys(ctx.settings.wsp_contact_ids))
    for contact_id in contacts:
        known = await ctx.session.get(User, contact_id)
        lang = known.language if known is not None and known.language else None
        lang = lang or ctx.settings.default_language
        text = ctx.text(
            lang,
            "faq.wsp_request",
            id=request.id,
            name=request.name,
            organisation=request.organisation,
            contact=request.contact,
            language=ctx.text(lang, f"faq.language_{request.language}"),
            question=request.question,
        )
        await ctx.notify(contact_id, Reply(text=text), urgent=False)
    request.notified = len(contacts)
    shown = ctx.user.flow_data.get(WSP_SHOWN, 0)
    ctx.set_state(None)
    ctx.update_state(wsp=shown)  # the details were shown when this flow began
    # The truth: "sent" only when a contact can be reached (started the bot, not blocked).
    states = await contact_states(ctx.session, contacts)
    key = "faq.sent" if REACHABLE in states.values() else "faq.sent_stored"
    ctx.say(ctx.t(key) + "\n\n" + wsp_block(ctx))
