"""The coach's pages: caseload, CSV export, today, one client, alert actions, a message.

A coach reaches only their own clients: every client URL holds an opaque reference that
is looked up among this coach's clients, and anything else is a 404 (the same answer as
for a reference that never existed). Every look at a client's data is audited.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from powbot.domain import alerts as alert_ops
from powbot.domain.agenda import agenda
from powbot.domain.alerts import AlertAction
from powbot.domain.caseload import caseload_rows
from powbot.domain.coaching import (
    MAX_MESSAGE,
    MAX_NOTE,
    audit,
    audit_many,
    clients,
    display_name,
    fmt_date,
    parse_id,
    send_to_client,
    today,
)
from powbot.domain.unit import Services
from powbot.storage.models import User
from powbot.web.app import Viewer, checked_form, render, state, unit, viewer
from powbot.web.caseload_table import FILTERS, SORTS, arrange, display_rows, to_csv
from powbot.web.client_page import client_page_values
from powbot.web.security import client_ref, find_ref


async def _coach(request: Request, services: Services) -> Viewer:
    who = await viewer(request, services)
    if who.user.role != "coach":
        raise HTTPException(404)
    return who


async def caseload(request: Request) -> Response:
    sort = request.query_params.get("sort", "client")
    sort = sort if sort in SORTS else "client"
    descending = request.query_params.get("dir") == "desc"
    shown = request.query_params.get("show", "all")
    shown = shown if shown in FILTERS else "all"
    async with unit(request) as services:
        who = await _coach(request, services)
        rows = await caseload_rows(services, who.user)
        shared = [row.seeker.id for row in rows if row.shares]
        await audit_many(services, who.user.id, shared, "web.caseload")
        table = display_rows(services, who.lang, state(request).secret, rows)
        return render(
            request,
            services,
            "caseload.html",
            who.lang,
            who=who,
            rows=arrange(table, sort, descending, shown),
            total=len(table),
            sort=sort,
            descending=descending,
            shown=shown,
            sorts=SORTS,
            filters=FILTERS,
            fmt_date=lambda day: fmt_date(services, day),
        )


async def caseload_csv(request: Request) -> Response:
    async with unit(request) as services:
        who = await _coach(request, services)
        rows = await caseload_rows(services, who.user)
        await audit_many(services, who.user.id, [row.seeker.id for row in rows], "web.export")
        table = arrange(
            display_rows(services, who.lang, state(request).secret, rows), "client", False, "all"
        )
        body = to_csv(services, who.lang, table)
    filename = f"caseload-{today(services).isoformat()}.csv"
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )


async def _own_client(request: Request, services: Services, who: Viewer) -> User:
    """The client behind the URL's reference, or 404."""
    ref = request.path_params["ref"]
    people = await clients(services, who.user)
    seeker_id = find_ref(state(request).secret, ref, (p.id for p in people))
    seeker = next((p for p in people if p.id == seeker_id), None)
    if seeker is None:
        raise HTTPException(404)
    return seeker


async def client(request: Request) -> Response:
    async with unit(request) as services:
        who = await _coach(request, services)
        seeker = await _own_client(request, services, who)
        audit(services, who.user.id, seeker.id, "web.view_client")
        values = await client_page_values(services, who, seeker)
        return render(
            request,
            services,
            "client.html",
            who.lang,
            who=who,
            ref=request.path_params["ref"],
            sent=request.query_params.get("sent") == "1",
            max_note=MAX_NOTE,
            **values,
        )


async def alert_action(request: Request) -> Response:
    async with unit(request) as services:
        who = await _coach(request, services)
        form = await checked_form(request, who)
        found = await alert_ops.own_alert(services, who.user, parse_id(request.path_params["id"]))
        action = request.path_params["action"]
        if found is None or action not in ("contacted", "snooze", "close", "note"):
            raise HTTPException(404)
        alert, seeker = found
        if action == "note":
            note = await alert_ops.add_note(
                services, who.user, alert, seeker, str(form.get("note", ""))
            )
            outcome = "web.note_saved" if note else "web.note_invalid"
        else:
            done = await alert_ops.apply(services, who.user, alert, AlertAction(action))
            outcome = f"web.done_{action}" if done else "web.already_closed"
        audit(services, who.user.id, seeker.id, f"web.alert_{action}")
        ref = client_ref(state(request).secret, seeker.id)
        if request.headers.get("hx-request") != "true":
            return RedirectResponse(f"/clients/{ref}#alert-{alert.id}", 303)
        assert alert.id is not None
        notes = await alert_ops.notes_of(services, [alert.id])
        checkin = await alert_ops.checkin_of(services, alert)
        values = await client_page_values(services, who, seeker, only_alert=(alert, checkin, notes))
        return render(
            request,
            services,
            "alert_fragment.html",
            who.lang,
            who=who,
            ref=ref,
            outcome=outcome,
            max_note=MAX_NOTE,
            **values,
        )


async def message_form(request: Request) -> Response:
    async with unit(request) as services:
        who = await _coach(request, services)
        seeker = await _own_client(request, services, who)
        return _message_page(request, services, who, seeker, error=False, text="")


def _message_page(
    request: Request, services: Services, who: Viewer, seeker: User, *, error: bool, text: str
) -> Response:
    return render(
        request,
        services,
        "message.html",
        who.lang,
        400 if error else 200,
        who=who,
        ref=request.path_params["ref"],
        name=display_name(services, who.lang, seeker),
        max_message=MAX_MESSAGE,
        error=error,
        text=text,
    )


async def message_send(request: Request) -> Response:
    async with unit(request) as services:
        who = await _coach(request, services)
        form = await checked_form(request, who)
        seeker = await _own_client(request, services, who)
        body = str(form.get("message", ""))
        if await send_to_client(services, who.user, seeker, body) is None:
            return _message_page(
                request, services, who, seeker, error=True, text=body[:MAX_MESSAGE]
            )
        audit(services, who.user.id, seeker.id, "web.message")
    return RedirectResponse(f"/clients/{request.path_params['ref']}?sent=1", 303)


async def today_page(request: Request) -> Response:
    async with unit(request) as services:
        who = await _coach(request, services)
        plan = await agenda(services, who.user)
        await audit_many(services, who.user.id, sorted(plan.subjects), "web.today")
        secret = state(request).secret
        return render(
            request,
            services,
            "today.html",
            who.lang,
            who=who,
            plan=plan,
            ref=lambda seeker_id: client_ref(secret, seeker_id),
            name=lambda seeker: display_name(services, who.lang, seeker),
            day=fmt_date(services, today(services)),
            fmt_date=lambda moment: fmt_date(services, moment),
            clock=lambda moment: f"{services.local(moment):%H:%M}",
        )


ROUTES = [
    Route("/caseload", caseload, methods=["GET"]),
    Route("/caseload.csv", caseload_csv, methods=["GET"]),
    Route("/today", today_page, methods=["GET"]),
    Route("/clients/{ref:str}", client, methods=["GET"]),
    Route("/clients/{ref:str}/message", message_form, methods=["GET"]),
    Route("/clients/{ref:str}/message", message_send, methods=["POST"]),
    Route("/alerts/{id:str}/{action:str}", alert_action, methods=["POST"]),
]
