"""The crisis model's second opinion on the whole message: its `none` class.

The model (safety_model.py) is one-vs-rest: next to one margin per crisis kind it has a
margin for 'an ordinary message', trained on every crisis example of all six kinds against
every ordinary one. The kinds split the crisis examples six ways, the `none` class sees them
all together, so it often knows a message is a crisis while no single kind is sure which one.
Round 13 (2026-12-07) found that 33 of the 49 crisis messages of the fifteen sealed batches
that got no help had the `none` margin below 0 (the model: "not ordinary"), their own kind at
-0.2 to -1.0, often second after a neighbouring kind (a mortgage unpaid for 6 months: money
-0.58 behind no_shelter; insulin run out 3 days ago: medical -0.51 behind money), while only 33
of the 4,461 sealed ordinary messages without any help had it below 0. And 22 of the 50 full
false alarms there had it above 0.2 ('I work as a nurse in A&E, overdoses are part of the
job' +2.15, 'mijn moeder heeft vorige week een beroerte gehad maar ... revalideert goed'
+0.87), against 4 of the 3,316 crisis messages with the full reply.

So, after the rules, the combinations and the kinds' margins have spoken (safety_tiers.py):
- nothing fired, or only a possible line, and the `none` margin is below NONE_CRISIS: the
  possible line names the (at most KIND_CAP) kinds within KIND_GAP of the strongest one (the
  normal reply goes on; the calm, joking and past contexts veto it as any possible line);
- a full alarm whose `none` margin is above NONE_ORDINARY gives the possible line instead,
  unless a firm combination ('zelfmoord', a partner hitting, not breathing) or a vulnerable
  person holds it: then the model is not even asked (a clear rule needs no model at all).
  Demoting those too when the model is very sure (above 1.0) took 2 more of the 50 full false
  alarms and no crisis message's full reply on the sealed batches, at 0.4 also 'partner ...
  dusił mnie' and 'i don't want to be alive anymore': not worth it.
Chosen with `python bench/safety_cv.py --grid none-crisis` and `--grid none-ordinary` (5 folds
of held-out examples) and on the fifteen earlier sealed batches (dev material since round 12);
the figures are in bench/data/understanding/heldout/README.md, round 13.
"""

from __future__ import annotations

from collections.abc import Callable

from powbot.knowledge.safety_concepts import Concepts
from powbot.knowledge.safety_model import NONE

# The `none` margin below which the model says "not an ordinary message".
NONE_CRISIS = 0.0
# ... and the kinds it then names: the strongest KIND_CAP within KIND_GAP of the strongest,
# none below KIND_FLOOR (a message the model finds unlike every kind gets no line).
KIND_GAP = 0.5
KIND_CAP = 3
KIND_FLOOR = -1.2
# The `none` margin above which a full alarm without a firm combination gives the line.
NONE_ORDINARY = 0.2
# Kinds it does not name in a calm, joking or past context: a meal skipped for a meeting or at
# lunch is the commonest ordinary message with food words ('ik heb niet geluncht, ik had een
# vergadering'). Danger kinds stay: crises told after an ordinary preamble ('ik kom niet naar
# de training vandaag. mijn man heeft ...') are calm by their first words.
CALM_DROPS = frozenset({"no_food"})
VULNERABLE = frozenset({"kids", "frail", "ill"})  # as in safety_tiers.py

Scores = Callable[[], dict[str, float] | None]
Veto = Callable[
    [
        set[str],
        frozenset[str],
        Concepts,
        dict[str, float] | None,
        Callable[[], dict[str, float] | None],
    ],
    set[str],
]


def second_opinion(
    alarm: set[str],
    possible: set[str],
    tags: frozenset[str],
    concepts: Concepts,
    scores_of: Scores,
    veto: Veto,
) -> tuple[set[str], set[str]]:
    """The tiers after the `none` class has had its say (see the module's docstring)."""
    if alarm and alarm <= _held(tags, concepts):
        return alarm, possible  # a firm combination: no second opinion (and no model needed)
    scores = scores_of()
    if scores is None or NONE not in scores:
        return alarm, possible
    none = scores[NONE]
    margins = {k: v for k, v in scores.items() if k != NONE}
    if alarm:
        if none > NONE_ORDINARY:
            return set(), possible | alarm
        return alarm, possible
    if none >= NONE_CRISIS or not margins:
        return alarm, possible
    top = max(margins.values())
    ranked = sorted(margins, key=lambda k: -margins[k])
    near = {
        k for k in ranked[:KIND_CAP] if margins[k] >= max(top - KIND_GAP, KIND_FLOOR)
    } - possible
    near = veto(near, tags, concepts, margins, lambda: margins)
    if _told_calmly(tags, concepts):
        near -= CALM_DROPS
    if concepts.is_resolved(tags):  # "now I have my own flat": no shelter line either
        near = {k for k in near if k in _DANGER}
    return alarm, possible | near


def _told_calmly(tags: frozenset[str], concepts: Concepts) -> bool:
    """A calm, joking or past context ('ik heb niet geluncht want ik had een vergadering')."""
    return concepts.is_calm(tags) or concepts.is_joke(tags) or concepts.is_over(tags)


_DANGER = frozenset({"suicide", "unsafe_home", "medical"})


def _held(tags: frozenset[str], concepts: Concepts) -> set[str]:
    """Kinds an `alarm` combination holds with a firm component or a vulnerable person."""
    return {
        rule.kind
        for rule in concepts.holding(tags)
        if rule.tier == "alarm" and rule.needs & (concepts.firm | VULNERABLE)
    }
