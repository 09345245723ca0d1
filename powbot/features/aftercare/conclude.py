"""Closing a worker's check-in: the risk rules, the answers behind them, the client's wish,
an alert to the coach (only what the client shares), and what the client is told about it,
truthfully: a coach who will get in touch, a coach who sees it but was asked not to call,
or (without a coach) who can help instead."""

from __future__ import annotations

from powbot.domain.aftercare_planning import phase_of
from powbot.domain.aftercare_records import answers_of, resolve_no_answer, words_of
from powbot.domain.coaching import active_placements
from powbot.domain.unit import Services
from powbot.features.aftercare.common import checkin_ref, coach_of, raise_alert
from powbot.knowledge.aftercare import Aftercare
from powbot.storage.models import Placement, User
from powbot.storage.models_aftercare import CheckIn

MAX_SAID = 500
WITH_HELP = ("aftercare.no_coach_help", "aftercare.coach_told_contact_help")


def wish_of(aftercare: Aftercare, answers: dict[str, str]) -> str | None:
    answer = answers.get(aftercare.contact_question)
    return {"yes": "contact", "no": "no_contact"}.get(answer or "")


def answer_details(
    aftercare: Aftercare, checkin: CheckIn, answers: dict[str, str], risks: list[str]
) -> list[dict[str, str]]:
    """The answers a coach should see named: those that ask for attention or made a rule
    hold, in the order they were asked."""
    held = [r for r in (aftercare.risk(risk_id) for risk_id in risks) if r is not None]
    details: list[dict[str, str]] = []
    for question_id in checkin.questions:
        answer = answers.get(question_id)
        if answer is None or question_id not in {q.id for q in aftercare.questions}:
            continue
        caused = any(answer in r.when.answers.get(question_id, []) for r in held)
        if caused or aftercare.question(question_id).worrying(answer):
            details.append({"q": question_id, "a": answer})
    return details


async def _placement(services: Services, checkin: CheckIn) -> Placement | None:
    return await services.session.get(Placement, checkin.placement_id)


async def conclude(services: Services, checkin: CheckIn, seeker: User) -> str | None:
    """Close a check-in: evaluate the risk rules and alert the coach when one holds.

    Returns the catalog key of what to tell the worker about it (None: nothing to tell).
    """
    assert checkin.id is not None
    aftercare = services.content.aftercare
    answers = await answers_of(services, checkin.id)
    risks = aftercare.risks_for(checkin.mood, answers, list(checkin.typed_risks))
    checkin.risks = risks
    checkin.status = "answered"
    checkin.answered_at = services.now
    await services.cancel_scheduled(checkin_ref(checkin.id))
    await resolve_no_answer(services, seeker.id)
    if not risks:
        return None
    coach = await coach_of(services, seeker)
    placement = await _placement(services, checkin)
    phase = phase_of(placement.start_date, checkin.day).value if placement else None
    wish = wish_of(aftercare, answers)
    if coach is not None and seeker.share_with_coach:
        details = answer_details(aftercare, checkin, answers, risks)
        said = [w.text for w in (await words_of(services, [checkin.id]))[checkin.id]]
        if said:
            details.append({"said": " / ".join(said)[:MAX_SAID]})
        await raise_alert(
            services,
            seeker=seeker,
            coach=coach,
            kind="risk",
            reasons=risks,
            checkin=checkin,
            details=details,
            wish=wish,
            phase=phase,
        )
        return {
            "contact": "aftercare.coach_told",
            "no_contact": "aftercare.coach_told_no_contact",
        }.get(wish or "", "aftercare.coach_sees")
    if coach is not None and "contact" in risks:
        # Not sharing, yet asking for contact: the coach learns only that.
        await raise_alert(
            services,
            seeker=seeker,
            coach=coach,
            kind="risk",
            reasons=["contact"],
            checkin=checkin,
            limited=True,
            wish=wish,
            phase=phase,
        )
        return (
            "aftercare.coach_told_contact"
            if risks == ["contact"]
            else "aftercare.coach_told_contact_help"
        )
    return "aftercare.no_coach_help"


async def who_can_help(services: Services, lang: str, seeker: User) -> str:
    """Help for a worker a coach will not call: names their employer and the gemeente,
    never a coach who is not there."""
    placements = await active_placements(services, seeker.id)
    employer = placements[0].employer_name if placements and placements[0].employer_name else ""
    text = services.content.aftercare.help_without_coach.get(lang)
    fallback = services.text(lang, "aftercare.your_employer")
    return text.replace("{employer}", employer or fallback)
