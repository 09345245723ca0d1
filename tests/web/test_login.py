"""Signing in to the web page with the bot's single-use link, sessions and logging out."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlmodel import select

from powbot.storage.models import AuditEntry
from tests.aftercare_support import make_client, make_coach
from tests.clock_double import SteppingClock
from tests.conftest import Harness
from tests.web.support import Web, csrf_of, seed_coach


async def test_coach_asks_the_bot_for_a_link_and_lands_on_the_caseload(harness: Harness) -> None:
    coach = await make_coach(harness, 700, "Anna")
    await make_client(harness, coach, 701, "Bram")
    reply = await coach.send("/web")
    found = re.search(r"https?://\S+/login/(\S+)", reply[-1].text)
    assert found and "10 minuten" in reply[-1].text
    web = Web(harness)
    async with web.client() as client:
        # Opening the link (or a link preview fetching it) does not use it up.
        shown = await client.get(f"/login/{found.group(1)}")
        assert shown.status_code == 200 and 'name="token"' in shown.text
        signed = await client.post("/login", data={"token": found.group(1)})
        assert signed.status_code == 303
        cookie = signed.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie and "secure" in cookie
        page = await client.get("/caseload")
        assert page.status_code == 200 and "Bram" in page.text
    async with harness.runtime.db.transaction() as session:
        actions = (await session.exec(select(AuditEntry.action))).all()
    assert "web.login" in actions and "web.caseload" in actions


async def test_a_used_link_is_refused(harness: Harness) -> None:
    web = Web(harness)
    await seed_coach(web, 710, "Anna")
    token = await web.token_for(710)
    async with web.client() as first:
        assert (await first.post("/login", data={"token": token})).status_code == 303
    async with web.client() as second:
        again = await second.post("/login", data={"token": token})
        assert again.status_code == 400 and "werkt niet" in again.text
        assert (await second.get("/caseload")).headers["location"] == "/login"


async def test_an_expired_link_is_refused(harness: Harness, clock: SteppingClock) -> None:
    web = Web(harness)
    await seed_coach(web, 711, "Anna")
    token = await web.token_for(711)
    clock.advance(timedelta(minutes=11))
    async with web.client() as client:
        assert (await client.post("/login", data={"token": token})).status_code == 400


async def test_a_job_seeker_gets_no_link(harness: Harness) -> None:
    web = Web(harness)
    async with harness.runtime.db.transaction() as session:
        from powbot.storage.models import User

        session.add(User(id=712, chat_id=712, role="seeker"))
    token = await web.token_for(712)
    async with web.client() as client:
        assert (await client.post("/login", data={"token": token})).status_code == 400


async def test_login_attempts_are_rate_limited(harness: Harness) -> None:
    web = Web(harness)
    async with web.client() as client:
        codes = [
            (await client.post("/login", data={"token": f"x{i}"})).status_code for i in range(11)
        ]
    assert codes[:10] == [400] * 10 and codes[10] == 429


async def test_idle_session_ends_and_logout_ends_it_at_once(
    harness: Harness, clock: SteppingClock
) -> None:
    web = Web(harness)
    await seed_coach(web, 713, "Anna")
    async with web.signed_in(713) as client:
        assert (await client.get("/caseload")).status_code == 200
        clock.advance(timedelta(minutes=31))
        assert (await client.get("/caseload")).status_code == 303
    async with web.signed_in(713) as client:
        page = await client.get("/caseload")
        out = await client.post("/logout", data={"csrf": csrf_of(page.text)})
        assert out.status_code == 303
        assert (await client.get("/caseload")).status_code == 303


async def test_pages_send_security_headers_and_no_personal_path_in_the_log(
    harness: Harness, caplog: object
) -> None:
    web = Web(harness)
    await seed_coach(web, 714, "Anna")
    token = await web.token_for(714)
    async with web.client() as client:
        page = await client.get(f"/login/{token}")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["cache-control"] == "no-store"
    assert "strict-transport-security" in page.headers
    assert '<html lang="nl">' in page.text
    assert token not in str(getattr(caplog, "text", ""))
