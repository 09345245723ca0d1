"""Urgent alerts to a linked coach: a client wrote something that points to a crisis
(suicidal thoughts, unsafe at home, nowhere to sleep, no food, a money or medical emergency).

Only what the coach needs to act is kept and sent: the kind of crisis and the time. Never
the client's words. Nothing is sent unless the client is linked to a coach and consented to
sharing with that coach; the client always gets the help numbers directly, whatever happens here.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from powbot.domain.messages import Button, Callback, Reply
from powbot.domain.unit import Services
from powbot.storage.models import User
from powbot.storage.models_aftercare import Alert

URGENT_KINDS = ("suicide", "unsafe_home", "no_shelter", "no_food", "money", "medical")
ALERT_KIND = "urgent"
COACH_FLOW = "coach"
# One alert per crisis kind per client in this window: a client who writes about it three
# times in an evening does not page the coach three times (the open alert is still there).
REPEAT_WINDOW = timedelta(hours=12)


async def _linked_coach(services: Services, seeker: User) -> User | None:
    if seeker.role != "seeker" or seeker.coach_id is None or not seeker.share_with_coach:
        return None
    coach = await services.session.get(User, seeker.coach_id)
    return coach if coach is not None and coach.role == "coach" else None


async def _recent_alert(services: Services, seeker: User, coach: User, kind: str) -> bool:
    rows = await services.session.exec(
        select(Alert).where(
            Alert.seeker_id == seeker.id,
            Alert.coach_id == coach.id,
            Alert.kind == ALERT_KIND,
            col(Alert.created_at) >= services.now - REPEAT_WINDOW,
        )
    )
    return any(kind in (alert.reasons or []) for alert in rows.all())


async def alert_coach_urgently(services: Services, seeker: User, kind: str) -> bool:
    """Tell the client's coach at once (also in quiet hours). True when an alert went out.

    `kind` is one of URGENT_KINDS (anything else is stored as is and named generically).
    """
    coach = await _linked_coach(services, seeker)
    if coach is None or await _recent_alert(services, seeker, coach, kind):
        return False
    alert = Alert(
        seeker_id=seeker.id,
        coach_id=coach.id,
        kind=ALERT_KIND,
        reasons=[kind],
        created_at=services.now,
        updated_at=services.now,
    )
    services.session.add(alert)
    await services.session.flush()
    lang = services.lang_of(coach)
    text = services.text(
        lang,
        "safety.coach_alert",
        name=seeker.first_name or services.text(lang, "coach.unnamed", id=seeker.id),
        what=urgent_reason_text(services, lang, kind),
        time=services.local(services.now).strftime("%d-%m-%Y %H:%M"),
    )
    buttons = [
        [_push(services.text(lang, "coach.btn_open_alert"), "a", str(alert.id))],
        [_push(services.text(lang, "coach.btn_contacted"), "ac", str(alert.id))],
    ]
    await services.notify(coach.id, Reply(text, buttons), urgent=True)
    return True


def urgent_reason_text(services: Services, lang: str, kind: str) -> str:
    """What an urgent alert's reason (one of URGENT_KINDS) means, in the coach's words; for
    the coach's views of an alert with kind 'urgent'."""
    key = f"safety.coach_kind_{kind}" if kind in URGENT_KINDS else "safety.coach_kind_other"
    return services.text(lang, key)


def _push(label: str, action: str, arg: str) -> Button:
    # Unbound (pushed to someone else): the coach flow validates the alert id and owner.
    return Button(label=label, data=Callback(COACH_FLOW, action, arg, None).encode())
