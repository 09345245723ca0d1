"""The region page (admins): the supply of job seekers and what came of it, in aggregate
only. No cell counts fewer than 10 people (powbot.domain.region)."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from powbot.domain.coaching import audit
from powbot.domain.region import MIN_CELL, region_report
from powbot.domain.unit import Services
from powbot.features.coach.render import stage_label
from powbot.web.app import render, unit, viewer
from powbot.web.charts import bars


async def region(request: Request) -> Response:
    async with unit(request) as services:
        who = await viewer(request, services)
        if who.role != "admin":
            raise HTTPException(404)
        report = await region_report(services)
        audit(services, who.user.id, None, "web.region")
        lang = who.lang

        def t(key: str) -> str:
            return services.text(lang, key)

        stages = [(stage_label(services, lang, stage), count) for stage, count in report.stages]
        labels = {d.id: d.label.get(lang) for d in services.content.questionnaire.domains}
        areas = [(labels.get(a.domain_id, a.domain_id), a.red, a.orange) for a in report.areas]
        funnel = [(t(f"web.funnel_{key}"), count) for key, count in report.funnel]
        aftercare = [(t(f"web.aftercare_{key}"), count) for key, count in report.aftercare]
        kinds = [(t(f"web.alert_kind_{key}"), count) for key, count in report.alerts_by_kind]
        dropoff = [
            (_question_title(services, lang, question_id), seen, left)
            for question_id, seen, left in report.dropoff
        ]
        faq = [
            (_faq_title(services, entry_id), up, down) for entry_id, up, down in report.faq_ratings
        ]
        return render(
            request,
            services,
            "region.html",
            lang,
            who=who,
            min_cell=MIN_CELL,
            people=report.people_with_profile,
            stages=stages,
            stages_chart=bars(
                [(n, float(c) if c is not None else None) for n, c in stages], t("web.stages")
            ),
            areas=areas,
            areas_chart=bars([(n, red) for n, red, _ in areas], t("web.areas_red"), "%"),
            months=report.profiles_by_month,
            months_chart=bars(
                [(m, float(c) if c is not None else None) for m, c in report.profiles_by_month],
                t("web.by_month"),
            ),
            funnel=funnel,
            funnel_chart=bars(
                [(n, float(c) if c is not None else None) for n, c in funnel], t("web.funnel")
            ),
            aftercare=aftercare,
            kinds=kinds,
            faq=faq,
            dropoff=dropoff,
            faq_unanswered=report.faq_unanswered_people,
        )


def _question_title(services: Services, lang: str, question_id: str) -> str:
    question = services.content.questionnaire.question(question_id)
    if question is None:
        return question_id
    text = question.text.get(lang)
    return text if len(text) <= 80 else text[:77] + "..."


def _faq_title(services: Services, entry_id: str) -> str:
    entry = services.content.faq.get(entry_id)
    return entry.instrument if entry is not None else entry_id


ROUTES = [Route("/region", region, methods=["GET"])]
