"""Answers about another instrument than the one asked (bench/faq_eval.py counts them,
aim 0), the classes fixed in the employer_x round:

- a Dutch separable verb ("ze valt regelmatig uit" is uitvallen, off sick) lost its meaning,
  and a sentence that asks about "the costs of that" did not see the sickness before it;
- a job seeker asking how to apply for bijstand got how to apply for a trial placement;
- "krijgen we voor die ene dan nog wat?" got the bbl's contract rules, not its subsidy;
- someone who comes by to see how it goes (a job coach, said without the word), and having no
  suitable vacancy (job carving), were read as other subjects;
- a Wajonger's question whose words fit the wage cost subsidy got that subsidy's rule;
- an ordinary employee (no disability, no benefit) off sick got the no-riskpolis, a student's
  summer job the older workers' LKV;
- the praktijkopleider and the premiums under loondispensatie had no answer of their own;
- "a reduction on our payroll taxes" (the LKV) was read as payrolling."""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex, answer_text


def _offered(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.instrument for e in (result.best, *(e for e, _ in result.alternatives)) if e]


def test_a_split_verb_of_falling_ill_offers_the_no_riskpolis(faq_index: FaqIndex) -> None:
    result = faq_index.search(
        "Onze nieuwe collega in de kinderopvang staat in het register. Ze valt regelmatig"
        " een paar dagen uit. Hoe kunnen we de kosten daarvan beperken?"
    )
    assert result.decision in ("answer", "clarify")
    assert "no-riskpolis" in _offered(result)


def test_falling_ill_said_with_a_split_verb_is_the_no_riskpolis(faq_index: FaqIndex) -> None:
    result = faq_index.search(
        "Onze schoonmaker staat in het doelgroepregister. Hij valt vaak een paar dagen uit."
        " Hoe beperken we die kosten?"
    )
    assert result.decision == "answer" and result.best is not None
    assert result.best.instrument == "no-riskpolis"


@pytest.mark.parametrize(
    "question",
    [
        "Mijn WW-uitkering loopt af en ik zoek zelf werk, hoe vraag ik bijstand aan?",
        "Mijn WW loopt bijna af, hoe vraag ik bijstand aan?",
        "How do I apply for welfare?",
    ],
)
def test_applying_for_a_benefit_itself_is_not_a_scheme(faq_index: FaqIndex, question: str) -> None:
    result = faq_index.search(question)
    assert result.decision == "unknown", question
    assert result.topic is not None and result.topic.id == "employee-benefits", question


def test_applying_for_a_scheme_for_someone_on_a_benefit_is_answered(faq_index: FaqIndex) -> None:
    result = faq_index.search("hoe vraag ik loonkostensubsidie aan voor iemand uit de bijstand?")
    assert result.decision == "answer" and result.best is not None
    assert result.best.id == "lks-apply"


@pytest.mark.parametrize(
    "question",
    [
        "we hebben 3 leerlingen gehad, eentje stopte na 2 maanden. krijgen we voor die ene"
        " dan nog wat?",
        "We hadden twee bbl-leerlingen, een is na een maand gestopt. Krijgen we voor hem nog iets?",
    ],
)
def test_asking_what_one_still_gets_is_answered_with_the_money(
    faq_index: FaqIndex, question: str
) -> None:
    result = faq_index.search(question)
    assert result.best is not None and result.best.id == "bbl-subsidy", question
    assert "€ 2.700" in answer_text(result.best, "nl")


def test_someone_who_comes_by_to_see_how_it_goes_is_a_job_coach(faq_index: FaqIndex) -> None:
    result = faq_index.search(
        "Onze nieuwe medewerker uit het doelgroepregister heeft iemand nodig die af en toe"
        " langskomt om te kijken hoe het gaat. Wie regelt dat?"
    )
    assert result.decision == "answer" and result.best is not None
    assert result.best.instrument == "jobcoaching"


@pytest.mark.parametrize(
    "question",
    [
        "Ik heb geen geschikte vacature voor iemand met een verstandelijke beperking."
        " Hoe kan ik er eentje maken?",
        "We hebben geen passende vacature voor iemand met autisme, hoe maken we er een?",
    ],
)
def test_no_suitable_vacancy_is_job_carving(faq_index: FaqIndex, question: str) -> None:
    result = faq_index.search(question)
    assert result.decision == "answer" and result.best is not None, question
    assert result.best.instrument == "jobcarving", question


