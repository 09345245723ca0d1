"""First contact: language, role, and for job seekers consent before any personal question."""

from __future__ import annotations

from typing import Any

from powbot.conversation.context import Ctx
from powbot.conversation.parse import parse_yes_no
from powbot.conversation.registry import FLOWS, SIDE_ANSWERS, START_CODES
from powbot.domain.messages import Callback
from powbot.domain.text import clean_text
from powbot.features.menu import show_menu
from powbot.features.onboarding.role_guess import guess_role, guess_role_by_question
from powbot.knowledge.text import best_choice, normalise

NAME = "onboarding"
LANGUAGE_WORDS = {  # 'ja' / 'yes' to "which language?" answers in that language
    "nl": ["nederlands", "dutch", "nl", "nederland", "1", "ja", "ja hoor", "jawel", "nee"],
    "en": ["english", "engels", "en", "2", "yes", "no"],
}
LANGUAGE_NAMES = {
    code: [word for word in words if len(word) > 3 and word not in ("jawel", "ja hoor")]
    for code, words in LANGUAGE_WORDS.items()
}
PUBLIC_ROLES = ("seeker", "employer")
MAX_KEPT_QUESTION = 500


async def start(ctx: Ctx, code: str | None = None) -> None:
    """/start, with an optional deep-link code."""
    if ctx.user.language is None:
        ctx.set_state(NAME, "language", code=code, then="role")
        await _ask_language(ctx)
        return
    if code:
        await use_code(ctx, code)
        return
    if ctx.user.id in ctx.settings.admin_ids and ctx.user.role != "admin":
        # Operators are named in the settings, never chosen in the chat.
        ctx.user.role = "admin"
    if ctx.user.role is None:
        ctx.set_state(NAME, "role")
        await _ask_role(ctx)
        return
    ctx.set_state(None)
    await show_menu(ctx, "menu.welcome_back")


async def first_text(ctx: Ctx, text: str) -> None:
    """A new user's first message without /start ('hoi ik zoek werk'): read at the language
    step as if the question had been shown (a language and maybe a role in it), instead of
    only showing the question."""
    ctx.set_state(NAME, "language", code=None, then="role")
    await OnboardingFlow().on_text(ctx, text)


async def use_code(ctx: Ctx, code: str) -> None:
    for handler in START_CODES:
        if await handler(ctx, code):
            return
    ctx.say(ctx.t("onboarding.code_unknown"))
    if ctx.user.role is None:
        ctx.set_state(NAME, "role")
        await _ask_role(ctx)
    else:
        await show_menu(ctx)


async def choose_language(ctx: Ctx) -> None:
    """/taal: choose again, then continue where the user was."""
    previous = {"flow": ctx.user.flow, "step": ctx.user.step, "data": ctx.user.flow_data}
    if ctx.user.flow == NAME and ctx.user.step == "language":  # /taal twice: the first one's
        previous = ctx.user.flow_data.get("previous") or {"flow": None}
    ctx.set_state(NAME, "language", then="resume", previous=previous)
    await _ask_language(ctx)


async def ask_consent(ctx: Ctx, then: str = "menu") -> None:
    ctx.set_state(NAME, "consent", then=then)
    months = ctx.settings.retention_months
    ctx.say(
        ctx.t("onboarding.consent", months=months),
        [
            [ctx.button(ctx.t("onboarding.consent_yes"), NAME, "consent", "yes")],
            [ctx.button(ctx.t("onboarding.consent_no"), NAME, "consent", "no")],
        ],
    )


async def _ask_language(ctx: Ctx) -> None:
    ctx.say(
        ctx.t("onboarding.choose_language"),
        [
            [
                ctx.button(ctx.t("onboarding.lang_nl"), NAME, "lang", "nl"),
                ctx.button(ctx.t("onboarding.lang_en"), NAME, "lang", "en"),
            ]
        ],
    )


async def _ask_role(ctx: Ctx, key: str = "onboarding.choose_role") -> None:
    ctx.say(
        ctx.t(key),
        [
            [ctx.button(ctx.t(f"onboarding.role_{role}"), NAME, "role", role)]
            for role in PUBLIC_ROLES
        ],
    )


async def _language_chosen(ctx: Ctx, lang: str) -> None:
    ctx.user.language = lang
    data: dict[str, Any] = ctx.user.flow_data
    if data.get("then") == "resume":
        previous = data.get("previous") or {}
        ctx.set_state(previous.get("flow"), previous.get("step"), **(previous.get("data") or {}))
        ctx.say(ctx.t("onboarding.language_set"))
        flow = FLOWS.get(ctx.user.flow or "")
        if flow is not None:  # the role question too, with a question kept for after it
            await flow.resume(ctx)
        elif ctx.user.role is None:  # no menu without a role: "Who are you?" (tester)
            await start(ctx)
        else:
            await show_menu(ctx)
        return
    code = data.get("code")
    if ctx.user.role is None:
        ctx.say(ctx.t("onboarding.welcome"))
    if code:
        await use_code(ctx, code)
        return
    await start(ctx)


