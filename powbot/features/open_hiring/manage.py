"""An employer's vacancies after posting: the list, one vacancy with its results, and
publish, pause, reopen, more places, edit, close and discard."""

from __future__ import annotations

from powbot.conversation.context import Ctx
from powbot.domain import open_hiring_queue as queue
from powbot.domain.messages import Button
from powbot.domain.open_hiring_employer import (
    approved_profile,
    hired,
    own_vacancies,
    results,
)
from powbot.domain.open_hiring_offers import fmt_date
from powbot.features.open_hiring.posting import FIELDS, NAME, card, preview
from powbot.storage.models_open_hiring import EmployerProfile, Vacancy

MAX_ADD_PLACES = 100
EDITABLE_ALWAYS = ("org", *[field for field in FIELDS if field != "places"])


async def require_approval(ctx: Ctx) -> EmployerProfile | None:
    profile = await approved_profile(ctx, ctx.user)
    if profile is None:
        ctx.set_state(None)
        # A way to get approved, not a question left hanging: the WSP call-back (faq.handoff).
        call_back = ctx.button(ctx.t("faq.handoff_button"), "faq", "h", "-", bound=False)
        ctx.say(ctx.t("open_hiring.not_approved"), [[call_back]])
    return profile


async def own_vacancy(ctx: Ctx, arg: str | int | None) -> Vacancy | None:
    """The employer's own vacancy; anything else is treated as a stale or forged button."""
    vacancy_id = queue.row_id(arg)
    if vacancy_id is None:
        return None
    vacancy = await ctx.session.get(Vacancy, vacancy_id)
    if vacancy is None or vacancy.employer_id != ctx.user.id:
        return None
    return vacancy


async def my_vacancies(ctx: Ctx) -> None:
    if await require_approval(ctx) is None:
        return
    ctx.set_state(None)
    live = [v for v in await own_vacancies(ctx, ctx.user.id) if v.status != "closed"][:20]
    new_button = [ctx.button(ctx.t("open_hiring.menu_new_vacancy"), NAME, "new", bound=False)]
    if not live:
        ctx.say(ctx.t("open_hiring.no_vacancies"), [new_button])
        return
    rows = [
        [
            ctx.button(
                f"{v.title} ({v.city}) · {ctx.t('open_hiring.status_' + v.status)}",
                NAME,
                "show",
                str(v.id),
                bound=False,
            )
        ]
        for v in live
    ]
    rows.append(new_button)
    ctx.say(ctx.t("open_hiring.my_vacancies_title"), rows)


async def _results_lines(ctx: Ctx, vacancy: Vacancy) -> list[str]:
    found = await results(ctx, vacancy)
    numbers = found.numbers
    lines = [
        ctx.t(
            "open_hiring.counts",
            signups=found.signups,
            offers=found.offers,
            waiting=numbers.waiting,
            offered=numbers.offered,
            accepted=numbers.accepted,
            declined=numbers.declined,
            expired=numbers.expired,
            withdrawn=numbers.withdrawn,
        )
    ]
    for days, stayed in found.stayed.items():
        if stayed is not None:
            months = 1 if days < 60 else 3
            lines.append(ctx.t("open_hiring.stayed_line", months=months, count=stayed))
    return lines


def _manage_buttons(ctx: Ctx, vacancy: Vacancy) -> list[list[Button]]:
    arg = str(vacancy.id)
    rows: list[list[Button]] = []
    if vacancy.status == "open":
        rows.append([ctx.button(ctx.t("open_hiring.pause"), NAME, "pause", arg, bound=False)])
    elif vacancy.status == "paused":
        rows.append([ctx.button(ctx.t("open_hiring.reopen"), NAME, "reopen", arg, bound=False)])
    if vacancy.status in ("open", "paused"):
        rows.append([ctx.button(ctx.t("open_hiring.add_places"), NAME, "more", arg, bound=False)])
        rows.append([ctx.button(ctx.t("open_hiring.edit"), NAME, "edit", arg, bound=False)])
        rows.append([ctx.button(ctx.t("open_hiring.close"), NAME, "close", arg, bound=False)])
    rows.append([ctx.button(ctx.t("open_hiring.back_to_mine"), NAME, "mine", bound=False)])
    return rows


async def show(ctx: Ctx, vacancy: Vacancy) -> None:
    assert vacancy.id is not None
    if vacancy.status == "draft":
        await preview(ctx, vacancy)
        return
    ctx.set_state(None)
    lines = [
        card(ctx, vacancy),
        "",
        ctx.t("open_hiring.status_line", status=ctx.t("open_hiring.status_" + vacancy.status)),
        *await _results_lines(ctx, vacancy),
    ]
    people = await hired(ctx, vacancy.id)
    if people:
        lines.append(ctx.t("open_hiring.hired_heading"))
        for offer, user in people:
            contact = offer.contact or ctx.t("open_hiring.contact_none_for_employer")
            lines.append(
                ctx.t(
                    "open_hiring.hired_line",
                    name=user.first_name or "?",
                    contact=contact,
                    start=fmt_date(ctx, offer.start_date),
                )
            )
    ctx.say("\n".join(lines), _manage_buttons(ctx, vacancy))