def test_a_sick_employee_without_a_suitable_job_is_not_job_carving(faq_index: FaqIndex) -> None:
    result = faq_index.search(
        "Mijn werknemer kan na zijn ziekte zijn eigen functie niet meer doen en we hebben geen"
        " passende functie, moet ik hem ontslaan?"
    )
    assert result.decision == "unknown"


def test_a_wajonger_asked_about_the_wage_cost_subsidy_gets_loondispensatie_first(
    faq_index: FaqIndex,
) -> None:
    result = faq_index.search(
        "mijn nieuwe medewerker heeft wajong, krijg ik voor hem loonkostensubsidie van de"
        " gemeente of loopt dat anders"
    )
    assert result.decision == "clarify"
    assert _offered(result)[:2] == ["loondispensatie", "loonkostensubsidie"]


def test_premiums_under_loondispensatie_are_answered(faq_index: FaqIndex) -> None:
    result = faq_index.search(
        "Onze medewerker met Wajong heeft een loonwaarde van 50%. Betalen we premies over het"
        " hele loon?"
    )
    assert result.best is not None and result.best.instrument == "loondispensatie"
    nl = answer_text(result.best, "nl")
    assert "premies" in nl and "loonaangifte" in nl


def test_no_wajong_keeps_the_wage_cost_subsidy(faq_index: FaqIndex) -> None:
    result = faq_index.search(
        "Wij hebben via de gemeente een statushouder in dienst genomen. Hij heeft ook een"
        " lichamelijke beperking en doet ongeveer 60% van wat een collega doet. Kunnen we daar"
        " iets voor terugkrijgen? Hij heeft geen Wajong."
    )
    assert result.best is not None and result.best.instrument == "loonkostensubsidie"


def test_the_praktijkopleider_is_answered_for_a_bbl_student(faq_index: FaqIndex) -> None:
    result = faq_index.search("what is a praktijkopleider and does he need a diploma")
    assert result.decision == "answer" and result.best is not None
    assert result.best.answers_for("bbl")
    en = answer_text(result.best, "en")
    assert "workplace trainer" in en and "diploma" in en


def test_a_social_enterprise_that_stays_the_employer_is_secondment(faq_index: FaqIndex) -> None:
    result = faq_index.search(
        "We have many seasonal jobs in our greenhouse. Can a social enterprise send workers"
        " and stay their employer?"
    )
    assert result.decision == "answer" and result.best is not None
    assert result.best.instrument == "detachering"


@pytest.mark.parametrize(
    "question",
    [
        "We hired someone from the banenafspraak. Can we also get a reduction on our payroll taxes?",
        "Do we get a reduction on payroll taxes for hiring someone with a disability?",
    ],
)
def test_less_payroll_tax_for_hiring_is_the_lkv_not_payrolling(
    faq_index: FaqIndex, question: str
) -> None:
    result = faq_index.search(question)
    assert result.decision == "answer" and result.best is not None, question
    assert result.best.instrument == "loonkostenvoordeel", question
    assert faq_index.search("How do I file the payroll tax return?").decision == "unknown"


@pytest.mark.parametrize(
    "question",
    [
        "mijn gewone medewerker is ziek, kan ik ziekengeld van uwv krijgen? hij heeft geen"
        " beperking en kwam niet uit een uitkering",
        "Is there a tax break for hiring students for the summer?",
        "Krijg ik belastingvoordeel als ik scholieren een vakantiebaan geef?",
    ],
)
def test_someone_outside_every_group_gets_no_schemes_rule(
    faq_index: FaqIndex, question: str
) -> None:
    assert faq_index.search(question).decision == "unknown", question


def test_no_disability_and_no_benefit_asked_about_a_scheme_is_answered(
    faq_index: FaqIndex,
) -> None:
    result = faq_index.search(
        "Hij heeft geen beperking en geen uitkering, kan hij toch via de banenafspraak werken?"
    )
    assert result.decision == "answer" and result.best is not None
    assert result.best.instrument == "banenafspraak"


def test_a_summer_bbl_student_still_gets_the_subsidy(faq_index: FaqIndex) -> None:
    result = faq_index.search("Is there a subsidy for our summer bbl students?")
    assert result.decision == "answer" and result.best is not None
    assert result.best.id == "bbl-subsidy"
