"""Pure renderers of /vandaag and the morning digest: one entry per client with all that is
still open about them (alerts with their latest note, unanswered check-ins, check-ins going
out today), urgent clients first, and one button per client."""

from __future__ import annotations

from powbot.domain.agenda import Agenda, ClientItems
from powbot.domain.coaching import COACH_FLOW, display_name, fmt_date, push_button
from powbot.domain.messages import Button
from powbot.domain.unit import Services
from powbot.features.coach.alert_words import alert_summary, urgent_first

NAME = COACH_FLOW
MAX_BUTTONS = 10


def client_items(services: Services, lang: str, entry: ClientItems, plan: Agenda) -> list[str]:
    """What is open about one client, one phrase each, urgent alerts first."""
    items: list[str] = []
    for alert in urgent_first(entry.alerts):
        items.append(
            f"{alert_summary(services, lang, alert)} ({fmt_date(services, alert.created_at)})"
        )
        note = plan.notes.get(alert.id or 0)
        if note is not None:
            items.append(f"📝 {fmt_date(services, note.created_at)}: {note.text}")
    told_no_answer = any(alert.kind == "no_answer" for alert in entry.alerts)
    for checkin in entry.waiting:
        if checkin.status == "missed" and told_no_answer:
            continue  # the 'no answer' alert above already says it
        key = "coach.item_missed" if checkin.status == "missed" else "coach.item_unanswered"
        items.append(
            services.text(lang, key, date=fmt_date(services, checkin.sent_at or checkin.due_at))
        )
    for checkin in entry.planned:
        items.append(
            services.text(
                lang, "coach.item_planned", time=f"{services.local(checkin.due_at):%H:%M}"
            )
        )
    return items


def entry_lines(services: Services, lang: str, entry: ClientItems, plan: Agenda) -> list[str]:
    items = client_items(services, lang, entry, plan)
    mark = "🆘 " if entry.urgent else ""
    name = display_name(services, lang, entry.seeker)
    first = f"• {mark}{name}: {items[0]}" if items else f"• {mark}{name}"
    return [first, *[f"   – {item}" for item in items[1:]]]


def agenda_lines(services: Services, lang: str, plan: Agenda) -> list[str]:
    entries = plan.clients
    sections = (
        ("coach.today_alerts", [e for e in entries if e.alerts]),
        ("coach.today_waiting", [e for e in entries if not e.alerts and e.waiting]),
        ("coach.today_planned", [e for e in entries if not e.alerts and not e.waiting]),
    )
    lines: list[str] = []
    for key, found in sections:
        if not found:
            continue
        lines.append(services.text(lang, key, count=len(found)))
        for entry in found:
            lines += entry_lines(services, lang, entry, plan)
    return lines


def agenda_buttons(services: Services, lang: str, plan: Agenda) -> list[list[Button]]:
    """One button per client with alerts or unanswered check-ins: to the alert when there is
    one, to the client (with all their alerts) otherwise."""
    rows: list[list[Button]] = []
    for entry in [e for e in plan.clients if e.alerts or e.waiting][:MAX_BUTTONS]:
        name = display_name(services, lang, entry.seeker)[:40]
        mark = "🆘" if entry.urgent else ("⚠️" if entry.alerts else "⏰")
        if len(entry.alerts) == 1:
            button = push_button(f"{mark} {name}", NAME, "a", str(entry.alerts[0].id))
        else:
            button = push_button(f"{mark} {name}", NAME, "c", str(entry.seeker.id))
        rows.append([button])
    return rows
