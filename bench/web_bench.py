"""Web page figures, run by hand (not part of the tests).

    .venv/bin/python bench/web_bench.py [--requests 200] [--pg postgresql://postgres@127.0.0.1:5432/test]

1. Time to first byte of the caseload page for a coach with 60 clients, each with 12 months
   of weekly check-ins (52 answered), on SQLite (and PostgreSQL when --pg is given): p50/p95
   over --requests sequential requests to a real uvicorn server on localhost.
2. Queries per page: the caseload, client and today pages for a coach with 10 and with 60
   clients (a fixed number means no query per client).
3. The region page (admin) with 10,000 job seekers who each have a werkfit result.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import event, insert

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from powbot.clock import utcnow
from powbot.config import Settings
from powbot.domain.unit import Services
from powbot.domain.web_login import create_login_token
from powbot.knowledge.content import load_content
from powbot.storage.db import Database
from powbot.storage.models import Placement, QuestionnaireResult, QuestionnaireRun, User
from powbot.storage.models_aftercare import Alert, CheckIn
from powbot.web.app import create_app
from powbot.web.security import client_ref
from tests.conftest import make_settings

BIG_COACH, SMALL_COACH, ADMIN = 1, 2, 3
SECRET = "bench-secret"
QUERIES = {"count": 0}


async def seed(settings: Settings, region_people: int) -> dict[str, str]:
    db = Database(settings.database_url)
    await db.migrate()
    content = load_content(settings.knowledge_dir)
    now = utcnow()
    async with db.transaction() as session:
        session.add_all(
            [
                User(id=BIG_COACH, chat_id=1, first_name="Anna", language="nl", role="coach"),
                User(id=SMALL_COACH, chat_id=2, first_name="Dirk", language="nl", role="coach"),
                User(id=ADMIN, chat_id=3, first_name="Ria", language="nl", role="admin"),
            ]
        )
        await session.flush()
        people, checkins, placements, alerts = [], [], [], []
        for coach, count, first in ((BIG_COACH, 60, 10_000), (SMALL_COACH, 10, 20_000)):
            for index in range(count):
                seeker = first + index
                people.append(
                    {
                        "id": seeker,
                        "chat_id": seeker,
                        "first_name": f"Client{index:02d}",
                        "language": "nl",
                        "role": "seeker",
                        "coach_id": coach,
                        "share_with_coach": index % 7 != 0,
                        "flow_data": {},
                        "created_at": now,
                        "last_active_at": now,
                        "screen": 0,
                    }
                )
                placements.append(
                    {
                        "seeker_id": seeker,
                        "coach_id": coach,
                        "employer_name": f"Werkgever {index % 9}",
                        "job_title": "Medewerker",
                        "start_date": (now - timedelta(days=365)).date(),
                        "source": "coach",
                        "status": "active",
                        "created_at": now,
                    }
                )
                for week in range(52):
                    moment = now - timedelta(days=7 * (52 - week))
                    checkins.append(_checkin(seeker, moment, "answered", 1 + (week + index) % 5))
                checkins.append(_checkin(seeker, now + timedelta(days=7), "scheduled", None))
                if index % 5 == 0:
                    alerts.append(
                        {
                            "seeker_id": seeker,
                            "coach_id": coach,
                            "kind": "risk",
                            "reasons": ["low_mood"],
                            "limited": False,
                            "status": "open",
                            "created_at": now,
                            "updated_at": now,
                        }
                    )
        await session.execute(insert(User), people)
        await session.execute(insert(Placement), placements)
        await session.execute(insert(CheckIn), checkins)
        await session.execute(insert(Alert), alerts)
        await _region(session, region_people, now)
        services = Services(session, settings, content, now)
        tokens = {}
        for name, user_id in (("big", BIG_COACH), ("small", SMALL_COACH), ("admin", ADMIN)):
            user = await session.get(User, user_id)
            assert user is not None
            tokens[name] = await create_login_token(services, user)
    await db.dispose()
    return tokens


def _checkin(seeker: int, moment: Any, status: str, mood: int | None) -> dict[str, Any]:
    return {
        "seeker_id": seeker,
        "placement_id": 0,
        "moment": "week",
        "day": moment.date(),
        "due_at": moment,
        "questions": [],
        "status": status,
        "answered_at": moment if status == "answered" else None,
        "mood": mood,
        "typed_risks": [],
        "risks": [],
    }


async def _region(session: Any, count: int, now: Any) -> None:
    first = 100_000
    await session.execute(
        insert(User),
        [
            {
                "id": first + i,
                "chat_id": first + i,
                "role": "seeker",
                "share_with_coach": False,
                "flow_data": {},
                "created_at": now,
                "last_active_at": now,
                "screen": 0,
            }
            for i in range(count)
        ],
    )
    await session.execute(
        insert(QuestionnaireRun),
        [
            {
                "id": i + 1,
                "user_id": first + i,
                "questionnaire": "werkfit",
                "version": 1,
                "status": "finished",
                "started_at": now,
                "path": [],
                "answers": {},
            }
            for i in range(count)
        ],
    )
    stages = ["first_other", "almost", "almost_orange", "ready"]
    colors = ["green", "orange", "red", "green"]
    await session.execute(
        insert(QuestionnaireResult),
        [
            {
                "user_id": first + i,
                "run_id": i + 1,
                "questionnaire": "werkfit",
                "created_at": now - timedelta(days=i % 360),
                "stage": stages[i % 4],
                "domains": {"money": colors[i % 4], "housing": colors[(i + 1) % 4]},
                "advice": [],
            }
            for i in range(count)
        ],
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(settings: Settings, port: int) -> Any:
    import uvicorn

    app = create_app(settings)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False)
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    engine = app.state.web.db.engine.sync_engine

    @event.listens_for(engine, "before_cursor_execute")
    def _count(*_: Any) -> None:
        QUERIES["count"] += 1

    return server


def ttfb(client: httpx.Client, path: str) -> float:
    started = time.perf_counter()
    with client.stream("GET", path) as response:
        assert response.status_code == 200, (path, response.status_code)
        elapsed = time.perf_counter() - started
        response.read()
    return elapsed * 1000


def queries(client: httpx.Client, path: str) -> int:
    before = QUERIES["count"]
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return QUERIES["count"] - before


def login(base: str, token: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=60)
    response = client.post("/login", data={"token": token})
    assert response.status_code == 303, response.text
    return client


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run(database_url: str, label: str, requests: int, region_people: int) -> None:
    settings = make_settings(database_url, POWBOT_WEB_SESSION_SECRET=SECRET)
    started = time.perf_counter()
    tokens = asyncio.run(seed(settings, region_people))
    print(f"[{label}] seeded in {time.perf_counter() - started:.1f} s")
    port = _free_port()
    server = serve(settings, port)
    base = f"http://127.0.0.1:{port}"
    try:
        big, small, admin = (login(base, tokens[n]) for n in ("big", "small", "admin"))
        for _ in range(5):
            ttfb(big, "/caseload")
        cpu = time.process_time()
        times = [ttfb(big, "/caseload") for _ in range(requests)]
        cpu_ms = (time.process_time() - cpu) * 1000 / requests
        print(
            f"[{label}] caseload, 60 clients x 52 check-ins: TTFB p50 "
            f"{statistics.median(times):.1f} ms, p95 {percentile(times, 0.95):.1f} ms "
            f"({requests} requests); CPU {cpu_ms:.1f} ms per request (server and client "
            f"together; load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
        )
        secret = SECRET.encode()
        for name, client, first in (("10 clients", small, 20_001), ("60 clients", big, 10_001)):
            counts = {
                "caseload": queries(client, "/caseload"),
                "client": queries(client, f"/clients/{client_ref(secret, first)}"),
                "today": queries(client, "/today"),
                "csv": queries(client, "/caseload.csv"),
            }
            print(f"[{label}] queries per page, {name}: {counts}")
        client_times = [
            ttfb(big, f"/clients/{client_ref(secret, 10_001)}") for _ in range(requests // 4)
        ]
        print(
            f"[{label}] client page (52 check-ins): TTFB p95 {percentile(client_times, 0.95):.1f} ms"
        )
        rounds = max(5, requests // 20)
        cpu = time.process_time()
        region = [ttfb(admin, "/region") for _ in range(rounds)]
        region_cpu = (time.process_time() - cpu) * 1000 / rounds
        print(
            f"[{label}] region, {region_people:,} people: TTFB p50 {statistics.median(region):.1f}"
            f" ms, p95 {percentile(region, 0.95):.1f} ms, CPU {region_cpu:.0f} ms per request; "
            f"queries {queries(admin, '/region')}"
        )
    finally:
        server.should_exit = True


async def _pg_database(admin_url: str) -> str:
    import asyncpg

    name = f"powbot_web_{uuid.uuid4().hex[:8]}"
    connection = await asyncpg.connect(admin_url)
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return f"{admin_url.rsplit('/', 1)[0]}/{name}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--region", type=int, default=10_000)
    parser.add_argument("--pg", default=None, help="a PostgreSQL admin URL to run there too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        run(f"sqlite+aiosqlite:///{folder}/web.db", "sqlite", args.requests, args.region)
    if args.pg:
        run(asyncio.run(_pg_database(args.pg)), "postgres", args.requests, args.region)


if __name__ == "__main__":
    main()
