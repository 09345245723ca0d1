"""The FAQ conversation through the real dispatcher, the local chat and the CLI."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from powbot.bot.scheduler import run_due
from powbot.config import PACKAGE_KNOWLEDGE_DIR, load_settings
from powbot.features.faq.flow import valid_contact
from powbot.knowledge.check import check
from powbot.knowledge.faq import FaqEntry, answer_text, split_answer
from powbot.storage.models_faq import CallbackRequest, FaqFeedback, FaqUnanswered
from tests.cli_support import run_cli
from tests.conftest import Harness, Player, make_harness, make_settings, onboard

WSP_NL = 900  # a WSP contact who never used the bot: gets the default language
WSP_EN = 901  # a WSP contact known to the bot in English
ADMIN = 990
CLEAR = "Wat is loonkostensubsidie?"
AMBIGUOUS = "hoeveel krijg ik"  # LKV or LKS amounts
OUT_OF_SCOPE = "Hoeveel vakantiedagen krijgt mijn werknemer per jaar?"  # a known other subject
UNKNOWN = "Hoe laat gaat het stadhuis dicht?"  # neither an entry nor a topic


@pytest.fixture
async def faq_harness(sqlite_url: str) -> AsyncIterator[Harness]:
    settings = make_settings(
        sqlite_url,
        POWBOT_WSP_CONTACT_IDS=f"{WSP_NL},{WSP_EN}",
        POWBOT_ADMIN_IDS=str(ADMIN),
    )
    h = await make_harness(settings)
    yield h
    await h.app.close()


def entry(h: Harness, entry_id: str) -> FaqEntry:
    found = h.runtime.content.faq.get(entry_id)
    assert found is not None
    return found


def first_part(found: FaqEntry, lang: str) -> str:
    """What a phone shows first of an answer (the rest comes after "meer")."""
    return split_answer(answer_text(found, lang))[0]


def labels(sent: object) -> list[str]:
    return [label for label, _ in sent.buttons]  # type: ignore[attr-defined]


async def employer(h: Harness, user_id: int, language: str = "nl") -> Player:
    player = h.user(user_id, language_code=language)
    await onboard(player, role="employer", language=language)
    return player


async def test_clear_match_gives_answer_source_date_and_buttons(faq_harness: Harness) -> None:
    ed = await employer(faq_harness, 201)
    reply = (await ed.send(CLEAR))[-1]
    lks = entry(faq_harness, "lks-what")
    assert reply.text.startswith("❓ Wat is loonkostensubsidie?\n")  # what it answers
    assert first_part(lks, "nl") in reply.text
    # The source by title and date; its address only behind the button (no raw URL).
    assert f"Bron: {lks.source.title}, gecontroleerd op 22 november 2026" in reply.text
    assert lks.source.url not in reply.text
    assert "Was dit antwoord nuttig?" in reply.text
    names = labels(reply)
    assert "🔗 Bron" in names and "👍" in names and "👎" in names
    assert len(names) <= 4  # fits a phone screen
    related = [n for n in names if n.startswith("➕")]
    assert len(related) == 1
    assert dict(reply.buttons)["🔗 Bron"] is None  # a url button, not a callback
    more = await ed.press(related[0])
    assert "Bron:" in more[-1].text


# Questions that ask two things of one instrument ("how do I apply, and how much").
TWO_PART = (
    "loonkostensubsidie aanvragen hoeveel",
    "LKV bedrag aanvragen",
    "jobcoach aanvragen wie betaalt",
)


async def test_a_question_about_two_things_offers_the_other_one_first(
    faq_harness: Harness,
) -> None:
    # The answer covers one part; the entry for the other part is one tap away, even when
    # the answered entry's own related list does not link to it. Which part wins depends on
    # the content, so take the first question where the runner-up is not already related.
    index = faq_harness.runtime.content.faq_index
    found = [
        (q, r)
        for q in TWO_PART
        if (r := index.search(q, audience="employer")).decision == "answer"
        and r.best is not None
        and r.runner_up is not None
        and r.runner_up.id not in r.best.related
    ]
    assert found, "content changed: add a two-part question to TWO_PART"
    question, result = found[0]
    assert result.best is not None and result.runner_up is not None
    assert result.runner_up.instrument == result.best.instrument
    ed = await employer(faq_harness, 207)
    reply = (await ed.send(question))[-1]
    assert first_part(result.best, "nl") in reply.text
    related = [n for n in labels(reply) if n.startswith("➕")]
    assert len(related) == 1
    more = await ed.press(related[0])
    assert first_part(result.runner_up, "nl") in more[-1].text


async def test_where_to_go_answer_includes_the_regions_wsp_details(faq_harness: Harness) -> None:
    ed = await employer(faq_harness, 206)
    reply = (await ed.send("Wat is een werkgeversservicepunt?"))[-1]
    wsp = faq_harness.runtime.content.region.wsp
    assert "Bron:" in reply.text  # a vetted answer ...
    assert str(wsp.phone) in reply.text and str(wsp.email) in reply.text  # ... with the address
    other = (await ed.send(CLEAR))[-1]
    assert str(wsp.phone) not in other.text  # other answers stay short


async def test_ambiguous_question_offers_choices_and_a_choice_answers(
    faq_harness: Harness,
) -> None:
    result = faq_harness.runtime.content.faq_index.search(AMBIGUOUS, audience="employer")
    assert result.decision == "clarify", "test precondition: pick a question that is ambiguous"
    ed = await employer(faq_harness, 202)
    reply = (await ed.send(AMBIGUOUS))[-1]
    assert "Bedoelt u een van deze?" in reply.text
    choices = labels(reply)
    assert 3 <= len(choices) <= 4 and choices[-1] == "🤷 Iets anders"
    second = result.alternatives[0][0]
    answer = await ed.press(choices[1])
    assert first_part(second, "nl") in answer[-1].text
    # "None of these": honest, the WSP details and the callback offer; counted as unanswered.
    other = await ed.press("Iets anders", reply)
    assert "geen betrouwbaar antwoord" in other[-1].text and "0800 000 0000" in other[-1].text
    async with faq_harness.runtime.db.transaction() as session:
        rows = (await session.exec(select(FaqUnanswered))).all()
    assert [r.question for r in rows] == [AMBIGUOUS]


async def test_out_of_scope_is_honest_offers_hand_off_and_shows_wsp(faq_harness: Harness) -> None:
    ed = await employer(faq_harness, 203)
    reply = (await ed.send(UNKNOWN))[-1]
    wsp = faq_harness.runtime.content.region.wsp
    assert "geen betrouwbaar antwoord" in reply.text
    assert wsp.name in reply.text and str(wsp.phone) in reply.text and str(wsp.email) in reply.text
    assert labels(reply) == ["📞 Laat mij terugbellen"]
    assert "Bron:" not in reply.text  # nothing invented


async def test_known_subject_outside_the_faq_points_elsewhere_and_keeps_the_hand_off(
    faq_harness: Harness,
) -> None:
    ed = await employer(faq_harness, 204)
    reply = (await ed.send(OUT_OF_SCOPE))[-1]
    assert "Daar kan ik u niet mee helpen" in reply.text
    assert "https://ondernemersplein.kvk.nl/" in reply.text  # where to go instead
    assert faq_harness.runtime.content.region.wsp.name in reply.text
    assert labels(reply) == ["📞 Laat mij terugbellen"]
    assert "Bron:" not in reply.text
    en = await employer(faq_harness, 205, language="en")
    reply = (await en.send("How do I fire an employee who is always late?"))[-1]
    assert "I can't help you with that" in reply.text
    # Employers with dismissal questions: not the Juridisch Loket, which does not advise them.
    assert "sector organisation" in reply.text and "does not advise employers" in reply.text


async def test_hand_off_end_to_end_reaches_wsp_contacts_via_the_outbox(
    faq_harness: Harness,
) -> None:
    known = await employer(faq_harness, WSP_EN, language="en")  # a known user, in English
    ed = await employer(faq_harness, 204)
    await ed.send(OUT_OF_SCOPE)
    intro = await ed.press("Laat mij terugbellen")
    # The WSP details were just shown: once per conversation, then a one-line reminder.
    assert "0800 000 0000" not in intro[0].text and "gegevens hierboven" in intro[0].text
    assert "Wat is uw naam?" in intro[-1].text
    await ed.send("Els de Vries")
    await ed.send("Bakkerij Zon")
    bad = await ed.send("morgen bellen")
    assert "geen telefoonnummer of e-mailadres" in bad[-1].text
    prefilled = await ed.send("06-12345678")
    assert OUT_OF_SCOPE in prefilled[-1].text  # the question is prefilled
    confirm = await ed.press("Ja, zo laten")
    assert "Bakkerij Zon" in confirm[-1].text and "06-12345678" in confirm[-1].text
    done = await ed.press("Versturen")
    assert "doorgestuurd naar het werkgeversservicepunt" in done[-1].text
    assert "0800 000 0000" not in done[-1].text and "gegevens hierboven" in done[-1].text
    # A stale step button does nothing harmful.
    again = await ed.press("Versturen", confirm[-1])
    assert "al voorbij" in again[0].text

    await run_due(faq_harness.runtime)
    to_nl = faq_harness.session.to(WSP_NL)
    assert len(to_nl) == 1 and "Nieuw terugbelverzoek" in to_nl[0].text
    assert "Els de Vries" in to_nl[0].text and OUT_OF_SCOPE in to_nl[0].text
    to_en = [s for s in known.inbox() if "callback request" in s.text]
    assert len(to_en) == 1 and "Bakkerij Zon" in to_en[0].text
    async with faq_harness.runtime.db.transaction() as session:
        rows = (await session.exec(select(CallbackRequest))).all()
    assert len(rows) == 1 and rows[0].user_id == 204 and rows[0].notified == 2


async def test_hand_off_without_wsp_contacts_is_stored_and_says_so(harness: Harness) -> None:
    ed = await employer(harness, 205)
    await ed.send(OUT_OF_SCOPE)
    await ed.press("terugbellen")
    await ed.press("Test")  # keep the Telegram first name
    await ed.send("Zon BV")
    await ed.send("els@zon.example.nl")
    await ed.send("Mag ik een medewerker met autisme laten thuiswerken?")  # a new question
    assert "thuiswerken" in ed.last_keyboard().text
    done = await ed.send("ja")
    assert "bewaard" in done[-1].text and "gegevens hierboven" in done[-1].text
    async with harness.runtime.db.transaction() as session:
        row = (await session.exec(select(CallbackRequest))).one()
    assert row.name == "Test" and row.contact == "els@zon.example.nl" and row.notified == 0


async def test_feedback_is_stored_once_per_user_and_entry(faq_harness: Harness) -> None:
    ed = await employer(faq_harness, 206)
    answer = (await ed.send(CLEAR))[-1]
    await ed.press("👍", answer)
    assert faq_harness.session.toasts[-1] == "Dank u voor uw reactie!"
    sorry = await ed.press("👎", answer)
    assert "terugbellen" in labels(sorry[-1])[0]
    async with faq_harness.runtime.db.transaction() as session:
        rows = (await session.exec(select(FaqFeedback))).all()
    assert [(r.user_id, r.entry_id, r.helpful) for r in rows] == [(206, "lks-what", False)]


async def test_answer_comes_in_the_users_language(faq_harness: Harness) -> None:
    eng = await employer(faq_harness, 207, language="en")
    reply = (await eng.send(CLEAR))[-1]
    assert first_part(entry(faq_harness, "lks-what"), "en") in reply.text
    assert "checked on 22 November 2026" in reply.text and "🔗 Source" in labels(reply)


async def test_job_seeker_only_gets_entries_for_job_seekers(faq_harness: Harness) -> None:
    sam = faq_harness.user(208)
    await onboard(sam)  # a job seeker
    content = faq_harness.runtime.content
    reply = (await sam.send("Hoeveel loonkostensubsidie krijg ik en hoe lang?"))[-1]
    shown = [e for e in content.faq.entries if answer_text(e, "nl") in reply.text]
    assert "lks-amount" not in [e.id for e in shown]  # employer-only entry
    assert all("seeker" in e.audience for e in shown)
    for _, data in reply.buttons:
        if data and data.startswith("faq:e:"):
            assert "seeker" in entry(faq_harness, data.split(":")[2]).audience
    # Forged button for an employer-only entry: the neutral answer, nothing shown.
    forged = await sam.press_data("faq:e:lks-amount:")
    assert forged == [] and faq_harness.session.toasts[-1] == "Deze knop werkt niet meer."
    # Nothing known: the coach and the menu, no WSP hand-off.
    unknown = (await sam.send(OUT_OF_SCOPE))[-1]
    assert "jobcoach of klantmanager" in unknown.text
    assert not any("terugbellen" in label for label in labels(unknown))


async def test_admin_sees_unanswered_questions_ranked_by_frequency(faq_harness: Harness) -> None:
    a, b = await employer(faq_harness, 209), await employer(faq_harness, 210)
    await a.send("Hoeveel vakantiedagen krijgt mijn werknemer?")
    await a.send("hoeveel vakantiedagen krijgt mijn werknemer")  # same after normalising
    await b.send("Hoeveel vakantiedagen krijgt mijn werknemer?!")
    await b.send("Wat is het btw-tarief op brood?")
    boss = faq_harness.user(ADMIN)
    await boss.send("/start")
    await boss.press("Nederlands")
    report = (await boss.send("/onbeantwoord"))[-1].text
    lines = report.splitlines()
    assert lines[1] == "3× (2 pers.) [nl] hoeveel vakantiedagen krijgt mijn werknemer"
    assert "btw tarief op brood" in lines[2]
    top = (await boss.send("/unanswered 1"))[-1].text.splitlines()
    assert len(top) == 2 and top[1].startswith("3×")


async def whole_answer(player: Player, sent: Any) -> Any:
    """A long answer comes in parts; the 👍/👎 question follows its last part."""
    while "⬇️ Meer" in labels(sent):
        sent = (await player.press("⬇️ Meer", sent))[-1]
    return sent


async def test_admin_sees_which_answers_got_a_thumbs_down_and_for_which_question(
    faq_harness: Harness,
) -> None:
    a, b, c = [await employer(faq_harness, uid) for uid in (214, 215, 216)]
    first = await whole_answer(a, (await a.send("Wat kost een jobcoach mij?"))[-1])
    await a.press("👎", first)
    second = await whole_answer(b, (await b.send("jobcoach wie betaalt dat"))[-1])
    answered = next(
        e for e in faq_harness.runtime.content.faq.entries if answer_text(e, "nl") in second.text
    )
    await b.press("👍", second)
    # An entry opened from a button is rated without a question: it answered none.
    related = [n for n in labels(second) if n.startswith("➕")]
    opened = await whole_answer(c, (await c.press(related[0], second))[-1])
    await c.press("👎", opened)
    sam = faq_harness.user(217)
    await onboard(sam)  # a job seeker: their question may be personal and is not kept
    own = await whole_answer(sam, (await sam.send("Wat doet een jobcoach voor mij?"))[-1])
    await sam.press("👎", own)

    boss = faq_harness.user(ADMIN)
    await boss.send("/start")
    await boss.press("Nederlands")
    report = (await boss.send("/beoordelingen"))[-1].text
    assert "wat kost een jobcoach mij" in report
    assert "jobcoach wie betaalt dat" not in report  # a 👍 is counted, its question not shown
    assert "wat doet een jobcoach voor mij" not in report
    lines = report.splitlines()
    assert lines[0].startswith("Beoordelingen van")
    assert any(line.endswith(answered.id) and "1× 👍" in line for line in lines)
    async with faq_harness.runtime.db.transaction() as session:
        rows = (await session.exec(select(FaqFeedback))).all()
    asked = {r.user_id: r.question for r in rows}
    assert asked == {
        214: "wat kost een jobcoach mij",
        215: "jobcoach wie betaalt dat",
        216: None,
        217: None,
    }
    # Not for anyone else.
    refused = await a.send("/beoordelingen")
    assert "niet voor jou" in refused[-1].text and "jobcoach" not in refused[-1].text


async def test_non_admin_cannot_list_unanswered_questions(faq_harness: Harness) -> None:
    ed = await employer(faq_harness, 211)
    await ed.send(OUT_OF_SCOPE)
    reply = await ed.send("/onbeantwoord")
    assert "niet voor jou" in reply[-1].text and "vakantiedagen" not in reply[-1].text


async def test_forged_callback_data_gets_the_neutral_answer(faq_harness: Harness) -> None:
    ed = await employer(faq_harness, 212)
    for data in ("faq:e:no-such-entry:", "faq:fb:no-such-entry.1:", "faq:fb:lks-what.7:"):
        assert await ed.press_data(data) == []
        assert faq_harness.session.toasts[-1] == "Deze knop werkt niet meer."
    async with faq_harness.runtime.db.transaction() as session:
        assert (await session.exec(select(FaqFeedback))).all() == []


async def test_menu_item_and_command_explain_how_to_ask(faq_harness: Harness) -> None:
    ed = await employer(faq_harness, 213)
    explained = await ed.press("Vraag stellen")
    assert "Typ gewoon uw vraag" in explained[-1].text
    assert "Typ gewoon uw vraag" in (await ed.send("/vraag"))[-1].text
    hello = await ed.send("Hallo!")  # small talk is not a question (greetings: understanding)
    assert "geen betrouwbaar antwoord" not in hello[-1].text


def test_contact_validation_is_loose_but_not_anything() -> None:
    for ok in ("06 1234 5678", "+31 (0)6-12345678", "010-1234567", "a.b@c.nl"):
        assert valid_contact(ok), ok
    for bad in ("morgen", "12345", "a@b", "06 1234 5678 of mail"):
        assert not valid_contact(bad), bad


# --------------------------------------------------------------------------- processes


def _powbot(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, args: list[str], stdin: str = "", **env: str
) -> str:
    settings = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'chat.db'}",
        # The terminal is not Telegram: no need to pace replies at 1 per second per chat.
        "POWBOT_SEND_RATE_PER_CHAT": "1000",
        **env,
    }
    result = run_cli(monkeypatch, tmp_path, args, stdin=stdin, env=settings)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_local_chat_employer_asks_and_leaves_a_callback_request(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    script = [
        "/start", "1", "2", CLEAR, UNKNOWN, "1",
        "Jan Jansen", "Bakkerij Jansen", "06 1234 5678", "1", "Versturen",
    ]  # fmt: skip
    out = _powbot(
        monkeypatch,
        tmp_path,
        ["chat", "--user", "42"],
        "\n".join(script) + "\n",
        POWBOT_WSP_CONTACT_IDS="77",
        POWBOT_QUIET_START="00:00",
        POWBOT_QUIET_END="00:00",
    )
    assert "Bron: " in out and "gecontroleerd op" in out
    assert "geen betrouwbaar antwoord" in out and "[1] 📞 Laat mij terugbellen" in out
    # Contact 77 never started the bot, so the employer hears the truth: it is kept.
    assert "Uw vraag is bewaard" in out
    # The WSP contact (not in this chat) has the request waiting in the outbox.
    with sqlite3.connect(tmp_path / "chat.db") as db:
        rows = db.execute("SELECT payload FROM outbox WHERE user_id = 77").fetchall()
    assert len(rows) == 1 and "Bakkerij Jansen" in json.loads(rows[0][0])["text"]
    # The operator sees the unanswered question on the command line.
    report = _powbot(monkeypatch, tmp_path, ["admin", "unanswered", "--limit", "5"])
    assert "1 users [nl] hoe laat gaat het stadhuis dicht" in report


def test_cli_faq_ask_json_and_stdin(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    one = json.loads(
        _powbot(monkeypatch, tmp_path, ["faq", "ask", "--json", "Wat is een proefplaatsing?"])
    )
    assert one["instrument"] == "proefplaatsing" and one["entry"] == "pp-what"
    assert one["answer"] and 0 <= one["score"] <= 100 and isinstance(one["alternatives"], list)
    lines = _powbot(
        monkeypatch, tmp_path, ["faq", "ask", "-", "--lang", "en"], f"{CLEAR}\n\n{OUT_OF_SCOPE}\n"
    )
    first, second = (json.loads(line) for line in lines.splitlines())
    assert first["instrument"] == "loonkostensubsidie" and "wage cost" in first["answer"].lower()
    assert second["instrument"] is None and second["answer"] is None


def test_knowledge_check_warns_about_stale_entries(tmp_path: Path, capsys) -> None:
    content = tmp_path / "content"
    shutil.copytree(PACKAGE_KNOWLEDGE_DIR, content)
    path = content / "faq" / "sroi.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("reviewed: 2026", "reviewed: 2020", 1), encoding="utf-8")
    settings = load_settings(POWBOT_KNOWLEDGE_DIR=str(content), POWBOT_FAQ_MAX_AGE_DAYS=400)
    assert check(settings, today=date(2026, 12, 6)) == 0
    out = capsys.readouterr().out
    assert "ok: faq:" in out
    warnings = [
        line for line in out.splitlines() if line.startswith("warning:") and "older than" in line
    ]
    assert len(warnings) == 1 and "faq/sroi.yaml" in warnings[0]
