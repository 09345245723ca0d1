"""The region page: aggregates for admins only, no cell under 10 people."""

from __future__ import annotations

import re

from powbot.domain.region import MIN_CELL, region_report
from powbot.domain.unit import Services
from powbot.storage.models import QuestionnaireRun
from powbot.storage.models_faq import FaqFeedback
from tests.conftest import Harness
from tests.web.support import Web, seed_coach, seed_results


async def test_region_page_shows_no_cell_under_10(harness: Harness) -> None:
    web = Web(harness)
    await seed_coach(web, 900, "Ria", role="admin")
    await seed_results(web, 10_000, ["ready"] * 15, {"money": "red", "housing": "green"})
    await seed_results(web, 20_000, ["almost"] * 7, {"money": "orange", "housing": "green"})
    first_entry = await _seed_feedback(web)
    report = await web.do(region_report)
    counts = dict(report.stages)
    assert counts["ready"] == 15 and counts["almost"] is None
    money = next(area for area in report.areas if area.domain_id == "money")
    assert money.red == round(100 * 15 / 22, 1) and money.orange is None
    assert [(entry, up, down) for entry, up, down in report.faq_ratings] == [
        (first_entry, None, 12)
    ]
    every_cell = [value for _, value in [*report.stages, *report.funnel, *report.aftercare]]
    assert all(value is None or value >= MIN_CELL for value in every_cell)
    async with web.signed_in(900) as client:
        page = await client.get("/region")
    assert page.status_code == 200
    cells = [int(n) for n in re.findall(r"<td>(\d+)</td>", page.text)]
    assert 15 in cells and 22 in cells and all(n >= MIN_CELL for n in cells)
    assert "minder dan 10" in page.text and "<svg" in page.text


async def _seed_feedback(web: Web) -> str:
    """12 people found the first FAQ answer not helpful, 3 the second: only the first shows."""

    async def work(services: Services) -> str:
        first, second = services.content.faq.entries[:2]
        for user_id in range(30_000, 30_012):
            services.session.add(FaqFeedback(user_id=user_id, entry_id=first.id, helpful=False))
        for user_id in range(30_100, 30_103):
            services.session.add(FaqFeedback(user_id=user_id, entry_id=second.id, helpful=True))
        return first.id

    return str(await web.do(work))


async def test_questionnaire_dropoff_counts_views_and_exits_per_question(
    harness: Harness,
) -> None:
    web = Web(harness)
    questionnaire = harness.runtime.content.questionnaire
    first = questionnaire.questions[0]
    after_first = questionnaire.next_question({first.id: {"skipped": True}})
    assert after_first is not None

    async def work(services: Services) -> None:
        for user_id in range(40_000, 40_012):  # 12 stop at the question after the first
            services.session.add(
                QuestionnaireRun(
                    user_id=user_id,
                    questionnaire=questionnaire.id,
                    status="abandoned",
                    answers={first.id: {"skipped": True}},
                )
            )
        for user_id in range(40_100, 40_104):  # 4 stop at the first question
            services.session.add(
                QuestionnaireRun(
                    user_id=user_id, questionnaire=questionnaire.id, status="paused", answers={}
                )
            )

    await web.do(work)
    report = await web.do(region_report)
    rows = {question_id: (seen, left) for question_id, seen, left in report.dropoff}
    assert rows[first.id] == (16, None)  # 4 exits is a group under 10: not shown
    assert rows[after_first.id] == (12, 12)
