"""One path for every free-text message, in this order:

1. safety: crisis help at once (every role, state and language), then back to the step;
2. a message over the length limit: say so, show the step again;
3. a reply to a question pushed since the person's last message (a check-in or a coach's
   message that came in the middle of the questionnaire), else the current step's parser;
4. only when the step did not understand (or there is no step): a button's words typed
   ('plaatsen' under a preview), intents that hold in every state, then the note on
   languages for text in a language the bot does not speak, then (at a step) a question the
   role's FAQ is sure of, answered before the step is shown again, or a main-menu item named
   in words ('profiel' where a number was asked);
5. a reply to a question pushed earlier ('ja graag' under a job offer), a main-menu item
   asked for in words ('vacatures'), a question about the bot's own parts
   ('hoe lang duurt de vragenlijst'), else the free-text handler of the role (the FAQ), or
   for a coach an answer the FAQ is sure of; after a 'just in case' crisis line, no "I don't
   know" but a kind way on; text that may be meant for the job seeker's coach (after the
   coach's message, or naming them) is offered to pass on first; a statement the FAQ does
   not know gets the honest way on, not "I don't know";
6. an honest way on: what the bot can do for this role, the menu and a person.
"""

from __future__ import annotations

from datetime import datetime

from powbot.conversation.context import Ctx, Flow
from powbot.conversation.registry import (
    FOR_A_PERSON,
    FREE_TEXT,
    PUSHED_REPLIES,
    SIDE_ANSWERS,
)
from powbot.domain.messages import PUSHED_MARK
from powbot.features.menu import open_item, show_menu
from powbot.features.understanding import actions, intents, screen_buttons
from powbot.features.understanding.about_bot import answer_about_bot, part_asked_about
from powbot.features.understanding.crisis import crisis_help
from powbot.features.understanding.language import bot_language_of, foreign_language
from powbot.features.understanding.menu_words import typed_menu_item
from powbot.features.understanding.steps import (
    asks_a_question,
    current_flow,
    not_understood,
    own_answer,
    resume,
)
from powbot.features.understanding.typed_buttons import press_typed_label
from powbot.knowledge.safety import SafetyHit

_SEEN = "_understanding_seen"  # the text this update already passed through safety
_POSSIBLE = "_understanding_possible_crisis"  # a 'just in case' help line was said
PRACTICAL_KINDS = frozenset({"money", "no_food"})  # help that a question may follow


async def handle_text(ctx: Ctx, text: str) -> None:
    if getattr(ctx, _SEEN, None) != text:
        # A flow that hands the text back to the engine (a check-in that was not answered)
        # must not get the crisis help or the length note twice.
        setattr(ctx, _SEEN, text)
        if await _safety_or_length(ctx, text):
            return
    flow = current_flow(ctx)
    if flow is not None and await _at_a_step(ctx, flow, text):
        return
    if ctx.user.language is None or ctx.user.role is None:
        from powbot.features.onboarding import flow as onboarding

        if ctx.user.language is None and not ctx.user.flow:
            await onboarding.first_text(ctx, text)  # no /start first: read it all the same
        else:
            await onboarding.start(ctx)
        return
    if await _intent_or_language(ctx, text):
        return
    if flow is not None:  # a step that takes any text as a question (the FAQ)
        if not await _about_the_bot(ctx, text) and not await _after_possible_crisis(ctx, text):
            await flow.on_text(ctx, text)
        return
    await _outside_a_conversation(ctx, text)


async def _at_a_step(ctx: Ctx, flow: Flow, text: str) -> bool:
    """Step 3: a reply to a question pushed since their last message (a check-in sent
    mid-questionnaire), else the step's own parser with its second chance. False for a
    step that takes any text as a question (the FAQ): that comes after the intents."""
    if ctx.user.flow_data.get(PUSHED_MARK) and await _pushed_reply(ctx, text, ctx.last_active_at):
        return True
    if asks_a_question(ctx):
        return False
    first = len(ctx.replies)
    await flow.on_text(ctx, text)
    if not_understood(ctx, first):
        await _second_chance(ctx, text, drop_from=first)
    return True


async def safety_only(ctx: Ctx, text: str) -> None:
    """Step 1 alone (an edited message): the help when it signals danger, nothing else."""
    hit = await crisis_help(ctx, text)
    if hit is not None:
        await _after_crisis(ctx, text, hit)


