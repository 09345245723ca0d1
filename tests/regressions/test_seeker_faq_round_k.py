"""Job seekers' FAQ, round k (half A of the blind set k): a job seeker's own words that the
shared word lists read as something else (seeker_words.py).

- "Mijn coach is ziek" / "my coach doesn't answer" got the jobcoaching scheme's answer: to a
  job seeker their own coach is the person to reach (ws-contact).
- "Een regeling treffen", paying "in kleine stukjes": a payment plan, which is the debts
  entry; "money problems" got the childcare answer on the word "free", "ik kom niet rond"
  the trial placement first, "ik loop achter met betalen" "I don't know".
- "Gastouder", "bso", "crèche", "peuteropvang": childcare, not "I don't know" (but working "bij een
  kinderdagverblijf" is a workplace).
- "Werkervaringsplek", "ervaring opdoen" with a benefit: work experience while keeping it,
  not starting work.
- "Mijn eerste werkdag", "first day at work", "contract getekend", "got hired": starting
  work, not travel costs, earning extra or "I don't know".
- "Betaalt werkgever mijn ov": the bus and train fare, not the employers' transport aid.
- A bailiff, owing money: debts ("I don't know" before); working for free for the gemeente:
  work experience on a benefit (earning extra first before); the first salary: starting work
  (the trial placement first before).
- An "achterstand", budgetbeheer or a bewindvoerder is debts; cash in hand is earning extra;
  an English "consultant" is the consulent (ws-contact): "I don't know" before. So were
  "werken met behoud van uitkering" (a trial or work-experience place; a course "met behoud"
  is not) and freelance work (earning extra).
- A question that names the trial placement as its subject ("de klantmanager heeft een
  proefplaatsing geregeld ... krijg ik er iets voor?") got earning extra first; one that names
  it only as the setting ("kinderopvang tijdens de proefplaats") got the trial placement
  first: the own entry that covers a named scheme now counts the name for or against it.
- Starting work said nothing about what the new employer asks (ID, BSN, bank account) nor
  what a payslip or the loonheffingskorting is.
- "Wanneer wordt bijstand betaald deze maand?" got starting work, "when is my benefit paid"
  the trial placement: a question only about the benefit's payment day or amount now gets
  "I don't know" (seeker_benefit.py); so does one about how long the benefit lasts.
"""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex, answer_text
from powbot.knowledge.faq.seeker_words import seeker_phrasing

PROEFPLAATS = {"ws-proefplaats", "pp-behoud-uitkering", "pp-what", "pp-gemeente"}


def _shown(faq_index: FaqIndex, question: str) -> tuple[str, str | None]:
    result = faq_index.search(question, audience="seeker")
    return result.decision, result.best.id if result.best else None


@pytest.mark.parametrize(
    "question",
    [
        "my coach never picks up the phone, what now?",
        "m'n werkcoach is weg, wie helpt me",
    ],
)
def test_the_job_seekers_own_coach_is_their_contact_not_the_scheme(
    faq_index: FaqIndex, question: str
) -> None:
    decision, best = _shown(faq_index, question)
    assert decision in ("answer", "clarify") and best == "ws-contact", question


def test_what_a_job_coach_is_still_gets_the_jobcoaching_answer(faq_index: FaqIndex) -> None:
    assert _shown(faq_index, "wat doet een jobcoach eigenlijk?") == ("answer", "jc-what")


@pytest.mark.parametrize(
    "question",
    [
        "kan ik een regeling treffen, ik kan het niet in 1 keer betalen",
        "mag ik in kleine stukjes afbetalen",
        "can I pay in instalments?",
        "where can I get help with money worries",
        "ik heb geldproblemen, waar kan ik terecht",
        "ik kom niet rond met mijn geld",
        "ik loop achter met betalen",
        "we can't make ends meet",
        "I got a letter from the bailiff",
        "I owe money to the tax office",
    ],
)
def test_payment_plans_and_money_trouble_are_the_debts_entry(
    faq_index: FaqIndex, question: str
) -> None:
    decision, best = _shown(faq_index, question)
    assert decision in ("answer", "clarify") and best == "ws-schulden", question


@pytest.mark.parametrize(
    "question",
    [
        "gastouder of bso, wat is goedkoper",
        "is een gastouder duur",
        "peuteropvang voor mijn zoontje als ik ga werken, hoe regel ik dat",
    ],
)
def test_kinds_of_childcare_are_childcare(faq_index: FaqIndex, question: str) -> None:
    assert _shown(faq_index, question) == ("answer", "ws-kinderopvang"), question


def test_working_at_a_day_nursery_is_not_a_childcare_question() -> None:
    assert "kinderopvang" not in seeker_phrasing("ik mag op proef werken bij een kinderdagverblijf")
    assert "kinderopvang" in seeker_phrasing("wie betaalt het kinderdagverblijf")


@pytest.mark.parametrize(
    "question",
    [
        "mag ik met mijn bijstand eerst werkervaring opdoen in een bakkerij",
        "werkervaringsplek bij de kringloop, hoe lang duurt dat",
    ],
)
def test_gaining_work_experience_on_a_benefit_is_not_starting_work(
    faq_index: FaqIndex, question: str
) -> None:
    decision, best = _shown(faq_index, question)
    assert decision in ("answer", "clarify") and best in PROEFPLAATS, question


