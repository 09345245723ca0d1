"""Open Hiring for job seekers: the list of open vacancies (by page and town) and one
vacancy's details, with pay and a description of the work in every view."""

from __future__ import annotations

import math

from powbot.conversation.context import Ctx
from powbot.domain import open_hiring_queue as queue
from powbot.domain.ids import parse_id
from powbot.domain.messages import Button
from powbot.domain.open_hiring_offers import SEEKER_FLOW as NAME
from powbot.domain.open_hiring_offers import employer_words, fmt_hours, fmt_pay, vacancy_card
from powbot.domain.open_hiring_seekers import open_cities, open_vacancies
from powbot.features.menu import show_menu
from powbot.knowledge.text import best_choice, normalise, parse_int
from powbot.storage.models_open_hiring import Vacancy

PAGE_SIZE = 5
SHORT_DESCRIPTION = 90
# What 'start early' meant before vacancies had a start time of their own.
DEFAULT_EARLY_START = "7:00"


def card(ctx: Ctx, vacancy: Vacancy) -> str:
    return vacancy_card(ctx, ctx.lang, vacancy)


def other_vacancies(ctx: Ctx) -> list[list[Button]]:
    return [[ctx.button(ctx.t("open_hiring.other_vacancies"), NAME, "list", "0", bound=False)]]


def questions_of(ctx: Ctx, vacancy: Vacancy) -> list[tuple[str, str]]:
    """(question, why the job needs it) in the seeker's language. The employer's own
    questions come in their English version where they gave one, else marked as theirs."""
    hours = ctx.t(
        "open_hiring.detail_hours", hours=fmt_hours(ctx, ctx.lang, vacancy), shifts=vacancy.shifts
    )
    start = vacancy.start_time or DEFAULT_EARLY_START
    chosen = [
        (
            q.text.get(ctx.lang).replace("{hours}", hours).replace("{start}", start),
            q.need.get(ctx.lang).replace("{start}", start),
        )
        for q in ctx.content.open_hiring.ordered(vacancy.questions)
    ]
    custom_need = ctx.t("open_hiring.custom_need")
    english = list(vacancy.custom_questions_en or [])
    custom: list[tuple[str, str]] = []
    for index, text in enumerate(vacancy.custom_questions):
        translated = english[index] if index < len(english) else ""
        if ctx.lang == "en" and translated:
            custom.append((translated, custom_need))
        else:
            custom.append((employer_words(ctx, ctx.lang, text), custom_need))
    return chosen + custom


def list_line(ctx: Ctx, number: int, vacancy: Vacancy) -> str:
    """One vacancy in the list: title, employer, town, then pay and the start of the
    description (the whole text is in the details)."""
    lines = [f"{number}. {vacancy.title} – {vacancy.organisation}, {vacancy.city}"]
    pay = fmt_pay(ctx, ctx.lang, vacancy)
    if pay:
        lines.append(f"   {pay}")
    if vacancy.description:
        short = vacancy.description
        if len(short) > SHORT_DESCRIPTION:
            short = short[: SHORT_DESCRIPTION - 1].rsplit(" ", 1)[0] + "…"
        lines.append(f"   {employer_words(ctx, ctx.lang, short)}")
    return "\n".join(lines)


# --- browsing -----------------------------------------------------------------------


def _list_arg(page: int, city: str) -> str:
    return f"{page}~{city}" if city else str(page)


def parse_list_arg(arg: str) -> tuple[int, str]:
    page_text, _, city = arg.partition("~")
    page = parse_id(page_text, low=0, high=9999) or 0
    return min(page, 1000), normalise(city)[:40]


