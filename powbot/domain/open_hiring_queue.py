"""The Open Hiring queue: sign-ups, allocation of places, offers with deadlines.

Every change to a vacancy's list happens while that vacancy's row is locked
(`lock_vacancy`: SELECT ... FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE holds the
single write lock already). That makes the list strictly serial per vacancy:
- a sign-up gets its id (= its place in the queue) under the lock, so id order is the
  order in which sign-ups were stored and committed;
- allocation counts the live offers and hands the free places to the first waiting
  sign-ups in id order. A partial unique index on (vacancy, slot) over live offers backs
  this up: even a bug here cannot offer one place to two people.

The offer row, its outbox message and its reminder/expiry rows are written in one
transaction, so an offer is never lost: it is either all there or not made at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import and_, func, or_
from sqlmodel import col, select

from powbot.domain.messages import Reply
from powbot.domain.open_hiring_offers import (
    offer_reply,
    seeker_button,
)
from powbot.domain.unit import Services
from powbot.storage.models import User
from powbot.storage.models_open_hiring import LIVE_OFFER, LIVE_SIGNUP, Offer, Signup, Vacancy

REMINDER_JOB = "oh_offer_reminder"
EXPIRY_JOB = "oh_offer_expiry"
# Place-in-line messages: every change in the top 5, and further back each time the place
# has halved since the last message (190 -> 95 -> 47 -> 23 -> 11), so a long wait brings a
# handful of messages that mean something. /aanmeldingen always shows the exact place.
NOTIFY_TOP = 5


class QueueError(Exception):
    """A request that cannot be done in the current state; `key` names the catalog text."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass
class Counts:
    waiting: int = 0
    offered: int = 0
    accepted: int = 0
    declined: int = 0
    expired: int = 0
    withdrawn: int = 0


def row_id(arg: object) -> int | None:
    """A row id from callback data or flow state; None for anything a table could not hold
    (so forged data never reaches the database as an out-of-range number)."""
    if isinstance(arg, int) and not isinstance(arg, bool):
        return arg if 0 < arg < 2**31 else None
    if isinstance(arg, str) and arg.isascii() and arg.isdigit() and len(arg) <= 9:
        return int(arg) or None
    return None


def offer_ref(offer_id: int) -> str:
    return f"oh_offer:{offer_id}"


