"""What an employer notices when asking the FAQ."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from powbot.knowledge.faq import FaqIndex, faq_ask_json, load_faq, main_faq_ask

CONTENT = Path(__file__).resolve().parents[2] / "powbot" / "knowledge" / "content"


@pytest.mark.parametrize(
    ("question", "instrument"),
    [
        ("LKS", "loonkostensubsidie"),
        ("wat is een NRP", "no-riskpolis"),
        ("hoeveel LKV krijg ik in 2026", "loonkostenvoordeel"),
        ("WSP in mijn regio", "wsp-contact"),
        ("What is SROI?", "sroi"),
        ("loonkostesubsidie aanvragen", "loonkostensubsidie"),  # typo
        ("jobcouch via uwv", "jobcoaching"),  # typo
    ],
)
def test_abbreviations_and_typos_are_answered(faq_index, question, instrument) -> None:
    result = faq_index.search(question)
    assert result.decision == "answer"
    assert result.best is not None and result.best.instrument == instrument


@pytest.mark.parametrize(
    ("question", "instrument"),
    [
        (
            "Mijn werknemer uit de bijstand werkt half zo snel als zijn collega's",
            "loonkostensubsidie",
        ),
        ("Kan iemand eerst een tijdje op proef bij ons komen werken?", "proefplaatsing"),
        ("Werknemer met Wajong is ziek na 3 weken, wie betaalt het loon?", "no-riskpolis"),
        ("I want to hire people without interviews, first come first served", "open-hiring"),
        ("Our deaf employee needs a sign language interpreter at meetings", "werkplekaanpassing"),
    ],
)
def test_situations_without_the_instrument_name(faq_index, question, instrument) -> None:
    result = faq_index.search(question)
    assert result.decision == "answer"
    assert result.best is not None and result.best.instrument == instrument


@pytest.mark.parametrize(
    ("question", "instrument"),
    [
        ("Hoe dien ik een loonkostensubsidieaanvraag in?", "loonkostensubsidie"),
        ("Hoe lang mag de proefplaatsingperiode duren?", "proefplaatsing"),
        ("werkplekaanpassingsvergoeding van uwv", "werkplekaanpassing"),
        ("jobcoachingtraject aanvragen bij uwv", "jobcoaching"),
        ("l.k.s. aanvragen bij de gemeente", "loonkostensubsidie"),  # dotted abbreviation
        ("n.r.p. hoe claim ik dat", "no-riskpolis"),
        ("proef plaatsing aanvragen", "proefplaatsing"),  # compound written apart
        ("Wat doet het werkgevers service punt voor mij?", "wsp-contact"),
    ],
)
def test_compounds_and_dotted_abbreviations(faq_index, question, instrument) -> None:
    result = faq_index.search(question)
    assert result.decision == "answer"
    assert result.best is not None and result.best.instrument == instrument


def test_decompound_uses_known_vocabulary_only(faq_index) -> None:
    assert faq_index.decompound("loonkostensubsidieaanvraag", "nl") == [
        "loonkostensubsidie",
        "aanvragen",
    ]
    assert faq_index.decompound("detacheringsconstructie", "nl") == ["detachering"]  # unknown tail
    assert faq_index.decompound("kantinevergoeding", "nl") == []  # unknown first part
    assert faq_index.decompound("paardenstal", "nl") == []


def test_general_question_gets_the_overview_of_schemes(faq_index) -> None:
    result = faq_index.search("regeling voor iemand met een beperking")
    assert result.decision == "answer" and result.best is not None
    assert result.best.id == "wsp-overview"


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("Wat is de PSO-ladder en telt die mee voor social return?", "sroi-pso"),
        ("Hoe werkt Inclusief Herontwerp Werk?", "jcv-ihw"),
        ("Can I get both LKS and LKV for the same employee?", "lkv-combine"),
        ("Geldt de no-riskpolis nog voor een 58-jarige die ik uit de WW aanneem?", "nrp-older"),
    ],
)
def test_questions_with_their_own_entry_get_that_entry(faq_index, question, entry_id) -> None:
    # Questions that used to get a neighbouring answer (the SROI percentage, job carving in
    # general, one of the two schemes, the no-risk policy in general) now get their own.
    result = faq_index.search(question)
    assert result.decision == "answer"
    assert result.best is not None and result.best.id == entry_id


def test_ambiguous_question_asks_to_clarify(faq_index) -> None:
    result = faq_index.search("hoeveel krijg ik", limit=3)  # LKV or LKS amounts
    assert result.decision == "clarify"
    assert result.best is not None
    options = [result.best, *(e for e, _ in result.alternatives)]
    assert 2 <= len(options) <= 3
    assert len({e.instrument for e in options}) == len(options)  # distinct instruments
    assert all(s <= result.score for _, s in result.alternatives)


@pytest.mark.parametrize(
    "question",
    [
        "wat is het weer morgen",
        "can you write my job ad",
        "hoeveel vakantiedagen heeft een werknemer",
        "Hoe bereken ik het vakantiegeld?",
        "Welke boekhoudsoftware is goed voor een zzp'er?",
        "Hoe zit het met de ontslagvergoeding?",  # off-topic part of a compound
        "",
        "???",
    ],
)
def test_out_of_scope_is_unknown(faq_index, question) -> None:
    result = faq_index.search(question)
    assert result.decision == "unknown"
    assert result.instrument is None
    assert faq_ask_json(faq_index, question, "nl")["instrument"] is None


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Hoe ontsla ik een medewerker die steeds te laat komt?", "dismissal"),
        (
            "Mijn kok zit al vier weken ziek thuis, wat moet ik regelen met de arbodienst?",
            "sick-leave",
        ),
        ("Do I have to pay my staff holiday allowance in May?", "leave"),
        ("Kan ik subsidie krijgen om energie te besparen in mijn winkel?", "other-subsidies"),
        ("hoe vaak mag ik een tijdelijk contract verlengen", "contracts"),
    ],
)
def test_known_subject_outside_the_faq_is_named_not_stretched(faq_index, question, topic) -> None:
    # Paraphrases, not the topic file's own examples: the subject is recognised, and no
    # instrument answer is given for it.
    result = faq_index.search(question)
    assert result.decision == "unknown" and result.instrument is None
    assert result.topic is not None and result.topic.id == topic
    assert faq_ask_json(faq_index, question, "nl")["out_of_scope_topic"] == topic
    assert faq_index.base.pointer(result.topic) is not None


@pytest.mark.parametrize(
    ("question", "instrument"),
    [
        (
            "Mijn medewerker met een arbeidsbeperking meldt zich ziek, wie betaalt zijn loon?",
            "no-riskpolis",
        ),
        (
            "Kan ik iemand uit de bijstand eerst een paar weken laten proefdraaien?",
            "proefplaatsing",
        ),
    ],
)
def test_target_group_questions_about_general_subjects_stay_in_scope(
    faq_index, question, instrument
) -> None:
    result = faq_index.search(question)
    assert result.topic is None
    assert result.instrument == instrument


def test_audience_filter(faq_index) -> None:
    question = "LKV oudere werknemer afgeschaft?"
    employer = faq_index.search(question, audience="employer")
    assert employer.best is not None and employer.best.id == "lkv-older"
    seeker = faq_index.search(question, audience="seeker")
    candidates = [seeker.best, *(e for e, _ in seeker.alternatives)] if seeker.best else []
    assert all("seeker" in e.audience for e in candidates)
    assert seeker.best is None or seeker.best.id != "lkv-older"


def test_faq_ask_json_shape(faq_index) -> None:
    out = faq_ask_json(faq_index, "wat is loondispensatie", "nl")
    assert set(out) == {
        "instrument",
        "entry",
        "out_of_scope_topic",
        "score",
        "answer",
        "alternatives",
    }
    assert out["out_of_scope_topic"] is None
    assert out["instrument"] == "loondispensatie" and out["entry"] == "ld-what"
    assert 0 <= out["score"] <= 100
    assert isinstance(out["answer"], str) and "Wajong" in out["answer"]
    for alt in out["alternatives"]:
        assert set(alt) == {"entry", "instrument", "score"}
    unknown = faq_ask_json(faq_index, "wie wint het WK voetbal", "en")
    assert unknown["instrument"] is None and unknown["entry"] is None and unknown["answer"] is None
    json.dumps(out)  # serialisable


def test_answer_language_follows_request_not_question(faq_index) -> None:
    entry = faq_index.search("What is the no-risk policy?").best
    assert entry is not None
    nl = faq_ask_json(faq_index, "What is the no-risk policy?", "nl")["answer"]
    en = faq_ask_json(faq_index, "Wat is de no-riskpolis?", "en")["answer"]
    assert nl == entry.answer.nl.strip()
    assert en == entry.answer.en.strip()


def test_cli_plain_json_and_stdin(capsys, monkeypatch) -> None:
    assert main_faq_ask(["wat is jobcarving", "--lang", "en"], CONTENT) == 0
    plain = capsys.readouterr().out
    assert "jcv-what" in plain and "https://" in plain and "job carving" in plain.lower()

    assert main_faq_ask(["wat is jobcarving", "--json"], CONTENT) == 0
    assert json.loads(capsys.readouterr().out)["entry"] == "jcv-what"

    monkeypatch.setattr("sys.stdin", io.StringIO("wat is SROI\n\nwat is het weer morgen\n"))
    assert main_faq_ask(["-"], CONTENT) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["instrument"] for line in lines] == ["sroi", None]


def test_cli_reports_broken_content(tmp_path, capsys) -> None:
    (tmp_path / "faq").mkdir()
    (tmp_path / "faq" / "bbl.yaml").write_text("entries: []\n", encoding="utf-8")
    assert main_faq_ask(["bbl"], tmp_path) == 1
    assert "faq/bbl.yaml: entries" in capsys.readouterr().err


def _with_example(base, entry_id: str, question: str):
    entries = tuple(
        e.model_copy(update={"questions": [*e.questions, question]}) if e.id == entry_id else e
        for e in base.entries
    )
    return replace(base, entries=entries)


def test_content_authors_teach_new_phrasings_with_example_questions(faq_index) -> None:
    # A phrasing the FAQ has never seen is not answered; after an author adds it (and nothing
    # else) as an example question of an entry, the same phrasing and a variant of it are.
    question = "Mag de kringloopwinkel onze schroevendraaiers sorteren?"
    variant = "kringloopwinkel schroevendraaiers laten sorteren, mag dat"
    assert faq_index.search(question).decision == "unknown"
    assert faq_index.search(variant).decision == "unknown"
    taught = FaqIndex(_with_example(faq_index.base, "jcv-what", question))
    for q in (question, variant):
        result = taught.search(q)
        assert result.decision == "answer" and result.best is not None
        assert result.best.instrument == "jobcarving"


def test_same_question_same_answer_after_a_restart(faq_index) -> None:
    # The classifier is retrained at every start; a restart must not change any answer.
    rebuilt = FaqIndex(load_faq(CONTENT))
    for q in ("hoeveel krijg ik", "ziek na 3 weken", "stagiair", "kan ik iemand proberen"):
        a, b = faq_index.search(q), rebuilt.search(q)
        assert (a.decision, a.best and a.best.id, a.score) == (
            b.decision,
            b.best and b.best.id,
            b.score,
        )


def test_a_knowledge_base_with_one_instrument_still_answers(faq_index) -> None:
    only = tuple(e for e in faq_index.base.entries if e.instrument == "sroi")
    small = FaqIndex(replace(faq_index.base, entries=only, topics=()))
    result = small.search("wat is social return")
    assert result.decision == "answer" and result.best is not None
    assert result.best.instrument == "sroi"
    assert small.search("???").decision == "unknown"


def test_a_stem_shared_with_an_ordinary_word_does_not_name_an_instrument(faq_index) -> None:
    # The English stemmer cuts "secondment" and "seconded" to "second".
    def tokens(question: str) -> list[str]:
        return [token for token, _ in faq_index.query_tokens(question)]

    assert "detachering" not in tokens("Can I get a second opinion on this contract?")
    assert "detachering" in tokens("Is a secondment from the sheltered workshop risky?")
    assert "detachering" in tokens("We seconded him to a client")
