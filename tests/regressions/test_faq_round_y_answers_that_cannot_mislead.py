"""Tester, as a Dutch employer (issue 15, "answers that cannot mislead"):

- "LKV" and "krijg ik LKV voor iemand uit de bijstand" got the older workers' LKV, which ends
  "Voor werknemers die in 2026 beginnen is er geen LKV oudere werknemer meer": read as "there
  is no LKV any more". An entry about one narrow case (``only_if``) answers only a question
  that names that case; these get the LKVs that exist in 2026, the older workers' one last.
- "wat als mijn nieuwe medewerker ziek wordt?" got "U hoeft niets vooraf aan te vragen; de
  no-riskpolis geldt vanzelf", never saying for whom. A sickness question naming no scheme
  and no target group gets a choice (the no-riskpolis, or "none of these" for ordinary sick
  pay), and the no-riskpolis answer opens with whom it is for and that UWV pays (Ziektewet).
- "is there a trial period where I dont pay salary?" got "I don't have a reliable answer".
- An English answer in a Dutch chat came with a Dutch button ("➕ Meer over
  loonkostensubsidie"): the buttons are in the answer's language, and open in it.
"""

from __future__ import annotations

import pytest

from powbot.knowledge.faq import FaqIndex
from tests.conftest import Harness, onboard


@pytest.mark.parametrize(
    "question",
    ["LKV", "krijg ik LKV voor iemand uit de bijstand", "lkv bijstand", "Welke LKV's zijn er?"],
)
def test_regression_lkv_question_without_an_older_worker_lists_the_lkvs_of_2026(
    faq_index: FaqIndex, question: str
) -> None:
    result = faq_index.search(question)
    assert result.best is not None and result.best.instrument == "loonkostenvoordeel"
    assert result.best.id != "lkv-older", question
    answer = result.best.answer.nl
    assert "geen LKV oudere werknemer meer" not in answer
    assert answer.index("banenafspraak") < answer.index("Oudere")


@pytest.mark.parametrize(
    "question",
    ["Bestaat het LKV oudere werknemer nog?", "LKV voor een 58-jarige uit de WW?"],
)
def test_regression_older_worker_lkv_still_answers_for_an_older_worker(
    faq_index: FaqIndex, question: str
) -> None:
    result = faq_index.search(question)
    assert result.best is not None and result.best.id == "lkv-older"


def test_regression_every_narrow_entry_answers_its_own_examples(faq_index: FaqIndex) -> None:
    for entry in faq_index.entries:
        assert all(entry.asks_its_case(q) for q in entry.questions), entry.id


@pytest.mark.parametrize(
    "question", ["wat als mijn nieuwe medewerker ziek wordt?", "my new employee gets sick"]
)
def test_regression_sickness_without_a_target_group_gets_a_choice(
    faq_index: FaqIndex, question: str
) -> None:
    result = faq_index.search(question)
    # A choice, or "not my subject" for ordinary sick pay with the no-riskpolis beside it.
    assert result.topic is not None and result.topic.id == "sick-leave", question
    if result.decision == "clarify":
        assert result.best is not None and result.best.id == "nrp-what"
    else:
        assert result.decision == "unknown" and "nrp-what" in result.topic.near


def test_regression_sickness_of_a_wajonger_is_still_the_no_riskpolis(
    faq_index: FaqIndex,
) -> None:
    result = faq_index.search("mijn werknemer met Wajong wordt ziek, wie betaalt zijn loon?")
    assert result.decision == "answer" and result.best is not None
    assert result.best.instrument == "no-riskpolis"


def test_regression_no_riskpolis_answer_opens_with_for_whom_and_uwv_pays(
    faq_index: FaqIndex,
) -> None:
    entry = next(e for e in faq_index.entries if e.id == "nrp-what")
    first_nl = entry.answer.nl.split(". ")[0]
    first_en = entry.answer.en.split(". ")[0]
    assert "Wajong" in first_nl and "betaalt UWV" in first_nl and "Ziektewet" in first_nl
    assert "Wajong" in first_en and "UWV pays" in first_en and "Ziektewet" in first_en


async def test_regression_employer_sick_question_is_offered_the_no_riskpolis_or_sick_pay(
    harness: Harness,
) -> None:
    erik = harness.user(5101)
    await onboard(erik, role="employer")
    replies = await erik.send("wat als mijn nieuwe medewerker ziek wordt?")
    last = replies[-1]
    assert "no-riskpolis geldt vanzelf" not in last.text
    labels = [b[0] for b in last.buttons]
    assert any("doelgroep ziek" in label for label in labels), labels
    assert any("iets anders" in label.lower() for label in labels), labels  # sick pay


async def test_regression_sick_pay_for_two_years_points_to_sick_pay_and_no_riskpolis(
    harness: Harness,
) -> None:
    erik = harness.user(5102)
    await onboard(erik, role="employer")
    replies = await erik.send("en als ie ziek wordt? moet ik dan 2 jaar doorbetalen")
    said = replies[-1].text
    assert "Dat begreep ik niet" not in said
    assert "no-riskpolis" in said
    assert any("doelgroep ziek" in b[0] for b in replies[-1].buttons), replies[-1].buttons


async def test_regression_english_answer_in_a_dutch_chat_has_english_buttons(
    harness: Harness,
) -> None:
    erik = harness.user(5103)
    await onboard(erik, role="employer")
    replies = await erik.send("how much wage cost subsidy do I get for someone on benefits?")
    labels = [b[0] for reply in replies for b in reply.buttons]
    assert labels and not any("Meer over" in label for label in labels), labels
    related = next(label for label in labels if label.startswith("➕"))
    opened = await erik.press(related)
    assert "Source" in opened[-1].text or "source" in opened[-1].text.lower(), opened[-1].text


def test_regression_english_trial_without_pay_is_the_trial_placement(
    faq_index: FaqIndex,
) -> None:
    # Got "I don't have a reliable answer"; the Dutch question gets the trial placement.
    result = faq_index.search("is there a trial period where I dont pay salary?")
    assert result.best is not None and result.best.instrument == "proefplaatsing"
    assert result.decision in ("answer", "clarify")