async def _safety_or_length(ctx: Ctx, text: str) -> bool:
    """Steps 1 and 2; True when they answered the message."""
    said = len(ctx.replies)
    hit = await crisis_help(ctx, text, own_answer=lambda: own_answer(ctx, text))
    if hit is not None:
        await _after_crisis(ctx, text, hit)
        return not _question_beside_money_trouble(ctx, text, hit)
    if len(ctx.replies) > said:
        setattr(ctx, _POSSIBLE, True)
    if len(text) > ctx.settings.max_text_length:
        ctx.say(ctx.t("common.too_long", max=ctx.settings.max_text_length))
        if current_flow(ctx) is not None:
            await resume(ctx)
        return True
    return False


def _question_beside_money_trouble(ctx: Ctx, text: str, hit: SafetyHit) -> bool:
    """'hoe kan ik werk vinden met schulden? deurwaarder komt morgen': after the money help,
    the question is answered too; it was dropped with no way on (tester). Only for money and
    food trouble outside a conversation: after a danger message no other answer follows."""
    return (
        set(hit.kinds) <= PRACTICAL_KINDS
        and current_flow(ctx) is None
        and ctx.user.role is not None
        and intents.looks_like_question(text)
    )


async def _outside_a_conversation(ctx: Ctx, text: str) -> None:
    """Steps 5 and 6: a menu item named in words, the role's free-text handler (the FAQ), or
    an honest way on."""
    if await screen_buttons.press_named(ctx, text):  # 'meer tips' under the profile
        return
    if ctx.user.flow is not None:  # a flow that no longer applies; outside one, what the
        ctx.set_state(None)  # last screen offered stays (the FAQ's call-back offer)
    if await _pushed_reply(ctx, text, None):  # 'ja graag' to a job offer sent earlier
        return
    item = typed_menu_item(ctx, text, numbers=True)
    if item is not None:  # 'vacatures', 'profiel', '3' under the menu: what its button does
        await open_item(ctx, item)
        return
    if await _about_the_bot(ctx, text) or await _after_possible_crisis(ctx, text):
        return
    if await _for_a_person(ctx, text):
        return
    if await _a_statement_not_known(ctx, text):
        return
    free_text = FREE_TEXT.get(ctx.user.role)
    if free_text is not None:
        await free_text(ctx, text)
        return
    side = SIDE_ANSWERS.get(ctx.user.role)  # a coach's 'hoe werkt loonkostensubsidie?'
    if side is not None and intents.looks_like_question(text) and await side(ctx, text):
        return
    await actions.honest_way_on(ctx)
    offer_the_other_language(ctx, text)


async def _pushed_reply(ctx: Ctx, text: str, since: datetime | None) -> bool:
    """A reply to a question pushed after `since` (None: any still open): the running
    conversation is left (kept for later) and the reply answers that question."""
    for pushed_reply in PUSHED_REPLIES:
        answer = await pushed_reply(ctx, text, since)
        if answer is not None:
            await actions.leave_flow(ctx)
            await answer()
            return True
    return False


async def _about_the_bot(ctx: Ctx, text: str) -> bool:
    """'hoe lang duurt de vragenlijst', 'wie ziet mijn antwoorden': what that part of the bot
    is, unless the FAQ is sure the question is one of its own (then its answer)."""
    if part_asked_about(ctx.content.catalog, text, ctx.user.role) is None:
        return False
    side = SIDE_ANSWERS.get(ctx.user.role)
    if side is None or not await side(ctx, text):
        answer_about_bot(ctx, text)
    return True


async def _for_a_person(ctx: Ctx, text: str) -> bool:
    """'ok tot straks anna' after the coach's message, a coach's 'hoe gaat het met bram':
    for that person, unless the FAQ is sure it is one of its questions (True when handled)."""
    from powbot.features.faq.flow import knows_about

    handle = FOR_A_PERSON.get(ctx.user.role)
    return handle is not None and await handle(ctx, text, lambda: knows_about(ctx, text))