@pytest.mark.parametrize(
    "question",
    [
        "wat moet ik regelen voor mijn eerste werkdag",
    ],
)
def test_the_first_work_day_is_starting_work(faq_index: FaqIndex, question: str) -> None:
    decision, best = _shown(faq_index, question)
    assert decision in ("answer", "clarify") and best == "ws-start-werk", question


def test_a_trial_placement_named_as_the_subject_is_the_trial_placement(
    faq_index: FaqIndex,
) -> None:
    question = (
        "ik heb bijstand en de klantmanager heeft een proefplaatsing geregeld in een fabriek,"
        " hoeveel dagen moet ik daar zijn en krijg ik er iets voor?"
    )
    decision, best = _shown(faq_index, question)
    assert decision in ("answer", "clarify") and best == "ws-proefplaats"


@pytest.mark.parametrize(
    "question",
    [
        "wie betaalt de kinderopvang tijdens mijn proefplaatsing?",
        "kosten kinderopvang tijdens proefplaats",
    ],
)
def test_a_trial_placement_named_as_the_setting_leaves_the_question_first(
    faq_index: FaqIndex, question: str
) -> None:
    decision, best = _shown(faq_index, question)
    assert decision in ("answer", "clarify") and best == "ws-kinderopvang", question


def test_starting_work_says_what_the_new_employer_asks_for(faq_index: FaqIndex) -> None:
    entry = faq_index.base.get("ws-start-werk")
    assert entry is not None
    nl, en = answer_text(entry, "nl", "seeker"), answer_text(entry, "en", "seeker")
    assert "BSN" in nl and "rekeningnummer" in nl and "loonstrook: een overzicht" in nl
    assert "BSN" in en and "bank account" in en and "loonheffingskorting" in en


@pytest.mark.parametrize(
    "question",
    [
        "op welke dag krijg ik mijn uitkering",
        "when is my benefit paid",
        "hoeveel bijstand krijg ik per maand",
        "tot wanneer loopt mijn uitkering",
        "how long does my benefit last",
    ],
)
def test_a_question_about_the_benefit_itself_is_not_answered_with_another_subject(
    faq_index: FaqIndex, question: str
) -> None:
    # seeker_benefit.py: no entry answers when or how much the benefit is paid.
    assert faq_index.search(question, audience="seeker").decision == "unknown", question


def test_the_benefit_when_one_starts_work_is_still_starting_work(faq_index: FaqIndex) -> None:
    decision, best = _shown(faq_index, "krijg ik deze maand nog bijstand als ik ga werken")
    assert decision in ("answer", "clarify") and best == "ws-start-werk"


def test_the_ov_is_the_job_seekers_bus_and_train_fare(faq_index: FaqIndex) -> None:
    # In the shared word lists 'ov' is an employer's transport aid (werkplekaanpassing).
    assert _shown(faq_index, "betaalt de baas mijn ov naar het werk?") == (
        "answer",
        "ws-reiskosten",
    )
    assert "chipkaart" in seeker_phrasing("mijn ov-chipkaart is leeg")


def test_having_got_the_job_is_starting_work(faq_index: FaqIndex) -> None:
    question = "I got hired at a warehouse, what happens to my WW?"
    decision, best = _shown(faq_index, question)
    assert decision in ("answer", "clarify") and best == "ws-start-werk"


def test_working_for_free_for_the_gemeente_is_work_experience(faq_index: FaqIndex) -> None:
    decision, best = _shown(faq_index, "the gemeente wants me to work for free, is that legal")
    assert decision in ("answer", "clarify") and best in PROEFPLAATS


def test_the_first_salary_is_starting_work(faq_index: FaqIndex) -> None:
    assert _shown(faq_index, "when do I get my first salary") == ("answer", "ws-start-werk")


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("ik wil een bewindvoerder", "ws-schulden"),
        ("iemand betaalt me contant voor verhuizen, mag dat met bijstand", "ws-bijverdienen"),
        ("I want another consultant", "ws-contact"),
    ],
)
def test_everyday_words_for_debts_cash_work_and_the_consulent(
    faq_index: FaqIndex, question: str, entry: str
) -> None:
    # Each got "I don't know" before.
    decision, best = _shown(faq_index, question)
    assert decision in ("answer", "clarify") and best == entry, question


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        (
            "moet ik werken met behoud van mijn uitkering bij een supermarkt, is dat verplicht?",
            "ws-proefplaats",
        ),
        ("mag ik freelance opdrachten doen naast de bijstand", "ws-bijverdienen"),
    ],
)
def test_working_on_a_benefit_and_freelance_work_are_answered(
    faq_index: FaqIndex, question: str, entry: str
) -> None:
    # Each got "I don't know" before.
    decision, best = _shown(faq_index, question)
    assert decision in ("answer", "clarify") and best == entry, question


def test_a_course_on_a_benefit_is_not_a_trial_placement(faq_index: FaqIndex) -> None:
    question = "mag ik een taalcursus volgen met behoud van uitkering"
    assert _shown(faq_index, question) == ("answer", "ws-taal")