async def _first_words(ctx: Ctx, lang: str, text: str) -> None:
    """A first message in Dutch or English instead of a language choice ('ik zoek werk'):
    that language (/taal changes it), and the words read as the answer to "Who are you?"
    when they name a role."""
    ctx.user.language = lang
    ctx.say(ctx.t("onboarding.welcome") + "\n" + ctx.t("onboarding.language_from_words"))
    ctx.set_state(NAME, "role")
    if not await _role_from_words(ctx, text):
        await _ask_role(ctx)


async def _role_from_words(ctx: Ctx, text: str) -> bool:
    """A role typed (label, number, 'ja' to a guess) is chosen; words pointing to one are
    named for confirmation. False when the text says neither."""
    role = _typed_role(ctx, text)
    if role:
        await _role_chosen(ctx, role)
        return True
    guess = (
        guess_role(ctx.content.catalog, text)
        or _role_by_intent(ctx, text)
        or _by_question(ctx, text)
    )
    if guess == "coach":  # coaches come in with an invite, not by choosing
        ctx.set_state(NAME, "role")
        await _ask_role(ctx, "onboarding.role_guess_coach")
        return True
    if guess:
        await _suggest_role(ctx, guess, text)
        return True
    return False


def _role_by_intent(ctx: Ctx, text: str) -> str | None:
    """'wij zoeken een magazijnmedewerker', 'what jobs do you have': what a role's menu reads
    as posting a vacancy or as looking for jobs points to that role here."""
    from powbot.features.understanding.intents import JOBS, VACANCY, detect_text

    catalog = ctx.content.catalog
    if detect_text(catalog, text, "employer") == VACANCY:
        return "employer"
    return "seeker" if detect_text(catalog, text, "seeker") == JOBS else None


def _by_question(ctx: Ctx, text: str) -> str | None:
    """A question only one role's FAQ has its own answer to."""
    from powbot.features.understanding.intents import looks_like_question

    if not looks_like_question(text):
        return None
    return guess_role_by_question(ctx.content.faq_index, text)


async def _role_chosen(ctx: Ctx, role: str) -> None:
    # A role is chosen only at the role step, by someone without one: a role button
    # forged on another screen never turns a coach or an admin into an employer.
    if ctx.user.step != "role" or ctx.user.role is not None:
        ctx.toast = ctx.t("common.button_unknown")
        await OnboardingFlow().resume(ctx)
        return
    question = ctx.user.flow_data.get("question")
    ctx.user.role = role
    if isinstance(question, str):
        await _answer_kept_question(ctx, question)
    if role == "seeker":
        await ask_consent(ctx)
        return
    ctx.set_state(None)
    await show_menu(ctx, "onboarding.employer_welcome")


async def _suggest_role(ctx: Ctx, role: str, text: str) -> None:
    """Words that point to a role ('ik wil werken', 'we zoeken personeel'): name it and let
    them confirm, keeping a question they asked for when they have chosen."""
    from powbot.features.understanding.intents import looks_like_question

    data: dict[str, Any] = {"guess": role}
    if looks_like_question(text):
        data["question"] = clean_text(text)[:MAX_KEPT_QUESTION]
    ctx.set_state(NAME, "role", **data)
    await _ask_role(
        ctx, f"onboarding.role_guess_{role}" + ("_question" if "question" in data else "")
    )


async def _answer_kept_question(ctx: Ctx, question: str) -> None:
    """The question typed at the role step, now that the FAQ knows whom it answers; only an
    answer the index is sure of (a choice or "I don't know" would hide the next step)."""
    answer = SIDE_ANSWERS.get(ctx.user.role)
    if answer is None or not await answer(ctx, question):
        ctx.say(ctx.t(f"onboarding.question_later_{ctx.user.role}"))


async def _consent_given(ctx: Ctx, yes: bool) -> None:
    then = ctx.user.flow_data.get("then", "menu")
    ctx.set_state(None)
    if not yes:
        await show_menu(ctx, "onboarding.consent_declined")
        return
    ctx.user.consent_at = ctx.now
    ctx.say(ctx.t("onboarding.consent_thanks"))
    if then != "menu" and then in FLOWS:
        start_flow = getattr(FLOWS[then], "start", None)
        if start_flow is not None:
            await start_flow(ctx)
            return
    await show_menu(ctx)