async def lock_vacancy(services: Services, vacancy_id: int) -> Vacancy | None:
    """The vacancy row, locked for the rest of the transaction and freshly read."""
    query = (
        select(Vacancy)
        .where(col(Vacancy.id) == vacancy_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return (await services.session.exec(query)).first()


async def fresh(services: Services, model: type, row_id: int) -> object | None:
    """A row re-read after the vacancy lock, never a stale copy from the identity map."""
    return await services.session.get(model, row_id, populate_existing=True)


async def position(services: Services, signup: Signup) -> int:
    """1 for the first waiting person on the list."""
    query = select(func.count()).where(
        col(Signup.vacancy_id) == signup.vacancy_id,
        col(Signup.status) == "waiting",
        col(Signup.id) <= signup.id,
    )
    return int((await services.session.exec(query)).one())


async def waiting_count(services: Services, vacancy_id: int) -> int:
    query = select(func.count()).where(
        col(Signup.vacancy_id) == vacancy_id, col(Signup.status) == "waiting"
    )
    return int((await services.session.exec(query)).one())


async def free_places(services: Services, vacancy: Vacancy) -> int:
    """Places not held by an open or accepted offer."""
    query = select(func.count()).where(
        col(Offer.vacancy_id) == vacancy.id, col(Offer.status).in_(LIVE_OFFER)
    )
    return max(0, vacancy.places - int((await services.session.exec(query)).one()))


async def live_signup(services: Services, vacancy_id: int, user_id: int) -> Signup | None:
    query = select(Signup).where(
        col(Signup.vacancy_id) == vacancy_id,
        col(Signup.user_id) == user_id,
        col(Signup.status).in_(LIVE_SIGNUP),
    )
    return (await services.session.exec(query)).first()


async def counts(services: Services, vacancy_id: int) -> Counts:
    query = (
        select(Signup.status, func.count())
        .where(col(Signup.vacancy_id) == vacancy_id)
        .group_by(col(Signup.status))
    )
    result = Counts()
    for status, number in (await services.session.exec(query)).all():
        if hasattr(result, status):
            setattr(result, status, int(number))
    return result


async def sign_up(services: Services, vacancy_id: int, user_id: int) -> tuple[Signup, list[Offer]]:
    """Put a person at the end of the list and hand out any free place at once.

    The caller has checked the person answered every question with yes.
    """
    vacancy = await lock_vacancy(services, vacancy_id)
    if vacancy is None or vacancy.status not in ("open", "paused"):
        raise QueueError("open_hiring.vacancy_gone")
    if vacancy.status == "paused":
        raise QueueError("open_hiring.vacancy_paused")
    existing = await live_signup(services, vacancy_id, user_id)
    if existing is not None:
        raise QueueError(
            "open_hiring.already_hired" if existing.status == "accepted" else "open_hiring.already"
        )
    signup = Signup(vacancy_id=vacancy_id, user_id=user_id, created_at=services.now)
    services.session.add(signup)
    await services.session.flush()
    offers = await allocate(services, vacancy, direct_user=user_id)
    if signup.status == "waiting":
        signup.told_position = await position(services, signup)
    return signup, offers


async def allocate(
    services: Services, vacancy: Vacancy, direct_user: int | None = None
) -> list[Offer]:
    """Offer every free place to the next people in line. The vacancy must be locked.

    `direct_user` is the person we are talking to right now: their offer is shown as a
    reply by the caller instead of through the outbox.
    """
    if vacancy.status != "open":
        return []
    assert vacancy.id is not None
    taken = set(
        (
            await services.session.exec(
                select(Offer.slot).where(
                    col(Offer.vacancy_id) == vacancy.id, col(Offer.status).in_(LIVE_OFFER)
                )
            )
        ).all()
    )
    free = [slot for slot in range(1, vacancy.places + 1) if slot not in taken]
    if not free:
        return []
    next_in_line = (
        await services.session.exec(
            select(Signup)
            .where(col(Signup.vacancy_id) == vacancy.id, col(Signup.status) == "waiting")
            .order_by(col(Signup.id))
            .limit(len(free))
        )
    ).all()
    offers: list[Offer] = []
    for signup, slot in zip(next_in_line, free, strict=False):
        assert signup.id is not None and signup.user_id is not None
        offers.append(
            await _make_offer(services, vacancy, signup, slot, direct=signup.user_id == direct_user)
        )
    if offers:
        await refresh_positions(services, vacancy)
    return offers


async def _make_offer(
    services: Services, vacancy: Vacancy, signup: Signup, slot: int, *, direct: bool
) -> Offer:
    assert vacancy.id is not None and signup.id is not None and signup.user_id is not None
    hours = timedelta(hours=services.settings.offer_hours)
    # The clock starts when the message can be read: offers are not urgent, so one made
    # at night is delivered after quiet hours, and the person still gets the full time.
    seen = services.now if direct else services.after_quiet_hours(services.now)
    deadline = services.after_quiet_hours(seen + hours)
    tomorrow_after_deadline = services.local(deadline).date() + timedelta(days=1)
    offer = Offer(
        vacancy_id=vacancy.id,
        signup_id=signup.id,
        user_id=signup.user_id,
        slot=slot,
        created_at=services.now,
        seen_from=seen,
        deadline_at=deadline,
        # A place freed later cannot start in the past: then it starts after the deadline.
        start_date=max(vacancy.start_date, tomorrow_after_deadline),
    )
    services.session.add(offer)
    signup.status = "offered"
    await services.session.flush()
    assert offer.id is not None
    ref = offer_ref(offer.id)
    await services.schedule(
        REMINDER_JOB, seen + hours / 2, user_id=signup.user_id, ref=ref, payload={"offer": offer.id}
    )
    await services.schedule(
        EXPIRY_JOB, deadline, user_id=signup.user_id, ref=ref, payload={"offer": offer.id}
    )
    if not direct:
        user = await services.session.get(User, signup.user_id)
        if user is not None:
            lang = services.lang_of(user)
            await services.notify(user.id, offer_reply(services, lang, offer, vacancy))
    return offer


async def refresh_positions(services: Services, vacancy: Vacancy) -> None:
    """Tell waiting people who moved up enough to matter (NOTIFY_TOP, or their place
    halved since we last told them). Places only ever improve: newcomers join the end."""
    rank = func.row_number().over(order_by=col(Signup.id)).label("rank")
    ranked = (
        select(col(Signup.id).label("sid"), col(Signup.told_position).label("told"), rank)
        .where(col(Signup.vacancy_id) == vacancy.id, col(Signup.status) == "waiting")
        .subquery()
    )
    query = select(ranked.c.sid, ranked.c.rank).where(
        or_(
            and_(ranked.c.rank <= NOTIFY_TOP, ranked.c.told != ranked.c.rank),
            ranked.c.told >= 2 * ranked.c.rank,
        )
    )
    moved = {int(sid): int(place) for sid, place in (await services.session.exec(query)).all()}
    ids = list(moved)
    # Loaded in chunks, then all messages added at once: one flush, not one per person.
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = (await services.session.exec(select(Signup).where(col(Signup.id).in_(chunk)))).all()
        user_ids = [row.user_id for row in rows if row.user_id is not None]
        users = {
            user.id: user
            for user in (
                await services.session.exec(select(User).where(col(User.id).in_(user_ids)))
            ).all()
        }
        for signup in rows:
            assert signup.id is not None
            signup.told_position = moved[signup.id]
            user = users.get(signup.user_id or 0)
            if user is None:
                continue
            text = services.text(
                services.lang_of(user),
                "open_hiring.moved_up",
                position=moved[signup.id],
                title=vacancy.title,
            )
            await services.notify(user.id, Reply(text))


async def end_offer(services: Services, vacancy: Vacancy, offer: Offer, outcome: str) -> None:
    """Declined, expired or withdrawn: the place goes to the next in line."""
    assert offer.id is not None
    offer.status = outcome
    offer.answered_at = services.now
    signup = await fresh(services, Signup, offer.signup_id)
    assert isinstance(signup, Signup)
    signup.status = outcome
    signup.ended_at = services.now
    await services.cancel_scheduled(offer_ref(offer.id))
    await services.session.flush()
    await allocate(services, vacancy)


async def withdraw(services: Services, vacancy: Vacancy, signup: Signup) -> None:
    """Leave the list (or give back an offer). The vacancy must be locked."""
    if signup.status == "offered":
        offer = (
            await services.session.exec(
                select(Offer).where(col(Offer.signup_id) == signup.id, col(Offer.status) == "open")
            )
        ).first()
        if offer is not None:
            await end_offer(services, vacancy, offer, "withdrawn")
            return
    signup.status = "withdrawn"
    signup.ended_at = services.now
    await services.session.flush()
    await refresh_positions(services, vacancy)


async def close(services: Services, vacancy: Vacancy) -> int:
    """Close the vacancy; everyone still on the list or holding an offer is told."""
    vacancy.status = "closed"
    vacancy.closed_at = services.now
    people = (
        await services.session.exec(
            select(Signup).where(
                col(Signup.vacancy_id) == vacancy.id,
                col(Signup.status).in_(("waiting", "offered")),
            )
        )
    ).all()
    open_offers = (
        await services.session.exec(
            select(Offer).where(col(Offer.vacancy_id) == vacancy.id, col(Offer.status) == "open")
        )
    ).all()
    for offer in open_offers:
        assert offer.id is not None
        offer.status = "cancelled"
        offer.answered_at = services.now
        await services.cancel_scheduled(offer_ref(offer.id))
    for signup in people:
        signup.status = "closed"
        signup.ended_at = services.now
        if signup.user_id is None:
            continue
        user = await services.session.get(User, signup.user_id)
        if user is None:
            continue
        lang = services.lang_of(user)
        text = services.text(lang, "open_hiring.closed_told", title=vacancy.title)
        buttons = [[seeker_button(services, lang, "open_hiring.other_vacancies", "list", "0")]]
        await services.notify(user.id, Reply(text, buttons))
    return len(people)


async def leave_everything(services: Services, user: User) -> None:
    """Before an erase: give back places and offers, and close the person's own vacancies,
    so nobody waits for an answer from someone who is gone."""
    live = (
        await services.session.exec(
            select(Signup).where(
                col(Signup.user_id) == user.id, col(Signup.status).in_(("waiting", "offered"))
            )
        )
    ).all()
    for signup in live:
        vacancy = await lock_vacancy(services, signup.vacancy_id)
        if vacancy is not None:
            await withdraw(services, vacancy, signup)
    own = (
        await services.session.exec(
            select(Vacancy.id).where(
                col(Vacancy.employer_id) == user.id, col(Vacancy.status).in_(("open", "paused"))
            )
        )
    ).all()
    for vacancy_id in own:
        vacancy = await lock_vacancy(services, vacancy_id) if vacancy_id is not None else None
        if vacancy is not None:
            await close(services, vacancy)
