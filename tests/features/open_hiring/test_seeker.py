"""Open Hiring, job seeker side, through the real dispatcher: browse, sign up, offers."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from powbot.domain.unit import Services
from powbot.features.onboarding.invites import create_invite
from powbot.knowledge.content import load_content
from powbot.storage.db import Database
from powbot.storage.models import Placement, User
from powbot.storage.models_open_hiring import Signup, Vacancy
from tests.cli_support import run_cli
from tests.clock_double import clock_now
from tests.conftest import Harness, make_settings
from tests.open_hiring_helpers import (
    START,
    deliver,
    make_users,
    make_vacancy,
    offers,
    outbox_texts,
    seeker,
    signups,
)


async def test_browse_pages_and_filter_by_place(harness: Harness) -> None:
    for number in range(7):
        await make_vacancy(harness, title=f"Baan {number}", city="Utrecht")
    await make_vacancy(harness, title="Bakker", city="Amersfoort")
    ann = await seeker(harness, 300)
    first = await ann.send("/vacatures")
    assert "bladzijde 1 van 2" in first[-1].text
    assert sum(1 for label, _ in first[-1].buttons if label[0].isdigit()) == 5
    second = await ann.press("Volgende")
    assert "bladzijde 2 van 2" in second[-1].text
    cities = await ann.press("Kies een plaats", first[-1])
    only = await ann.press("Amersfoort", cities[-1])
    assert "in Amersfoort" in only[-1].text and "Bakker" in only[-1].text
    assert "Baan" not in only[-1].text
    typed = await ann.send("utrecht")  # a typed town filters as well
    assert "in Utrecht" in typed[-1].text and "Bakker" not in typed[-1].text
    details = await ann.send("1")  # a typed number opens that vacancy
    assert "Baan 6" in details[-1].text and "Aanmelden" in details[-1].buttons[0][0]


async def test_a_no_explains_kindly_and_stores_nothing(harness: Harness) -> None:
    vacancy_id = await make_vacancy(harness, questions=["work_permit", "lifting"])
    ann = await seeker(harness, 301)
    await ann.send("/vacatures")
    await ann.press("Magazijn")
    first = await ann.press("Aanmelden")
    assert "Vraag 1 van 2" in first[-1].text and "Nederland werken" in first[-1].text
    await ann.send("ja hoor")
    refused = await ann.send("nee")
    assert "10 kilo" in refused[-1].text and "niets van je bewaard" in refused[-1].text
    assert any("Andere vacatures" in label for label, _ in refused[-1].buttons)
    assert await signups(harness, vacancy_id) == []


async def test_sign_up_shows_place_and_moves_up(harness: Harness) -> None:
    vacancy_id = await make_vacancy(harness, places=1, questions=["age_18"])
    await make_users(harness, [390])
    from powbot.domain.open_hiring_queue import sign_up
    from tests.open_hiring_helpers import services

    async with harness.runtime.db.transaction() as session:
        await sign_up(services(harness, session), vacancy_id, 390)  # holds the one place
    ann = await seeker(harness, 302)
    bob = await seeker(harness, 303, name="Bob")
    for player in (ann, bob):
        await player.send("/vacatures")
        await player.press("Magazijn")
        await player.press("Aanmelden")
        await player.send("Ja")
    assert "als 1e" in ann.inbox()[-1].text and "als 2e" in bob.inbox()[-1].text
    mine = await bob.send("/aanmeldingen")
    assert "Magazijn (Utrecht): wachtlijst, je staat als 2e" in mine[-1].text
    again = await bob.send("/vacatures")
    details = await bob.press("Magazijn", again[-1])
    assert "als 2e op de wachtlijst" in details[-1].text  # no second sign-up button
    assert not any("Aanmelden" in label for label, _ in details[-1].buttons)

    withdraw = await ann.send("/aanmeldingen")
    await ann.press("Afmelden: Magazijn", withdraw[-1])
    left = await ann.press("Ja, afmelden")
    assert "afgemeld" in left[-1].text
    await deliver(harness)
    assert "Je staat nu als 1e op de wachtlijst voor Magazijn" in bob.inbox()[-1].text
    assert [s.status for s in await signups(harness, vacancy_id)] == [
        "offered",
        "withdrawn",
        "waiting",
    ]


async def test_accepting_records_placement_and_tells_employer_and_coach(
    harness: Harness,
) -> None:
    await make_users(harness, [380, 381])  # an employer and a coach
    async with harness.runtime.db.transaction() as session:
        (await session.get(User, 380)).role = "employer"  # type: ignore[union-attr]
        (await session.get(User, 381)).role = "coach"  # type: ignore[union-attr]
    vacancy_id = await make_vacancy(harness, employer_id=380, questions=[])
    ann = await seeker(harness, 304, name="Ann")
    async with harness.runtime.db.transaction() as session:
        (await session.get(User, 304)).coach_id = 381  # type: ignore[union-attr]
    await ann.send("/vacatures")
    await ann.press("Magazijn")
    offer = await ann.press("Aanmelden")
    assert "Je bent aan de beurt" in offer[-1].text and START.strftime("%d-%m-%Y") in offer[-1].text
    ask = await ann.press("Ja, ik wil deze baan", offer[-1])
    assert "telefoonnummer of e-mailadres" in ask[-1].text
    wrong = await ann.send("bel me maar")
    assert "lijkt geen telefoonnummer" in wrong[0].text
    done = await ann.send("ann@example.nl")
    assert "Gefeliciteerd" in done[-1].text and "ann@example.nl" in done[-1].text
    employer_msgs = await outbox_texts(harness, 380)
    assert "Ann heeft de plek als Magazijn aangenomen" in employer_msgs[-1]
    assert "ann@example.nl" in employer_msgs[-1]
    assert "Uw cliënt Ann" in (await outbox_texts(harness, 381))[-1]
    async with harness.runtime.db.transaction() as session:
        placement = (await session.exec(select(Placement))).one()
    assert placement.seeker_id == 304 and placement.source == "open_hiring"
    assert placement.vacancy_id == vacancy_id and placement.employer_id == 380
    # The old offer's buttons now say so and change nothing.
    stale = await ann.press("Nee, dank je", offer[-1])
    assert "al aangenomen" in stale[-1].text
    assert [o.status for o in await offers(harness, vacancy_id)] == ["accepted"]


async def test_decline_asks_to_confirm_and_passes_the_place_on(harness: Harness) -> None:
    vacancy_id = await make_vacancy(harness, questions=[])
    ann = await seeker(harness, 305)
    bob = await seeker(harness, 306, name="Bob")
    await ann.send("/vacatures")
    await ann.press("Magazijn")
    offer = await ann.press("Aanmelden")
    await bob.send("/vacatures")
    await bob.press("Magazijn")
    await bob.press("Aanmelden")
    confirm = await ann.press("Nee, dank je", offer[-1])
    assert "Weet je het zeker" in confirm[-1].text
    back = await ann.press("Terug")
    assert "Je bent aan de beurt" in back[-1].text  # changed their mind: offer still there
    await ann.press("Nee, dank je", offer[-1])
    declined = await ann.press("Ja, ik zeg nee")
    assert "helemaal goed" in declined[-1].text
    assert any("Opnieuw aanmelden" in label for label, _ in declined[-1].buttons)
    await deliver(harness)
    assert "Je bent aan de beurt" in bob.inbox()[-1].text
    rejoined = await ann.press("Opnieuw aanmelden", declined[-1])
    assert "als 1e" in rejoined[-1].text  # at the end of the (now short) list
    assert [o.user_id for o in await offers(harness, vacancy_id)] == [305, 306]


async def test_typed_answers_and_english(harness: Harness) -> None:
    await make_vacancy(harness, questions=["standing", "early_start"])
    eve = await seeker(harness, 307, language="en")
    await eve.send("/vacancies")
    await eve.press("Magazijn")
    question = await eve.press("Sign up")
    assert "stand for 4 hours" in question[-1].text
    unclear = await eve.send("maybe")
    assert "answer yes or no" in unclear[0].text
    await eve.send("YES!")
    offer = await eve.send("y")
    assert "It is your turn" in offer[-1].text


def test_local_chat_two_users_one_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """An employer and a job seeker take turns in `powbot chat` on one SQLite file; a
    message for someone who is not in the chat waits and shows when they open it."""
    url = f"sqlite:///{tmp_path / 'chat.db'}"
    env = {
        "DATABASE_URL": url,
        # Whatever the hour the suite runs: messages are due at once.
        "POWBOT_QUIET_START": "00:00",
        "POWBOT_QUIET_END": "00:00",
        # The terminal is not Telegram: no need to pace replies at one per second.
        "POWBOT_SEND_RATE": "10000",
        "POWBOT_SEND_RATE_PER_CHAT": "10000",
    }
    asyncio.run(_employer_with_vacancy(url))

    def chat(user: int, name: str, lines: list[str]) -> str:
        args = ["chat", "--user", str(user), "--name", name]
        result = run_cli(monkeypatch, tmp_path, args, stdin="\n".join(lines) + "\n", env=env)
        assert result.returncode == 0, result.stderr
        return result.stdout

    job_seeker = chat(
        502,
        "Ann",
        ["/start", "1", "1", "1", "/vacatures", "1", "Aanmelden", "Ja", "1", "0612345678"],
    )
    assert "Vraag 1 van 1" in job_seeker and "Je bent aan de beurt" in job_seeker
    assert "Gefeliciteerd" in job_seeker
    employer = chat(501, "Erik", ["/mijnvacatures", "1"])
    assert "1 bericht" in employer
    assert "Ann heeft de plek als Inpakker aangenomen" in employer and "0612345678" in employer
    assert "Plekken: 1" in employer and "Aangenomen: 1" in employer
    assert "plekken" not in employer  # 'Aangenomen: 1 van 1 plekken' (tester)
    assert "Ann – contact: 0612345678" in employer


async def _employer_with_vacancy(url: str) -> None:
    """An approved employer (501) with one open vacancy, as the chat would leave them."""
    settings = make_settings(url)
    db = Database(settings.database_url)
    await db.migrate()
    try:
        async with db.transaction() as session:
            content = load_content(settings.knowledge_dir)
            _code, invite = await create_invite(
                Services(session, settings, content, clock_now()),
                "employer",
                None,
                timedelta(days=1),
            )
            invite.used_by, invite.used_at = 501, clock_now()
            session.add(
                User(id=501, chat_id=501, first_name="Erik", language="nl", role="employer")
            )
            session.add(
                Vacancy(
                    employer_id=501,
                    organisation="Bakkerij Zon",
                    title="Inpakker",
                    workplace="Hal 3",
                    city="Utrecht",
                    city_key="utrecht",
                    hours_per_week=24,
                    shifts="ma-vr",
                    places=1,
                    start_date=START,
                    questions=["work_permit"],
                    status="open",
                )
            )
    finally:
        await db.dispose()


async def test_unknown_vacancy_and_foreign_signup_buttons(harness: Harness) -> None:
    vacancy_id = await make_vacancy(harness, questions=[])
    await make_users(harness, [395])
    from powbot.domain.open_hiring_queue import sign_up
    from tests.open_hiring_helpers import services

    async with harness.runtime.db.transaction() as session:
        signup, _ = await sign_up(services(harness, session), vacancy_id, 395)
    ann = await seeker(harness, 308)
    gone = await ann.press_data("hiring:view:9999:")
    assert "gesloten of bestaat niet meer" in gone[-1].text
    forged = await ann.press_data(f"hiring:wdyes:{signup.id}:")
    assert forged == []
    forged_offer = await ann.press_data("hiring:acc:1:")
    assert forged_offer == []
    assert harness.session.toasts[-1] == "Deze knop werkt niet meer."
    async with harness.runtime.db.transaction() as session:
        stored = await session.get(Signup, signup.id)
        assert stored is not None and stored.status == "offered"


async def test_a_vacancy_on_the_list_is_opened_by_its_words(harness: Harness) -> None:
    """'magazijn' or 'aanmelden' under a list of one vacancy got "Dat begreep ik niet. Typ
    het nummer van een vacature" (a tester); the words of its title open it."""
    await make_vacancy(harness)
    fay = await seeker(harness, 308)
    await fay.send("/vacatures")
    card = await fay.send("magazijn")
    assert "Aanmelden" in " ".join(label for label, _ in card[-1].buttons)
    await fay.send("/vacatures")
    signing = await fay.send("aanmelden")
    assert "begreep ik niet" not in fay.texts(signing)