async def browse(ctx: Ctx, page: int = 0, city: str = "") -> None:
    vacancies = await open_vacancies(ctx, city)
    pages = max(1, math.ceil(len(vacancies) / PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = vacancies[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    if not vacancies and not city:
        # Nothing to choose from: not a step that waits for a vacancy number, but the menu.
        ctx.set_state(None)
        await show_menu(ctx, "open_hiring.none_open")
        return
    ctx.set_state(NAME, "browse", page=page, city=city, ids=[v.id for v in shown])
    if not vacancies:
        back = [[ctx.button(ctx.t("open_hiring.all_places"), NAME, "list", "0", bound=False)]]
        ctx.say(ctx.t("open_hiring.none_in_city"), back)
        return
    cities = await open_cities(ctx)
    lines = [
        ctx.t(
            "open_hiring.list_title_city" if city else "open_hiring.list_title",
            city=cities.get(city, city),
            page=page + 1,
            pages=pages,
        )
    ]
    rows: list[list[Button]] = []
    for number, vacancy in enumerate(shown, start=1):
        lines.append(list_line(ctx, number, vacancy))
        rows.append(
            [
                ctx.button(
                    f"{number}. {vacancy.title} ({vacancy.city})",
                    NAME,
                    "view",
                    str(vacancy.id),
                    bound=False,
                )
            ]
        )
    nav: list[Button] = []
    if page > 0:
        nav.append(
            ctx.button(
                ctx.t("open_hiring.previous"), NAME, "list", _list_arg(page - 1, city), bound=False
            )
        )
    if page < pages - 1:
        nav.append(
            ctx.button(
                ctx.t("open_hiring.next"), NAME, "list", _list_arg(page + 1, city), bound=False
            )
        )
    if nav:
        rows.append(nav)
    if city:
        rows.append([ctx.button(ctx.t("open_hiring.all_places"), NAME, "list", "0", bound=False)])
    elif len(cities) > 1:
        rows.append([ctx.button(ctx.t("open_hiring.filter_city"), NAME, "cities", bound=False)])
    lines.append("")
    lines.append(ctx.t("open_hiring.list_hint"))
    ctx.say("\n".join(lines), rows)


async def choose_city(ctx: Ctx) -> None:
    cities = await open_cities(ctx)
    rows = [
        [ctx.button(name, NAME, "list", _list_arg(0, key), bound=False)]
        for key, name in sorted(cities.items(), key=lambda item: item[1].casefold())
    ]
    rows.append([ctx.button(ctx.t("open_hiring.all_places"), NAME, "list", "0", bound=False)])
    ctx.set_state(NAME, "browse", page=0, city="", ids=[])
    ctx.say(ctx.t("open_hiring.choose_city"), rows)


async def browse_text(ctx: Ctx, text: str) -> None:
    data = ctx.user.flow_data
    ids: list[int] = data.get("ids", [])
    number = parse_int(text)
    if number is not None and normalise(text).isdigit():
        if 1 <= number <= len(ids):
            await show_vacancy(ctx, ids[number - 1])
            return
    cities = await open_cities(ctx)
    key = best_choice(text, {k: [name] for k, name in cities.items()})
    if key:
        await browse(ctx, 0, key)
        return
    chosen = await _vacancy_named(ctx, ids, text)
    if chosen is not None:  # 'magazijn', 'dozen inpakken': a vacancy on the list by its words
        await show_vacancy(ctx, chosen)
        return
    ctx.say(ctx.t("open_hiring.browse_not_understood"))
    await browse(ctx, data.get("page", 0), data.get("city", ""))


async def _vacancy_named(ctx: Ctx, ids: list[int], text: str) -> int | None:
    """The one vacancy on the shown list whose title or employer the text names; with one
    vacancy shown, also 'aanmelden' (what else would they sign up for)."""
    shown = [
        vacancy for vacancy_id in ids if (vacancy := await ctx.session.get(Vacancy, vacancy_id))
    ]
    names = {str(v.id): [v.title, v.organisation, f"{v.title} {v.organisation}"] for v in shown}
    chosen = best_choice(text, {key: [n for n in value if n] for key, value in names.items()})
    if chosen is not None:
        return int(chosen)
    return shown[0].id if len(shown) == 1 and says_sign_up(ctx, text) else None


def says_sign_up(ctx: Ctx, text: str) -> bool:
    """'aanmelden', 'ik wil me aanmelden' (the catalog's open_hiring.signup_words)."""
    said = normalise(text)
    return any(said == normalise(w) for w in ctx.t("open_hiring.signup_words").split(","))


async def show_vacancy(ctx: Ctx, vacancy_id: int) -> None:
    vacancy = await ctx.session.get(Vacancy, vacancy_id)
    if vacancy is None or vacancy.status not in ("open", "paused"):
        ctx.say(ctx.t("open_hiring.vacancy_gone"), other_vacancies(ctx))
        return
    lines = [card(ctx, vacancy)]
    waiting = await queue.waiting_count(ctx, vacancy_id)
    lines.append(ctx.t("open_hiring.on_list_count", count=waiting))
    questions = questions_of(ctx, vacancy)
    if questions:
        lines.append(ctx.t("open_hiring.questions_count", count=len(questions)))
    mine = await queue.live_signup(ctx, vacancy_id, ctx.user.id)
    rows: list[list[Button]] = []
    if mine is not None and mine.status == "waiting":
        place = await queue.position(ctx, mine)
        lines.append(ctx.t("open_hiring.you_are_waiting", position=place))
        rows.append(
            [ctx.button(ctx.t("open_hiring.withdraw"), NAME, "wd", str(mine.id), bound=False)]
        )
    elif mine is not None and mine.status == "offered":
        lines.append(ctx.t("open_hiring.you_have_offer"))
        rows.append([ctx.button(ctx.t("open_hiring.my_signups"), NAME, "mine", bound=False)])
    elif mine is not None:
        lines.append(ctx.t("open_hiring.already_hired"))
    elif vacancy.status == "paused":
        lines.append(ctx.t("open_hiring.vacancy_paused"))
    else:
        if await queue.free_places(ctx, vacancy) == 0:
            lines.append(ctx.t("open_hiring.all_places_taken", position=waiting + 1))
        rows.append(
            [ctx.button(ctx.t("open_hiring.sign_up"), NAME, "join", str(vacancy_id), bound=False)]
        )
    rows.append([ctx.button(ctx.t("open_hiring.back_to_list"), NAME, "list", "0", bound=False)])
    ctx.set_state(NAME, "view", vid=vacancy_id)
    ctx.say("\n\n".join(lines), rows)
