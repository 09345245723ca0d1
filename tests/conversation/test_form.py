"""The form DSL: one runner for every declared form, and the static checks that hold them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from powbot.config import load_settings
from powbot.conversation.context import Ctx
from powbot.conversation.form import SKIPPED, Choice, Form, Step
from powbot.conversation.form_check import check_form
from powbot.conversation.form_parsers import a_date, clock_time, duration, free_text, number, yes_no
from powbot.domain.messages import Callback
from powbot.knowledge.content import Content, load_content
from powbot.storage.models import User

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def content() -> Iterator[Content]:
    settings = load_settings(DATABASE_URL="sqlite+aiosqlite:///:memory:")
    yield load_content(settings.knowledge_dir)


def make_ctx(content: Content, user: User) -> Ctx:
    settings = load_settings(DATABASE_URL="sqlite+aiosqlite:///:memory:")
    return Ctx(None, settings, content, NOW, user)  # type: ignore[arg-type]  # no database needed


class Person:
    """One user talking to a form, each message in a fresh context as in the real app."""

    def __init__(self, content: Content, form: Form) -> None:
        self.content, self.form = content, form
        self.user = User(id=1, chat_id=1, language="nl", role="seeker")
        self.done: list[dict[str, Any]] = []

    async def start(self) -> str:
        ctx = make_ctx(self.content, self.user)
        await self.form.start(ctx)
        return self._shown(ctx)

    async def send(self, text: str) -> str:
        ctx = make_ctx(self.content, self.user)
        await self.form.on_text(ctx, text)
        return self._shown(ctx)

    async def press(self, action: str, arg: str = "") -> str:
        ctx = make_ctx(self.content, self.user)
        await self.form.on_button(ctx, Callback(self.form.name, action, arg))
        return self._shown(ctx)

    def _shown(self, ctx: Ctx) -> str:
        self.buttons = [
            button.label for reply in ctx.replies for row in reply.buttons for button in row
        ]
        return "\n".join(reply.text for reply in ctx.replies)


def hours_form(person_done: list[dict[str, Any]]) -> Form:
    async def complete(ctx: Ctx, answers: dict[str, Any]) -> None:
        person_done.append(answers)
        ctx.set_state(None)
        ctx.say("done")

    return Form(
        "test_form",
        frozenset({"seeker"}),
        (
            Step(
                "hours",
                "form.number_range",
                parse=number(0, 40),
                takes_number=True,
                next="agree",
                values=lambda ctx: {"min": 0, "max": 40},
            ),
            Step(
                "agree",
                "form.yes_or_no",
                parse=yes_no,
                choices=(Choice("yes", "common.yes"), Choice("no", "common.no")),
                why="form.not_understood",
                next="note",
            ),
            Step("note", "form.not_understood", parse=free_text(20), skip=True),
        ),
        complete,
    )


@pytest.fixture
def person(content: Content) -> Person:
    done: list[dict[str, Any]] = []
    found = Person(content, hours_form(done))
    found.done = done
    return found


async def test_typed_answers_are_understood_generously(person: Person) -> None:
    await person.start()
    await person.send("veertig")
    await person.send("👍")
    await person.send("graag om 9 uur")
    assert person.done == [{"hours": 40, "agree": "yes", "note": "graag om 9 uur"}]


async def test_a_range_is_asked_about_and_nothing_is_stored(person: Person) -> None:
    await person.start()
    shown = await person.send("24 tot 32")
    assert "Welk getal: 24 of 32?" in shown
    assert person.user.step == "hours" and "hours" not in person.user.flow_data["answers"]


async def test_why_back_and_skip_typed_or_pressed(person: Person) -> None:
    await person.start()
    await person.send("12")
    shown = await person.send("waarom?")
    assert "Dat begreep ik niet." in shown  # the step's explanation, then the step again
    assert person.user.step == "agree"
    shown = await person.send("terug")
    assert "Eerder antwoord: 12" in shown and person.user.step == "hours"
    await person.send("12")
    await person.press("c", "no")
    await person.press("s")
    assert person.done == [{"hours": 12, "agree": "no", "note": SKIPPED}]


async def test_unknown_text_shows_the_step_again(person: Person) -> None:
    await person.start()
    await person.send("8")
    shown = await person.send("misschien morgen")
    assert "kies een van de knoppen" in shown.casefold() and "Antwoord met ja of nee" in shown
    assert person.buttons[:2] == ["Ja", "Nee"]


async def test_a_stale_or_forged_button_is_refused_kindly(person: Person) -> None:
    await person.start()
    await person.press("c", "maybe")
    assert person.user.step == "hours" and not person.done
    await person.press("zz")
    assert person.user.step == "hours"


def test_a_bare_number_at_a_number_step_is_the_answer_not_a_button(person: Person) -> None:
    assert person.form.takes_number(None, "hours")
    assert not person.form.takes_number(None, "agree")


# --- static checks ----------------------------------------------------------------------


def test_every_form_of_the_app_passes_the_static_checks(content: Content) -> None:
    from powbot.features.compose import FEATURES

    forms = [flow for feature in FEATURES for flow in feature.flows if isinstance(flow, Form)]
    assert forms, "at least one feature declares a form"
    for form in forms:
        assert check_form(form, content.catalog.has) == []


def test_static_checks_find_what_a_user_would_otherwise_find(content: Content) -> None:
    async def complete(ctx: Ctx, answers: dict[str, Any]) -> None: ...

    broken = Form(
        "broken",
        frozenset({"seeker"}),
        (
            Step("one", "form.back", next="nowhere"),
            Step("lonely", "form.no_such_text"),
            Step("computed", "form.back", next=lambda answers: "one"),
            Step(
                "twice", "form.back", choices=(Choice("a", "form.back"), Choice("a", "form.skip"))
            ),
        ),
        complete,
    )
    problems = check_form(broken, content.catalog.has)
    assert "broken.one: goes to unknown step 'nowhere'" in problems
    assert "broken.lonely: no step leads here" in problems
    assert "broken.lonely: no text 'form.no_such_text'" in problems
    assert "broken.computed: a computed next needs goes_to" in problems
    assert "broken.twice: two choices share a value" in problems
    assert check_form(hours_form([]), content.catalog.has) == []


# --- parsers for common steps -------------------------------------------------------------


def test_date_time_and_duration_steps(content: Content) -> None:
    ctx = make_ctx(content, User(id=1, chat_id=1, language="nl"))  # Monday 7 December 2026
    start = a_date(earliest=0, latest=60)
    assert start(ctx, "volgende maandag").value == "2026-12-14"
    assert start(ctx, "4 januari").value == "2027-01-04"
    assert start(ctx, "morgen").value == "2026-12-08"
    assert start(ctx, "over drie maanden").error == "form.date_range"
    assert start(ctx, "ooit").error == "form.date_hint"
    assert clock_time(ctx, "half acht").value == "07:30"
    assert clock_time(ctx, "om 7 uur 's avonds").value == "19:00"
    travel = duration(0, 180)
    assert travel(ctx, "anderhalf uur").value == 90
    assert travel(ctx, "20 tot 30 min").error == "form.which_number"
    assert travel(ctx, "5 uur").error == "form.minutes_range"


# --- steps with buttons from data, multiple choice, one step on its own, after-hooks ----


def pick_form(person_done: list[dict[str, Any]]) -> Form:
    """Fruit chosen from data (several at once), then a town that may follow from an address."""

    async def complete(ctx: Ctx, answers: dict[str, Any]) -> None:
        data = ctx.user.flow_data
        person_done.append({**answers, "only": bool(data.get("only")), "item": data.get("item")})
        ctx.set_state(None)

    def fruit(ctx: Ctx) -> tuple[Choice, ...]:
        return tuple(Choice(name, "", text=name.title()) for name in ("apple", "pear", "plum"))

    async def town_from(ctx: Ctx, value: Any, answers: dict[str, Any]) -> str | None:
        town = str(value).partition(",")[2].strip()
        if town:
            answers["town"] = town
        return f"Town: {town}" if town else None

    return Form(
        "pick",
        frozenset({"seeker"}),
        (
            Step("fruit", "form.not_understood", options=fruit, multi=True, next="address"),
            Step(
                "address",
                "form.not_understood",
                parse=free_text(80),
                after=town_from,
                next=lambda answers: None if answers.get("town") else "town",
                goes_to=("town",),
            ),
            Step(
                "town",
                "form.not_understood",
                parse=free_text(40),
                skip=True,
                skip_label="form.back",
            ),
        ),
        complete,
    )


async def test_a_multiple_choice_step_toggles_buttons_and_typed_numbers(content: Content) -> None:
    done: list[dict[str, Any]] = []
    person = Person(content, pick_form(done))
    await person.start()
    assert person.buttons == ["1. Apple", "2. Pear", "3. Plum", "✔️ Klaar"]
    await person.press("c", "pear")
    await person.send("1 2")  # apple on, pear off again
    assert person.buttons[:3] == ["✅ 1. Apple", "2. Pear", "3. Plum"]
    shown = await person.send("banaan")
    assert "Dat begreep ik niet." in shown and person.user.step == "fruit"
    await person.press("c", "kiwi")  # not one of the choices: nothing changes
    await person.send("klaar")
    assert person.user.step == "address"
    shown = await person.send("Dorpsstraat 1, Tiel")
    assert done == [
        {
            "fruit": ["apple"],
            "address": "Dorpsstraat 1, Tiel",
            "town": "Tiel",
            "only": False,
            "item": None,
        }
    ]


async def test_a_note_from_an_answer_and_a_custom_skip_label(content: Content) -> None:
    done: list[dict[str, Any]] = []
    person = Person(content, pick_form(done))
    await person.start()
    await person.press("d")
    shown = await person.send("Dorpsstraat 1")
    assert person.user.step == "town" and "Town" not in shown
    assert "⬅️ Terug" in person.buttons  # the declared skip label (and Back)
    await person.press("s")
    assert done[0]["fruit"] == [] and done[0]["town"] == SKIPPED


async def test_one_step_on_its_own_completes_with_the_edit_prefix(content: Content) -> None:
    done: list[dict[str, Any]] = []
    form = pick_form(done)
    form.edit_prefix = "form.skip"
    person = Person(content, form)
    ctx = make_ctx(content, person.user)
    await form.start_at(ctx, "address", only=True, answers={"fruit": ["plum"]}, item=7)
    assert person._shown(ctx).startswith("⏭ Overslaan\nDat begreep ik niet.")
    await person.send("Hal 3")
    assert done == [{"fruit": ["plum"], "address": "Hal 3", "only": True, "item": 7}]


def test_static_checks_know_multiple_choice_steps(content: Content) -> None:
    assert check_form(pick_form([]), content.catalog.has) == []
    assert "d" in pick_form([]).steps["fruit"].actions()


def loop_form(person_done: list[dict[str, Any]]) -> Form:
    """One yes/no step asked once per item of data; 'why' explains the item asked."""

    async def complete(ctx: Ctx, answers: dict[str, Any]) -> None:
        person_done.append({"i": ctx.user.flow_data.get("i"), **answers})
        ctx.set_state(None)

    def item(ctx: Ctx) -> dict[str, Any]:
        return {"max": ["apple", "pear", "plum"][int(ctx.user.flow_data.get("i", 0))], "min": 0}

    async def more(ctx: Ctx, value: Any, answers: dict[str, Any]) -> str | None:
        answers["more"] = int(ctx.user.flow_data.get("i", 0)) < 2
        return None

    return Form(
        "loop",
        frozenset({"seeker"}),
        (
            Step(
                "item",
                "form.number_range",
                parse=yes_no,
                choices=(Choice("yes", "common.yes"), Choice("no", "common.no")),
                why="form.number_range",
                why_label="form.skip",
                hint="form.date_hint",
                values=item,
                after=more,
                next=lambda answers: "item" if answers["more"] else None,
                goes_to=("item",),
                buttons_after=lambda ctx: [[ctx.button("Elsewhere", "other", "x")]],
            ),
        ),
        complete,
    )


async def test_a_step_that_leads_to_itself_asks_each_item_and_back_goes_one_item_back(
    content: Content,
) -> None:
    done: list[dict[str, Any]] = []
    person = Person(content, loop_form(done))
    shown = await person.start()
    assert "tot apple" in shown and "Elsewhere" in person.buttons
    assert "⬅️ Terug" not in person.buttons  # nothing to go back to at the first item
    shown = await person.send("misschien")
    assert shown.startswith("Welke datum?")  # the step's own hint
    shown = await person.send("ja")
    assert "tot pear" in shown and "⏭ Overslaan" in person.buttons  # the why label
    shown = await person.press("w")
    assert shown.startswith("Typ een getal van 0 tot pear.")  # why, with the item's values
    shown = await person.send("terug")
    assert "tot apple" in shown and person.user.flow_data["i"] == 0
    await person.send("ja")
    await person.send("ja")
    await person.send("nee")
    assert done == [{"i": 2, "item": "no", "more": False}]
