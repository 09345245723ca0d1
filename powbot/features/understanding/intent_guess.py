"""The trained intent model's say, for a message the exact rules (intents.py) found no intent
in: its strongest intent for this role, when the margin is high enough.

The threshold is tuned for precision: an ordinary message or a real question taken by an
intent ('hoe werkt een proefplaatsing' shown the help) costs the person their answer, a
missed intent only the FAQ's "I don't know" and the way on. Long messages are left to the
FAQ and the step: an intent is asked for in a few words.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from powbot.knowledge.intent_model import NONE, IntentModel

# An intent's margin above this takes the message (the SVM's own boundary is 0). Chosen
# 2026-12-08 on half A of the blind set intents_x, the own set (bench/data/understanding/
# intents.tsv) and the ordinary sets of bench/understanding_eval.py (2,231 answers and
# check-in replies as a job seeker, 5,728 FAQ bench questions as an employer): at 0.3 half A
# 140/150, 18 answers and 89 FAQ questions taken; at 0.2 147/150, 21 and 92, the extra ones
# job requests ('я шукаю роботу') and people asking for a person ('What is the phone number
# of UWV?'), which the intent answers too; at 0.0 'ik werk in de keuken' became a job request.
THRESHOLD = 0.2
# Intents a role can have (the others are mapped or dropped: a job seeker's 'vacatures' is
# finding one, an employer's is posting one).
ROLE_INTENTS = {
    "employer": frozenset({"greeting", "human", "help", "language", "stop", "menu", "vacancy"}),
    "seeker": frozenset({"greeting", "human", "help", "language", "stop", "menu", "jobs"}),
}
OTHER_ROLES = frozenset({"greeting", "human", "help", "language", "stop", "menu"})
MAX_WORDS = 14
# A word-list rule's intent (not a listed phrase typed whole) is overruled when the message
# has this many words, the ordinary class's margin is above VETO_NONE and the intent's own
# below VETO_INTENT: the staff rule took ~80 employers' FAQ questions that name staff
# 'kan ik een medewerker ontslaan die ...') for 'post a vacancy'. With the veto 88 FAQ questions
# are taken instead of 161, and half A and the own set lose none.
VETO_MIN_WORDS = 4
VETO_NONE = 0.0
VETO_INTENT = -0.3

_models: dict[tuple[str, str], IntentModel] = {}
_lock = threading.Lock()


def model_for(directory: Path, rules: Callable[[str], bool], rules_key: str) -> IntentModel:
    """One model per content folder and rules (built on first use, then kept)."""
    key = (str(directory.resolve()), rules_key)
    with _lock:
        model = _models.get(key)
        if model is None:
            model = _models[key] = IntentModel(directory, rules, rules_key)
    return model


def decide(model: IntentModel, plain: str, role: str | None, by_rules: str | None) -> str | None:
    """The rules' intent unless the model firmly calls the message ordinary (a question about
    a scheme that names staff: 'kan ik een medewerker ontslaan die ...'); else the model's."""
    if by_rules is None:
        return guess(model, plain, role)
    if len(plain.split()) < VETO_MIN_WORDS:
        return by_rules
    margins = model.margins(plain)
    vetoed = margins.get(NONE, 0.0) > VETO_NONE and margins.get(by_rules, 0.0) < VETO_INTENT
    return None if vetoed else by_rules


def guess(model: IntentModel, plain: str, role: str | None) -> str | None:
    """The model's intent for this normalised message and role, or None."""
    if not plain or len(plain.split()) > MAX_WORDS:
        return None
    margins = model.margins(plain)
    allowed = ROLE_INTENTS.get(role or "", OTHER_ROLES)
    best, margin = max(
        ((intent, value) for intent, value in margins.items() if intent in allowed),
        key=lambda pair: pair[1],
        default=(NONE, 0.0),
    )
    if margin <= THRESHOLD or margin <= margins.get(NONE, float("-inf")):
        return None
    return best