def _role_comes_next(ctx: Ctx) -> bool:
    """A new user without an invite: after the language, "Who are you?" is asked."""
    return ctx.user.flow_data.get("then") == "role" and not ctx.user.flow_data.get("code")


def _typed_role(ctx: Ctx, text: str) -> str | None:
    """A role button's label or number typed, or 'ja' to the role named by a guess."""
    guess = ctx.user.flow_data.get("guess")
    if guess in PUBLIC_ROLES and parse_yes_no(text) is True:
        return str(guess)
    return best_choice(
        text,
        {
            role: [
                ctx.text("nl", f"onboarding.role_{role}"),
                ctx.text("en", f"onboarding.role_{role}"),
                *ctx.text("nl", f"onboarding.role_{role}_words").split(","),
                str(index + 1),
            ]
            for index, role in enumerate(PUBLIC_ROLES)
        },
        words_in_label=False,  # 'mijn werkgever zegt ...' is a guess to confirm, not a choice
    )


class OnboardingFlow:
    name = NAME
    roles: frozenset[str | None] = frozenset({None, "seeker", "employer", "coach", "admin"})
    unbound_actions: frozenset[str] = frozenset()

    async def on_text(self, ctx: Ctx, text: str) -> None:
        step = ctx.user.step
        if step == "language":
            await self._at_language(ctx, text)
            return
        if step == "role":
            if ctx.user.flow_data.get("guess") and parse_yes_no(text) is False:
                # 'nee' to the guess: the plain question again (a kept question stays kept).
                kept = ctx.user.flow_data.get("question")
                ctx.set_state(NAME, "role", **({"question": kept} if kept else {}))
                await _ask_role(ctx)
                return
            if await _role_from_words(ctx, text):
                return
        elif step == "consent":
            choice = best_choice(
                text,
                {
                    "yes": [ctx.t("onboarding.consent_yes"), "ja", "yes", "1"],
                    "no": [ctx.t("onboarding.consent_no"), "nee", "no", "2"],
                },
            )
            said = parse_yes_no(text)  # 'ok', 'ok goed', 'jaa' (tester)
            if choice or said is not None:
                await _consent_given(ctx, choice == "yes" if choice else bool(said))
                return
        ctx.say(ctx.t("common.choose_a_button"))
        await self.resume(ctx)

    async def _at_language(self, ctx: Ctx, text: str) -> None:
        """The language screen read as text: an invite code, a language (with the rest of
        a first sentence as the answer to "Who are you?"), or the question again."""
        from powbot.features.understanding.invite_codes import code_in

        code = code_in(text)
        if code is not None:  # an invite pasted before a language was chosen (tester)
            await start(ctx, code)  # as /start CODE: the language first, then the code
            return
        # In a sentence only a language's name counts: Dutch 'en' ('and') is no 'en'.
        sentence = len(normalise(text).split()) > 2
        lang = best_choice(text, LANGUAGE_NAMES if sentence else LANGUAGE_WORDS)
        if lang and sentence and _role_comes_next(ctx):
            # 'hello I need a job, I speak a little english': the language, and the
            # rest read as the answer to "Who are you?"
            await _first_words(ctx, lang, text)
            return
        if lang:
            await _language_chosen(ctx, lang)
            return
        from powbot.features.understanding.actions import speaks_note
        from powbot.features.understanding.language import bot_language_of, foreign_language

        written = bot_language_of(text)
        if written and _role_comes_next(ctx):
            await _first_words(ctx, written, text)
            return
        # Not chosen yet, so say it in both languages (and in theirs when we know it).
        code = foreign_language(text)
        ctx.say(speaks_note(ctx, code, "understanding.speaks_language_screen"))
        await self.resume(ctx)

    async def on_button(self, ctx: Ctx, callback: Callback) -> None:
        if callback.action == "lang" and callback.arg in ("nl", "en"):
            await _language_chosen(ctx, callback.arg)
        elif callback.action == "role" and callback.arg in PUBLIC_ROLES:
            await _role_chosen(ctx, callback.arg)
        elif callback.action == "consent" and callback.arg in ("yes", "no"):
            await _consent_given(ctx, callback.arg == "yes")
        else:
            ctx.toast = ctx.t("common.button_unknown")
            await self.resume(ctx)

    async def resume(self, ctx: Ctx) -> None:
        if ctx.user.step == "language":
            await _ask_language(ctx)
        elif ctx.user.step == "role":
            await _ask_role(ctx)
        elif ctx.user.step == "consent":
            await ask_consent(ctx, ctx.user.flow_data.get("then", "menu"))
        else:
            await start(ctx)
