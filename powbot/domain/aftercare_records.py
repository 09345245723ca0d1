"""Aftercare's records: answers, the words typed with a check-in, which check-in can still
be answered (late answers), the history a coach sees, a placement's pay and contract terms.

Conversations, jobs and the coach's views (bot or web) read and write these through here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import update
from sqlmodel import col, select

from powbot.domain.aftercare_planning import PayFrequency, latest_sent_is
from powbot.domain.unit import Services
from powbot.knowledge.aftercare_questions import Question
from powbot.storage.models import QuestionnaireRun, User
from powbot.storage.models_aftercare import (
    Alert,
    CheckIn,
    CheckInAnswer,
    CheckInWords,
    PlacementTerms,
)

OPEN = ("sent", "reminded", "started")  # the worker can still answer
MISSED = "missed"
HISTORY = ("answered", MISSED)
MAX_WORDS = 1000  # characters kept of one message typed during a check-in


async def answers_of(services: Services, checkin_id: int) -> dict[str, str]:
    rows = await services.session.exec(
        select(CheckInAnswer).where(CheckInAnswer.checkin_id == checkin_id)
    )
    return {row.question_id: row.answer for row in rows.all()}


async def keep_words(
    services: Services, checkin: CheckIn, author_id: int, step: str, text: str
) -> CheckInWords:
    """Every word kept: what was typed during a check-in is stored with it."""
    assert checkin.id is not None
    words = CheckInWords(
        checkin_id=checkin.id,
        seeker_id=checkin.seeker_id,
        author_id=author_id,
        step=step[:32],
        text=text.strip()[:MAX_WORDS],
        created_at=services.now,
    )
    services.session.add(words)
    await services.session.flush()
    return words


async def words_of(services: Services, checkin_ids: list[int]) -> dict[int, list[CheckInWords]]:
    """The words typed with these check-ins, oldest first, per check-in."""
    found: dict[int, list[CheckInWords]] = {checkin_id: [] for checkin_id in checkin_ids}
    if not checkin_ids:
        return found
    rows = await services.session.exec(
        select(CheckInWords)
        .where(col(CheckInWords.checkin_id).in_(checkin_ids))
        .order_by(col(CheckInWords.created_at), col(CheckInWords.id))
    )
    for row in rows.all():
        found[row.checkin_id].append(row)
    return found


async def settled_questions(
    services: Services, checkin: CheckIn, questions: list[Question]
) -> set[str]:
    """The check-in's questions this worker need not be asked: answered in an earlier
    check-in with an answer that settles them ('Ja, allebei', 'Niet nodig'), or ruled out
    by their latest werkfit answers (no children under 12 at home)."""
    settling = [q for q in questions if q.settled_by]
    settled: set[str] = set()
    if settling:
        rows = await services.session.exec(
            select(CheckInAnswer.question_id, CheckInAnswer.answer).where(
                CheckInAnswer.seeker_id == checkin.seeker_id,
                CheckInAnswer.checkin_id != checkin.id,
                col(CheckInAnswer.question_id).in_([q.id for q in settling]),
            )
        )
        given = set(rows.all())
        settled = {q.id for q in settling if any((q.id, a) in given for a in q.settled_by)}
    by_werkfit = [q for q in questions if q.skip_when_werkfit and q.id not in settled]
    if by_werkfit:
        run = (
            await services.session.exec(
                select(QuestionnaireRun)
                .where(QuestionnaireRun.user_id == checkin.seeker_id)
                .order_by(col(QuestionnaireRun.id).desc())
            )
        ).first()
        given_werkfit = run.answers if run is not None else {}
        settled |= {
            q.id
            for q in by_werkfit
            if all(
                isinstance(given_werkfit.get(key), dict)
                and given_werkfit[key].get("value") == value
                for key, value in q.skip_when_werkfit.items()
            )
        }
    return settled


async def _sent_in_order(services: Services, seeker_id: int) -> list[int]:
    rows = await services.session.exec(
        select(CheckIn.id)
        .where(
            CheckIn.seeker_id == seeker_id,
            CheckIn.audience == "worker",
            col(CheckIn.sent_at).is_not(None),
        )
        .order_by(col(CheckIn.sent_at), col(CheckIn.id))
    )
    return [row for row in rows.all() if row is not None]


async def answerable(services: Services, checkin: CheckIn) -> bool:
    """Open, or missed and still the latest one sent: a late answer is accepted until the
    next check-in goes out."""
    if checkin.status in OPEN:
        return True
    if checkin.status != MISSED or checkin.id is None:
        return False
    return latest_sent_is(await _sent_in_order(services, checkin.seeker_id), checkin.id)


async def latest_answerable(services: Services, seeker_id: int) -> CheckIn | None:
    rows = await services.session.exec(
        select(CheckIn)
        .where(
            CheckIn.seeker_id == seeker_id,
            CheckIn.audience == "worker",
            col(CheckIn.status).in_((*OPEN, MISSED)),
        )
        .order_by(col(CheckIn.due_at).desc())
    )
    for checkin in rows.all():
        if await answerable(services, checkin):
            return checkin
    return None


async def resolve_no_answer(services: Services, seeker_id: int) -> None:
    """The client answered: 'no answer' alerts about them are resolved, so no coach view
    keeps saying '3 days without an answer'."""
    await services.session.exec(
        update(Alert)
        .where(
            col(Alert.seeker_id) == seeker_id,
            col(Alert.kind) == "no_answer",
            col(Alert.status).in_(("open", "snoozed")),
        )
        .values(status="closed", closed_at=services.now, updated_at=services.now)
    )


@dataclass
class CheckInRecord:
    """One check-in in a client's history: answered (maybe late) or missed, with the
    answers and, only while the client shares, the words they typed."""

    checkin: CheckIn
    answers: dict[str, str] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)

    @property
    def missed(self) -> bool:
        return self.checkin.status == MISSED

    @property
    def late(self) -> bool:
        return self.checkin.late


async def history(services: Services, seeker: User, limit: int = 10) -> list[CheckInRecord]:
    """The client's worker check-ins that went out, newest first: answered and missed.
    What they typed is included only while they share with their coach."""
    rows = await services.session.exec(
        select(CheckIn)
        .where(
            CheckIn.seeker_id == seeker.id,
            CheckIn.audience == "worker",
            col(CheckIn.status).in_(HISTORY),
        )
        .order_by(col(CheckIn.due_at).desc())
        .limit(limit)
    )
    checkins = list(rows.all())
    ids = [c.id for c in checkins if c.id is not None]
    words = await words_of(services, ids) if seeker.share_with_coach else {}
    records = []
    for checkin in checkins:
        assert checkin.id is not None
        records.append(
            CheckInRecord(
                checkin,
                await answers_of(services, checkin.id),
                [w.text for w in words.get(checkin.id, [])],
            )
        )
    return records


async def terms_of(services: Services, placement_id: int) -> PlacementTerms | None:
    rows = await services.session.exec(
        select(PlacementTerms).where(PlacementTerms.placement_id == placement_id)
    )
    return rows.first()


async def set_terms(
    services: Services,
    placement_id: int,
    *,
    pay_frequency: PayFrequency = PayFrequency.MONTH,
    pay_day: int | None = None,
    first_payday: date | None = None,
    contract_end: date | None = None,
    probation_end: date | None = None,
) -> PlacementTerms:
    """A placement's pay and contract terms (asked when it is registered, or taken from
    the Open Hiring vacancy). Set them before the placement is created, or re-plan."""
    terms = await terms_of(services, placement_id) or PlacementTerms(placement_id=placement_id)
    terms.pay_frequency = pay_frequency.value
    terms.pay_day = pay_day
    terms.first_payday = first_payday
    terms.contract_end = contract_end
    terms.probation_end = probation_end
    services.session.add(terms)
    await services.session.flush()
    return terms