async def publish(ctx: Ctx, vacancy: Vacancy) -> None:
    locked = await queue.lock_vacancy(ctx, vacancy.id or 0)
    if locked is None or locked.status != "draft":
        await show(ctx, vacancy)
        return
    locked.status = "open"
    locked.published_at = ctx.now
    ctx.set_state(None)
    ctx.say(ctx.t("open_hiring.published", title=locked.title))
    await show(ctx, locked)


async def set_paused(ctx: Ctx, vacancy: Vacancy, paused: bool) -> None:
    locked = await queue.lock_vacancy(ctx, vacancy.id or 0)
    assert locked is not None
    wanted_from = "open" if paused else "paused"
    if locked.status != wanted_from:
        ctx.say(ctx.t("open_hiring.nothing_changed"))
        await show(ctx, locked)
        return
    locked.status = "paused" if paused else "open"
    if not paused:
        await queue.allocate(ctx, locked)
    ctx.say(ctx.t("open_hiring.paused" if paused else "open_hiring.reopened"))
    await show(ctx, locked)


async def ask_more_places(ctx: Ctx, vacancy: Vacancy) -> None:
    if vacancy.status not in ("open", "paused"):
        await show(ctx, vacancy)
        return
    ctx.set_state(NAME, "more", vid=vacancy.id)
    ctx.say(
        ctx.t("open_hiring.ask_more_places", max=MAX_ADD_PLACES),
        [
            [
                ctx.button("+1", NAME, "add", "1"),
                ctx.button("+2", NAME, "add", "2"),
                ctx.button("+5", NAME, "add", "5"),
            ],
            [ctx.button(ctx.t("open_hiring.cancel"), NAME, "show", str(vacancy.id))],
        ],
    )


async def add_places(ctx: Ctx, number: int | None) -> None:
    vacancy = await own_vacancy(ctx, ctx.user.flow_data.get("vid"))
    if vacancy is None:
        ctx.set_state(None)
        ctx.say(ctx.t("open_hiring.vacancy_gone_employer"))
        return
    if number is None or not 1 <= number <= MAX_ADD_PLACES:
        ctx.say(ctx.t("open_hiring.bad_number", min=1, max=MAX_ADD_PLACES))
        await ask_more_places(ctx, vacancy)
        return
    locked = await queue.lock_vacancy(ctx, vacancy.id or 0)
    assert locked is not None
    ctx.set_state(None)
    if locked.status not in ("open", "paused"):
        await show(ctx, locked)
        return
    locked.places += number
    offers = await queue.allocate(ctx, locked)
    ctx.say(ctx.t("open_hiring.places_added", places=locked.places, offered=len(offers)))
    await show(ctx, locked)


async def ask_edit(ctx: Ctx, vacancy: Vacancy) -> None:
    """Every field can be changed; places only grow once published, and the questions are
    fixed once people have answered them."""
    if vacancy.status == "closed":
        await show(ctx, vacancy)
        return
    ctx.set_state(NAME, "edit?", vid=vacancy.id)
    fields = list(EDITABLE_ALWAYS)
    if vacancy.status == "draft":
        fields += ["places", "questions"]
    buttons = [
        ctx.button(ctx.t(f"open_hiring.field_{field}"), NAME, "field", field) for field in fields
    ]
    rows = [buttons[index : index + 2] for index in range(0, len(buttons), 2)]
    rows.append([ctx.button(ctx.t("open_hiring.cancel"), NAME, "show", str(vacancy.id))])
    ctx.say(ctx.t("open_hiring.ask_edit"), rows)


async def ask_close(ctx: Ctx, vacancy: Vacancy) -> None:
    if vacancy.status == "closed":
        await show(ctx, vacancy)
        return
    ctx.set_state(NAME, "close?", vid=vacancy.id)
    waiting = (await queue.counts(ctx, vacancy.id or 0)).waiting
    ctx.say(
        ctx.t("open_hiring.close_confirm", title=vacancy.title, waiting=waiting),
        [
            [ctx.button(ctx.t("open_hiring.close_yes"), NAME, "closeyes", str(vacancy.id))],
            [ctx.button(ctx.t("open_hiring.cancel"), NAME, "show", str(vacancy.id))],
        ],
    )


async def close(ctx: Ctx, vacancy: Vacancy) -> None:
    locked = await queue.lock_vacancy(ctx, vacancy.id or 0)
    assert locked is not None
    ctx.set_state(None)
    if locked.status == "closed":
        await show(ctx, locked)
        return
    told = await queue.close(ctx, locked)
    ctx.say(ctx.t("open_hiring.closed", title=locked.title, told=told))
    await my_vacancies(ctx)


async def discard(ctx: Ctx, vacancy: Vacancy) -> None:
    if vacancy.status != "draft":
        await show(ctx, vacancy)
        return
    vacancy.status = "closed"
    vacancy.closed_at = ctx.now
    ctx.set_state(None)
    ctx.say(ctx.t("open_hiring.discarded"))
    await my_vacancies(ctx)
