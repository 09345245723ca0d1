"""Data rights: /privacy explains, /mijngegevens exports, /verwijder erases; retention."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from sqlalchemy import delete
from sqlmodel import col, select

from powbot.conversation.context import Ctx
from powbot.conversation.form import Choice, Form, Step
from powbot.conversation.form_parsers import yes_no
from powbot.conversation.registry import ON_ERASE
from powbot.domain.messages import Reply
from powbot.domain.unit import Services
from powbot.features.menu import show_menu
from powbot.storage.models import QuestionnaireResult, QuestionnaireRun, User
from powbot.storage.personal import erase_user, export_user

NAME = "privacy"
ALL_ROLES: frozenset[str | None] = frozenset({None, "seeker", "employer", "coach", "admin"})
DAYS_PER_MONTH = 30.44


async def explain(ctx: Ctx) -> None:
    role = ctx.user.role or "seeker"
    parts = [
        ctx.t(
            f"privacy.explain_{role}",
            months=ctx.settings.retention_months,
            result_months=ctx.settings.result_retention_months,
        ),
        # A person for a job seeker is their coach or gemeente, not the employers' desk.
        ctx.t("privacy.rights" if role == "seeker" else "privacy.rights_other"),
        ctx.t("privacy.backups"),
    ]
    controller = _controller_line(ctx)
    if controller:
        parts.append(controller)
    ctx.say("\n\n".join(parts))


def _controller_line(ctx: Ctx) -> str | None:
    """Who is responsible, whom to ask, and the right to complain to the AP (AVG art. 13)."""
    region = ctx.content.region
    if region.controller is None:
        return None
    officer = region.privacy_officer
    contact = (officer.email or officer.phone or officer.website) if officer else None
    key = "privacy.controller" if contact else "privacy.controller_only"
    return ctx.t(key, controller=region.controller.name, contact=contact or "")


async def export(ctx: Ctx) -> None:
    data = await export_user(ctx.session, ctx.user.id)
    lines = [ctx.t(_voiced(ctx, "privacy.export_title")), ""]
    lines.append(
        ctx.t(
            "privacy.export_profile",
            language=ctx.user.language or "-",
            role=ctx.t(f"privacy.role_{ctx.user.role or 'none'}"),
            since=ctx.local(ctx.user.created_at).strftime("%d-%m-%Y"),
            consent=ctx.local(ctx.user.consent_at).strftime("%d-%m-%Y")
            if ctx.user.consent_at
            else ctx.t("privacy.no_consent"),
        )
    )
    for table, rows in data.items():
        if table == "users":
            continue
        label_key = _voiced(ctx, f"privacy.table.{table}")
        label = ctx.t(label_key) if ctx.content.catalog.has(label_key) else table
        lines.append(f"• {label}: {len(rows)}")
    lines += ["", ctx.t("privacy.export_file")]
    body = json.dumps(
        {"user_id": ctx.user.id, "exported_at": ctx.now.isoformat(), "data": data},
        ensure_ascii=False,
        indent=2,
        default=str,
    ).encode()
    ctx.say("\n".join(lines))
    ctx.say(
        ctx.t(_voiced(ctx, "privacy.export_caption")), document=(f"powbot-{ctx.user.id}.json", body)
    )


async def ask_erase(ctx: Ctx) -> None:
    await ERASE_FORM.start(ctx)


async def erase_everything(services: Services, user: User) -> dict[str, int]:
    """Run the capabilities' hooks, then erase every personal row of this user.

    The hooks run in a plain unit of work, not the leaving user's conversation: what they
    send to others (the next person's offer, the coach's nameless notice) is not about this
    user, so it must not be tagged as theirs and erased with them a moment later."""
    hooks = Services(services.session, services.settings, services.content, services.now)
    for hook in ON_ERASE:
        await hook(hooks, user)
    services.outbox_written = services.outbox_written or hooks.outbox_written
    user_id = user.id
    # The row is about to disappear underneath the ORM: stop tracking it first.
    services.session.expunge(user)
    return await erase_user(services.session, user_id)


async def _erase(ctx: Ctx) -> None:
    goodbye = ctx.t(_voiced(ctx, "privacy.erased"))
    await erase_everything(ctx, ctx.user)
    ctx.say(goodbye)


async def tell_coach(services: Services, user: User) -> None:
    if user.coach_id is None:
        return
    coach = await services.session.get(User, user.coach_id)
    if coach is None:
        return
    # No name: the notice outlives the erasure, so it must not say who it was about.
    text = services.text(services.lang_of(coach), "privacy.coach_client_erased")
    # About no one any more (and not erased with the client).
    await services.notify(coach.id, Reply(text), anonymous=True)


async def apply_retention(services: Services) -> None:
    """Erase users inactive for too long, and questionnaire results past their term.

    Runs every scheduler pass; the queries are indexed and each pass does a bounded amount.
    """
    settings = services.settings
    inactive_before = services.now - timedelta(days=settings.retention_months * DAYS_PER_MONTH)
    stale = (
        await services.session.exec(
            select(User).where(col(User.last_active_at) < inactive_before).limit(50)
        )
    ).all()
    for user in stale:
        await erase_everything(services, user)
    results_before = services.now - timedelta(
        days=settings.result_retention_months * DAYS_PER_MONTH
    )
    old_runs = select(QuestionnaireResult.run_id).where(
        col(QuestionnaireResult.created_at) < results_before
    )
    run_ids = list((await services.session.exec(old_runs)).all())
    if run_ids:
        await services.session.exec(
            delete(QuestionnaireResult).where(col(QuestionnaireResult.run_id).in_(run_ids))
        )
        await services.session.exec(
            delete(QuestionnaireRun).where(col(QuestionnaireRun.id).in_(run_ids))
        )


def _voiced(ctx: Ctx, key: str) -> str:
    """The job seekers' text ("je", their profile and coach) or, for employers, coaches and
    admins, the text in "u" (`<key>_formal`)."""
    formal = f"{key}_formal"
    if ctx.user.role in ("employer", "coach", "admin") and ctx.content.catalog.has(formal):
        return formal
    return key


async def _erase_or_keep(ctx: Ctx, answers: dict[str, Any]) -> None:
    if answers.get("confirm_erase") == "yes":
        await _erase(ctx)
        return
    ctx.set_state(None)
    if ctx.user.role is None:
        ctx.say(ctx.t("privacy.erase_cancelled"))
    else:
        await show_menu(ctx, "privacy.erase_cancelled")


class PrivacyFlow(Form):
    """/verwijder: one step, "are you sure?"; typed 'ja', 'nee', 👍 work as well as the buttons."""

    def __init__(self) -> None:
        super().__init__(
            NAME,
            ALL_ROLES,
            (
                Step(
                    "confirm_erase",
                    "privacy.erase_confirm",
                    values=lambda ctx: {"question": ctx.t(_voiced(ctx, "privacy.erase_question"))},
                    parse=yes_no,
                    choices=(
                        Choice("yes", "privacy.erase_yes"),
                        Choice("no", "privacy.erase_no"),
                    ),
                    back=False,
                ),
            ),
            _erase_or_keep,
        )


ERASE_FORM = PrivacyFlow()
