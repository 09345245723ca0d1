"""The web page in a real browser: headless Chromium (Debian's chromium + chromium-driver)
driven by Selenium, checked with axe-core (zero violations of WCAG 2.1 A/AA per page).
The screenshots in docs/screenshots/ are made here.

Skips with the reason when Chromium, its driver, Selenium or axe-core is missing
(.ci/run installs them: apt-get install chromium chromium-driver; npm pack axe-core).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from powbot.config import Settings
from powbot.domain.unit import Services
from powbot.domain.web_login import create_login_token
from powbot.knowledge.content import load_content
from powbot.storage.db import Database
from powbot.storage.models import Placement, QuestionnaireResult, QuestionnaireRun, User
from powbot.storage.models_aftercare import Alert, CheckIn
from powbot.web.app import create_app
from tests.clock_double import clock_now
from tests.conftest import make_settings

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
AXE_PLACES = (
    os.environ.get("POWBOT_AXE_JS", ""),
    str(Path.home() / ".cache" / "powbot" / "axe.min.js"),
    str(Path(__file__).parent / "vendor" / "axe.min.js"),
)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
COACH, ADMIN = 5001, 5002


def _axe_source() -> str | None:
    for place in AXE_PLACES:
        if place and Path(place).is_file():
            return Path(place).read_text(encoding="utf-8")
    return None


def _browser_missing() -> str | None:
    if shutil.which("chromium") is None or shutil.which("chromedriver") is None:
        return "headless Chromium is not installed (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install selenium)"
    if _axe_source() is None:
        return "axe-core is not available (npm pack axe-core; set POWBOT_AXE_JS)"
    return None


pytestmark = pytest.mark.skipif(_browser_missing() is not None, reason=str(_browser_missing()))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _seed(settings: Settings) -> dict[str, str]:
    db = Database(settings.database_url)
    await db.migrate()
    content = load_content(settings.knowledge_dir)
    tokens: dict[str, str] = {}
    async with db.transaction() as session:
        services = Services(session, settings, content, clock_now())
        coach = User(id=COACH, chat_id=COACH, first_name="Anna", language="nl", role="coach")
        admin = User(id=ADMIN, chat_id=ADMIN, first_name="Ria", language="nl", role="admin")
        session.add_all([coach, admin])
        names = ["Bram", "Cas", "Dina", "Eli", "Fleur", "Gijs"]
        for offset, name in enumerate(names):
            seeker_id = 6000 + offset
            session.add(
                User(
                    id=seeker_id,
                    chat_id=seeker_id,
                    first_name=name,
                    language="nl",
                    role="seeker",
                    coach_id=COACH,
                    share_with_coach=offset != 3,
                )
            )
            if offset < 4:
                session.add(
                    Placement(
                        seeker_id=seeker_id,
                        coach_id=COACH,
                        employer_name=["Bakkerij Zon", "Groenwerk BV", "Hotel Noord", "Zorg Oost"][
                            offset
                        ],
                        job_title=["Inpakker", "Hovenier", "Schoonmaker", "Helpende"][offset],
                        start_date=services.now.date() - timedelta(days=20 + 15 * offset),
                        hours_per_week=24,
                        source="coach",
                    )
                )
            for week in range(8):
                moment = services.now - timedelta(days=7 * (8 - week))
                session.add(
                    CheckIn(
                        seeker_id=seeker_id,
                        placement_id=0,
                        moment="week",
                        day=moment.date(),
                        due_at=moment,
                        status="answered",
                        answered_at=moment,
                        mood=1 + (week + offset) % 5,
                        risks=["low_mood"] if week == 7 and offset == 0 else [],
                    )
                )
        session.add(Alert(seeker_id=6000, coach_id=COACH, kind="risk", reasons=["low_mood"]))
        for months_ago, colors in ((4, ("red", "orange")), (1, ("orange", "green"))):
            run = QuestionnaireRun(user_id=6000, questionnaire="werkfit", status="finished")
            session.add(run)
            await session.flush()
            assert run.id is not None
            session.add(
                QuestionnaireResult(
                    user_id=6000,
                    run_id=run.id,
                    questionnaire="werkfit",
                    stage="almost" if months_ago == 1 else "first_other",
                    domains={"money": colors[0], "housing": colors[1], "transport": "green"},
                    created_at=services.now - timedelta(days=30 * months_ago),
                )
            )
        for index in range(24):
            user_id = 7000 + index
            session.add(User(id=user_id, chat_id=user_id, role="seeker"))
            run = QuestionnaireRun(user_id=user_id, questionnaire="werkfit", status="finished")
            session.add(run)
            await session.flush()
            assert run.id is not None
            session.add(
                QuestionnaireResult(
                    user_id=user_id,
                    run_id=run.id,
                    questionnaire="werkfit",
                    stage="ready" if index < 14 else "almost",
                    domains={"money": "red" if index < 12 else "green"},
                )
            )
        tokens["coach"] = await create_login_token(services, coach)
        tokens["coach2"] = await create_login_token(services, coach)
        tokens["admin"] = await create_login_token(services, admin)
    await db.dispose()
    return tokens


class LiveServer:
    def __init__(self, settings: Settings, port: int) -> None:
        import uvicorn

        # log_config=None: uvicorn's own logging config would disable the loggers of every
        # module imported so far, and later tests in this process would see no log lines.
        config = uvicorn.Config(
            create_app(settings), host="127.0.0.1", port=port, log_config=None, access_log=False
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the web server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, dict[str, str], Settings]]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    settings = make_settings(
        f"sqlite+aiosqlite:///{tmp_path / 'web.db'}",
        POWBOT_WEB_BASE_URL=base,
        POWBOT_WEB_SESSION_SECRET="browser-test-secret",
    )
    tokens = asyncio.run(_seed(settings))
    with LiveServer(settings, port):
        yield base, tokens, settings


@pytest.fixture
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,900",
        "--lang=nl",
    ):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "nl,nl-NL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def check_page(driver: Any, name: str) -> None:
    """Zero axe violations (WCAG 2.1 A and AA), then a full-page screenshot."""
    driver.execute_script(_axe_source())
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' @ ' +"
        " v.nodes.map(n => n.target.join(' ')).join(', '))))"
        ".catch(e => done(['axe failed: ' + e]));",
        AXE_TAGS,
    )
    assert result == [], f"{name}: {result}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, max(600, min(int(height) + 40, 2400)))
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))
    driver.set_window_size(1280, 900)


def _log_in(driver: Any, base: str, token: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(f"{base}/login/{token}")
    driver.find_element(By.CSS_SELECTOR, "main form button").click()


def test_coach_journey_in_a_browser_without_accessibility_violations(
    site: tuple[str, dict[str, str], Settings], browser: Any
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as seen
    from selenium.webdriver.support.ui import WebDriverWait

    base, tokens, settings = site
    browser.get(f"{base}/login")
    check_page(browser, "login")
    _log_in(browser, base, tokens["coach"])
    WebDriverWait(browser, 10).until(seen.title_contains("Cliënten"))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"
    check_page(browser, "caseload")
    # A narrow screen (or 200 % zoom on a laptop): the page reflows, only the table scrolls.
    browser.set_window_size(420, 900)
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= browser.execute_script("return window.innerWidth")
    browser.save_screenshot(str(SCREENSHOTS / "caseload_narrow.png"))
    browser.set_window_size(1280, 900)
    browser.find_element(By.LINK_TEXT, "Bram").click()
    WebDriverWait(browser, 10).until(seen.title_contains("Bram"))
    check_page(browser, "client")
    # Close the alert in place (htmx), by keyboard as a coach without a mouse would.
    close = browser.find_element(By.XPATH, "//button[normalize-space()='Afsluiten']")
    close.send_keys("\n")
    WebDriverWait(browser, 10).until(
        seen.text_to_be_present_in_element((By.CSS_SELECTOR, "article.alert"), "afgesloten")
    )
    assert asyncio.run(_alert_status(settings)) == "closed"
    check_page(browser, "client_alert_closed")
    browser.find_element(By.LINK_TEXT, "Bericht sturen").click()
    check_page(browser, "message")
    browser.get(f"{base}/today")
    check_page(browser, "today")
    # The old link is used up; a second one still works once.
    _log_in(browser, base, tokens["coach"])
    # Wait for the answer to the form post (on a busy machine the old page is still there).
    refused = WebDriverWait(browser, 10).until(
        seen.presence_of_element_located((By.CSS_SELECTOR, "[role=alert]"))
    )
    assert "werkt niet" in refused.text


def test_region_page_in_a_browser_shows_no_cell_under_10(
    site: tuple[str, dict[str, str], Settings], browser: Any
) -> None:
    from selenium.webdriver.common.by import By

    base, tokens, _ = site
    _log_in(browser, base, tokens["admin"])
    browser.get(f"{base}/region")
    cells = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "td")]
    numbers = [int(text) for text in cells if text.isdigit()]
    assert 14 in numbers and all(number >= 10 for number in numbers)
    assert "minder dan 10" in cells
    check_page(browser, "region")


async def _alert_status(settings: Settings) -> str:
    db = Database(settings.database_url)
    try:
        async with db.transaction() as session:
            from sqlmodel import select

            alert = (await session.exec(select(Alert).where(Alert.seeker_id == 6000))).one()
            return alert.status
    finally:
        await db.dispose()