async def _a_statement_not_known(ctx: Ctx, text: str) -> bool:
    """'ik ben zo moe vandaag', 'mijn kind is ziek, ik kan morgen niet': not a question, and
    not one the FAQ knows. "Dat weet ik helaas niet" answers a question nobody asked; what
    the bot can do and the way to a person fit (True when said)."""
    from powbot.features.faq.flow import is_rating, knows_about, small_talk

    if ctx.user.role not in FREE_TEXT or intents.looks_like_question(text):
        return False
    if small_talk(ctx, text) is not None or is_rating(ctx, text) or knows_about(ctx, text):
        return False  # 'bedankt', 'doei', '👎' are answered as such
    await actions.honest_way_on(ctx)
    return True


async def _after_possible_crisis(ctx: Ctx, text: str) -> bool:
    """After a 'just in case' help line ('ik heb geen zin meer in dit allemaal'), the FAQ's
    "I don't know, ask your klantmanager" reads as not listening: a kind way on instead (a
    person, the menu). True when that was said."""
    from powbot.features.faq.flow import knows_about

    if not getattr(ctx, _POSSIBLE, False) or knows_about(ctx, text):
        return False  # its answer (or choice of answers) follows the line, as for anyone
    ctx.set_state(None)
    await show_menu(ctx, "understanding.after_possible")
    return True


async def _after_crisis(ctx: Ctx, text: str, hit: SafetyHit) -> None:
    """Then the conversation goes on where it was: the step is shown again (a flow with an
    `on_safety(ctx, text, hit)` hook decides itself, e.g. to keep a check-in's text)."""
    flow = current_flow(ctx)
    hook = getattr(flow, "on_safety", None)
    if hook is not None:
        await hook(ctx, text, hit)
        return
    if flow is not None:
        ctx.say(ctx.t("safety.go_on"))
        await resume(ctx)
    elif ctx.user.language is None or ctx.user.role is None:
        await resume(ctx)


async def _second_chance(ctx: Ctx, text: str, *, drop_from: int) -> None:
    """The step did not understand: an intent, the language note, a sure answer to a typed
    question or a menu item named in words replaces its reply."""
    mark = len(ctx.replies)
    if await press_typed_label(ctx, text):  # 'plaatsen' under the preview: that button
        del ctx.replies[drop_from:mark]
        return
    if await _intent_or_language(ctx, text) or await _answer_aside(ctx, text):
        del ctx.replies[drop_from:mark]
        return
    if answer_about_bot(ctx, text, with_button=False):  # 'hoe lang duurt dit nog?'
        del ctx.replies[drop_from:mark]
        ctx.say(ctx.t_role("understanding.go_on"))
        await resume(ctx)
        return
    item = typed_menu_item(ctx, text)
    if item is not None:  # 'profiel' where the step wanted a number: where they want to go
        del ctx.replies[drop_from:mark]
        await open_item(ctx, item)
        return
    offer_the_other_language(ctx, text)


def offer_the_other_language(ctx: Ctx, text: str) -> None:
    """'what is privé? i not understand' from someone whose chat is in Dutch got Dutch
    replies only (tester): in the language they wrote, say the chat can speak it."""
    written = bot_language_of(text)
    if written is not None and written != ctx.lang:
        ctx.say(ctx.text(written, "understanding.other_language"))


async def _answer_aside(ctx: Ctx, text: str) -> bool:
    """'wat is loonkostensubsidie?' at the consent step: the answer, then the step again."""
    answer = SIDE_ANSWERS.get(ctx.user.role)
    if answer is None or not intents.looks_like_question(text):
        return False
    if not await answer(ctx, text):
        return False
    ctx.say(ctx.t_role("understanding.go_on"))
    await resume(ctx)
    return True


async def _intent_or_language(ctx: Ctx, text: str) -> bool:
    intent = intents.detect(ctx, text, await actions.people_named(ctx, text))
    if intent in (intents.VACANCY, intents.JOBS):
        item = typed_menu_item(ctx, text)
        if item is not None:  # 'mijn vacatures' names that item, not a new vacancy (tester)
            await actions.leave_flow(ctx)
            await open_item(ctx, item)
            return True
    if intent is not None and await actions.run(ctx, intent, text):
        return True
    code = foreign_language(text)
    if code is not None:
        ctx.say(actions.speaks_note(ctx, code))
        if current_flow(ctx) is not None:
            await resume(ctx)
        return True
    return False
