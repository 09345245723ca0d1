"""Helpers for the web tests: the bot app and the web app on one database, an HTTP client
in the same event loop, people seeded straight into the tables, and signing in."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import date, timedelta
from typing import Any

import httpx

from powbot.domain.unit import Services
from powbot.domain.web_login import create_login_token
from powbot.storage.models import Placement, QuestionnaireResult, QuestionnaireRun, User
from powbot.storage.models_aftercare import Alert, CheckIn
from powbot.web.app import create_app
from powbot.web.security import client_ref
from tests.clock_double import clock_now
from tests.conftest import Harness

SECRET = "test-secret-for-client-references"


class Web:
    def __init__(self, harness: Harness) -> None:
        runtime = harness.runtime
        self.harness = harness
        self.app = create_app(runtime.settings, db=runtime.db, content=runtime.content)
        self.secret: bytes = self.app.state.web.secret

    def client(self, https: bool = True) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app),
            base_url="https://testserver" if https else "http://testserver",
        )

    def ref(self, seeker_id: int) -> str:
        return client_ref(self.secret, seeker_id)

    async def do(self, work: Callable[[Services], Awaitable[Any]]) -> Any:
        runtime = self.harness.runtime
        async with runtime.db.transaction() as session:
            return await work(Services(session, runtime.settings, runtime.content, clock_now()))

    async def token_for(self, user_id: int) -> str:
        async def work(services: Services) -> str:
            user = await services.session.get(User, user_id)
            assert user is not None
            return await create_login_token(services, user)

        return str(await self.do(work))

    @asynccontextmanager
    async def signed_in(self, user_id: int) -> AsyncIterator[httpx.AsyncClient]:
        async with self.client() as client:
            response = await client.post("/login", data={"token": await self.token_for(user_id)})
            assert response.status_code == 303, response.text
            yield client


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


async def seed_coach(web: Web, coach_id: int, name: str, role: str = "coach") -> None:
    async def work(services: Services) -> None:
        services.session.add(
            User(id=coach_id, chat_id=coach_id, first_name=name, language="nl", role=role)
        )

    await web.do(work)


async def seed_client(
    web: Web,
    coach_id: int,
    seeker_id: int,
    name: str,
    *,
    shares: bool = True,
    moods: tuple[int, ...] = (),
    employer: str | None = "Bakkerij Zon",
    started_days_ago: int = 30,
) -> None:
    """A linked client, optionally placed, with weekly answered check-ins (oldest first)."""

    async def work(services: Services) -> None:
        now = services.now
        session = services.session
        session.add(
            User(
                id=seeker_id,
                chat_id=seeker_id,
                first_name=name,
                language="nl",
                role="seeker",
                coach_id=coach_id,
                share_with_coach=shares,
            )
        )
        placement_id = 0
        if employer is not None:
            placement = Placement(
                seeker_id=seeker_id,
                coach_id=coach_id,
                employer_name=employer,
                job_title="Inpakker",
                start_date=now.date() - timedelta(days=started_days_ago),
                source="coach",
            )
            session.add(placement)
            await session.flush()
            placement_id = placement.id or 0
        for index, mood in enumerate(moods):
            moment = now - timedelta(days=7 * (len(moods) - index))
            session.add(
                CheckIn(
                    seeker_id=seeker_id,
                    placement_id=placement_id,
                    moment="week",
                    day=moment.date(),
                    due_at=moment,
                    status="answered",
                    answered_at=moment,
                    mood=mood,
                )
            )

    await web.do(work)


async def seed_alert(web: Web, coach_id: int, seeker_id: int) -> int:
    async def work(services: Services) -> int:
        alert = Alert(
            seeker_id=seeker_id,
            coach_id=coach_id,
            kind="risk",
            reasons=["low_mood"],
            created_at=services.now,
            updated_at=services.now,
        )
        services.session.add(alert)
        await services.session.flush()
        assert alert.id is not None
        return alert.id

    return int(await web.do(work))


async def seed_results(web: Web, first_id: int, stages: list[str], domains: dict[str, str]) -> None:
    """One job seeker with one werkfit result per stage given (no coach)."""

    async def work(services: Services) -> None:
        for offset, stage in enumerate(stages):
            user_id = first_id + offset
            services.session.add(User(id=user_id, chat_id=user_id, role="seeker"))
            run = QuestionnaireRun(user_id=user_id, questionnaire="werkfit", status="finished")
            services.session.add(run)
            await services.session.flush()
            assert run.id is not None
            services.session.add(
                QuestionnaireResult(
                    user_id=user_id,
                    run_id=run.id,
                    questionnaire="werkfit",
                    stage=stage,
                    domains=domains,
                    created_at=services.now,
                )
            )

    await web.do(work)


def start_of(days_ago: int) -> date:
    return clock_now().date() - timedelta(days=days_ago)
