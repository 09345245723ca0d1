"""How the crisis detector's signals add up to a full alarm or a 'possible crisis' line.

Signals: phrase and pattern hits (safety/<lang>.yaml), meaning-component combinations
(safety/concepts.yaml, tier `alarm` or `possible`) and the model's margins per kind
(safety_model.py). Round 2 (2026-12-07) found that most full false alarms on fresh hard
negatives were a lone keyword in ordinary wording ("moe van het leven in de stad", "no food
safety certificate", "nie jadlem sniadania"), so a lone rule hit now needs the model's backing
for the full reply, and a calm context softens everything but a firm combination.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from powbot.knowledge.safety_concepts import Concepts
from powbot.knowledge.safety_model import NONE, POSSIBLE_THRESHOLD, THRESHOLD
from powbot.knowledge.safety_opinion import second_opinion

# Kinds where life can be in danger right now: the reply starts with 112.
DANGER_KINDS = frozenset({"suicide", "unsafe_home", "medical"})
# A phrase or pattern hit gives the full reply only when the model's margin for that kind is
# above this or an `alarm` combination holds. `python bench/safety_cv.py --support S` (5 folds,
# 2026-12-07): S -0.5: full false alarms 1.2 %, full recall 93.5 %; S 0.0: 0.7 % and 90.6 %;
# S 0.3: 0.7 % and 86.9 %; recall with the possible line 98.0-98.4 % throughout. At 0.0 a probe
# of 13 ordinary sentences with a lone crisis word ('voedselbank', 'ambulance', 'aanmaningen')
# fell from 13 full alarms to 6; the dev batches kept their recall.
# Round 5 (2026-12-07): most full false alarms on fresh wording that a lone rule gave had a
# margin of 0.01-0.19 (dev9 first pass: 'cut myself chopping onions' +0.01, 'ingeschreven bij
# de voedselbank' +0.03; dev10: 'het dreigement van de deurwaarder is van tafel' +0.19); at 0.2
# the tuned sets keep their full recall (99.0 %) and dev10 half A loses 1.6 points of full
# alarm to the possible line (recall with the line unchanged).
SUPPORT = 0.2
# In a calm context a possible shelter, food or money hit with no meaning combination behind
# it needs the model's margin above this, or it is dropped (danger kinds are never dropped).
CALM_DROP = 0.0
# The model alone (no phrase, pattern or component combination behind it) gives the full reply
# only above this margin; between POSSIBLE_THRESHOLD and here it gives the possible line. Round 4
# (2026-12-07, `python bench/safety_cv.py --explain`): 14 of the 25 held-out ordinary examples
# with a full reply were the model alone at 0.3-0.7 ('ik wil verder', 'i love my life', 'de huur
# is 650 euro'). `--model-alone M`: 0.3: full false alarms 0.8 %, full recall 91.1 %; 0.45:
# 0.5 % and 89.7 %; 0.6: 0.5 % and 88.6 %; 1.0: 0.4 % and 85.1 %; recall with the possible line
# 98.8 % throughout.
MODEL_ALONE = 0.45
# In a calm context an `alarm` combination the model backs above this margin stays a full alarm.
# Round 7 (dev12): crisis messages that open with an ordinary preamble ('ik heb het formulier
# ingevuld. kunnen jullie helpen met eten? we hebben al dagen niks', model +0.9; 'sorry voor de
# late reactie over de cursus. mijn ex staat weer voor de deur', +0.5) got only the line. Half B
# ('water afgesloten sinds gisteren, kan niet koken', +0.34) set it at 0.3; the default sets keep
# 0.02 % full false alarms.
CALM_KEEP = 0.3
# Round 10 (2026-12-07): a 'possible crisis' line in a calm, joking or past context is dropped
# for a kind whose model margin is below these (the model firmly says 'ordinary'). Most lines on
# the tuned ordinary sets were such a lone hit at -0.6 to -1.6 ('the bailiff job vacancy, do I
# need a diploma', 'bro I'll kill you if you're late again lol', 'watched a documentary about
# homeless people'), the tuned crisis messages with only the line +0.7 or more. `safety_cv`
# folds (whole detector, 10,117 held-out crisis examples): possible lines on held-out ordinary
# examples 11.5 -> 9.4 %, no crisis example loses its line. Danger kinds in a merely calm context
# need -1.0: at -0.6 long mixed messages lost it ('... ik sta nu bij het spoor ...', a daughter
# who ate a strip of pills), whose margin the ordinary sentences around them pull down.
VETO = -0.6
DANGER_CALM_VETO = -1.0
# Food help keeps its line: "ik heb honger, hoe laat is de pauze" gets the food bank by design
# (tests/features/understanding/test_possible_crisis_line.py).
VETO_KEEPS = frozenset({"no_food"})
# Round 12 (2026-12-07): an `alarm` combination without a firm component that the model firmly
# rejects gives the possible line, not the full reply. Most full false alarms of the fourteen
# sealed batches were such a combination at -0.5 to -1.2 ('we gaan kamperen, slapen in een
# tent' no_shelter -0.9, 'in het toneelstuk speel ik een man die uit huis gezet wordt' money
# -0.9, 'mijn auto is kapot, ik slaap bij mijn zus' -0.5 ...). Pooled over the fourteen: full
# false alarms 54 -> 47 of 4,427 at -0.5 (44 at -0.3), 1 of 3,383 crisis messages
# from the full reply to the line (2 at -0.3); recall with the line and the default sets
# unchanged. -0.5, the side of the full reply: a line for a crisis is the costlier error.
COMBO_DOUBT = -0.5
# ... except a combination naming a vulnerable person: 'ik ben 8 maanden zwanger en de
# verwarming is al een week kapot, het vriest' keeps the full reply whatever the model says.
VULNERABLE = frozenset({"kids", "frail", "ill"})
# Round 15: a planned cut-off ('het water wordt morgen afgesloten vanwege werk aan de leiding')
# got the full money reply: cut-off + water + a date is the arrears combination. With a
# `planned` component and no `arrears` one the money kind goes, unless a vulnerable person or a
# hazard (the cold, a medical device) is named: a planned power cut for an oxygen machine
# keeps its help.
PLANNED_DROPS = frozenset({"money"})
PLANNED_KEEPS = VULNERABLE | {"cold", "hotcold", "device"}
# Round 16: garnishment questions of the FAQ ('Er ligt beslag op mijn uitkering. Blijft dat
# beslag als ik ga werken?', 'twee deurwaarders willen beslag leggen op mijn loon, kan dat')
# got the full money reply (a phrase the model backed at +0.4, taught by 'er ligt beslag op
# mijn loon' labelled a crisis). A garnishment of the wage or benefit without a sign that
# nothing is left (`acute`: 'niks over', no food, the rent unpaid, the bailiff at the door)
# drops the money kind; 'ze hebben beslag gelegd op mijn hele loon, geen huur geen eten' keeps it.
GARNISH_DROPS = frozenset({"money"})
# Round 16: laughter alone ('lol', 'haha', not 'jk' or a task called killing) after going
# without food or a bed for days is nervous, not a joke: 'havent eaten since tuesday lol' got
# only the line. Those kinds keep the full reply when the message says how long (LASTING)
# and the model backs the kind above CALM_KEEP.
LAUGHED_OFF = frozenset({"no_food", "no_shelter"})
LASTING = frozenset({"duration", "days", "yesterday", "since_long"})
NERVOUS = frozenset({"laugh"})

# The model's scores: each kind's margin and the `none` class's (NONE), or None (too short).
Margins = Callable[[], dict[str, float] | None]


@dataclass
class Tiers:
    alarm: set[str]
    possible: set[str]
    by_model: bool


def decide(rules: set[str], tags: frozenset[str], concepts: Concepts, scores_of: Margins) -> Tiers:
    """Full-alarm and possible kinds. `scores_of` scores the model (None: too short to judge):
    the kinds' margins and, under NONE, the margin of the 'ordinary message' class, which
    gives the model's second opinion on the whole message (safety_opinion.py)."""

    def margins_of() -> dict[str, float] | None:
        scores = scores_of()
        return None if scores is None else {k: v for k, v in scores.items() if k != NONE}

    alarm, possible, by_model = _tiers(rules, tags, concepts, margins_of)
    alone = not (alarm or possible)
    alarm, possible = second_opinion(alarm, possible, tags, concepts, scores_of, _veto)
    if concepts.is_planned(tags) and not tags & PLANNED_KEEPS:
        alarm, possible = alarm - PLANNED_DROPS, possible - PLANNED_DROPS
    if concepts.is_garnishment(tags):
        alarm, possible = alarm - GARNISH_DROPS, possible - GARNISH_DROPS
    return Tiers(alarm, possible, by_model or (alone and bool(possible)))


def _tiers(
    rules: set[str], tags: frozenset[str], concepts: Concepts, margins_of: Margins
) -> tuple[set[str], set[str], bool]:
    """The tiers from the rules, the combinations and the kinds' margins (rounds 2-12)."""
    combos = concepts.kinds(tags)
    strong, margins = _strong(rules, tags, concepts, combos, margins_of)
    # Once the full reply comes, every kind a rule found gets its line in it.
    alarm = strong | {k for k in rules if margins is None or margins[k] > SUPPORT}
    if alarm:
        alarm |= rules
    possible = (set(combos) | rules) - alarm
    by_model = False
    if not alarm and margins:
        kind = max(margins, key=lambda k: margins[k])
        if margins[kind] > POSSIBLE_THRESHOLD:
            by_model = not possible
            bar = MODEL_ALONE if by_model else THRESHOLD
            (alarm if margins[kind] > max(bar, THRESHOLD) else possible).add(kind)
    if concepts.is_calm(tags):
        alarm, possible = _calm(
            alarm, possible, strong, tags, concepts, combos, margins, margins_of
        )
    if concepts.is_joke(tags):
        # Round 5 (dev10): 'ajax heeft weer verloren, ik wil dood 😂' got the full reply; a joke
        # gets the line naming the help, firm words included.
        kept = _laughed_off(alarm, tags, concepts, margins, margins_of)
        possible |= alarm - kept
        alarm = kept
    if concepts.is_over(tags):
        # "My ex used to hit me, years ago; I'm safe now": the line, not the crisis reply.
        possible |= alarm
        alarm = set()
        if concepts.is_resolved(tags):  # "now I have my own flat": no shelter line either
            possible &= DANGER_KINDS
    if possible and not alarm:
        possible = _veto(possible, tags, concepts, margins, margins_of)
    if not (alarm or possible) and (rules or combos):
        possible = _model_line(margins if margins is not None else margins_of())
    return alarm, possible, by_model


def _strong(
    rules: set[str],
    tags: frozenset[str],
    concepts: Concepts,
    combos: dict[str, str],
    margins_of: Margins,
) -> tuple[set[str], dict[str, float] | None]:
    """The kinds of the `alarm` combinations that hold, less those the model doubts
    (COMBO_DOUBT), and the model's margins when they were needed."""
    strong = {kind for kind, tier in combos.items() if tier == "alarm"}
    doubted = strong - concepts.firm_kinds(tags) - _vulnerable_kinds(tags, concepts)
    margins = margins_of() if (rules - strong or not strong or doubted) else None
    if margins is not None:
        strong -= {k for k in doubted if margins[k] < COMBO_DOUBT}
    return strong, margins


def _vulnerable_kinds(tags: frozenset[str], concepts: Concepts) -> set[str]:
    return {
        rule.kind
        for rule in concepts.holding(tags)
        if rule.tier == "alarm" and rule.needs & VULNERABLE
    }


def _laughed_off(
    alarm: set[str],
    tags: frozenset[str],
    concepts: Concepts,
    margins: dict[str, float] | None,
    margins_of: Margins,
) -> set[str]:
    """Round 16: days without food or a bed told with a nervous laugh keep the full reply."""
    lasting = alarm & LAUGHED_OFF
    if not lasting or not tags & LASTING or tags & concepts.joke - NERVOUS:
        return set()
    margins = margins if margins is not None else margins_of()
    if margins is None:
        return set()
    return {k for k in lasting if margins[k] > CALM_KEEP}


def _model_line(margins: dict[str, float] | None) -> set[str]:
    """Round 12: the rules named one kind and the context dropped it, while the model backs
    another above THRESHOLD ('cliënt is vanochtend ontruimd ... waar kan hij vannacht heen?':
    an eviction rule for money, dropped on the model's -1.3, and no_shelter at +0.7 never
    asked): that kind gets its line."""
    if not margins:
        return set()
    return {k for k, margin in margins.items() if margin > THRESHOLD}


def _calm(
    alarm: set[str],
    possible: set[str],
    strong: set[str],
    tags: frozenset[str],
    concepts: Concepts,
    combos: dict[str, str],
    margins: dict[str, float] | None,
    margins_of: Margins,
) -> tuple[set[str], set[str]]:
    """A calm context (a course, lunch, the past, a joke) turns everything but a firm
    combination ('zelfmoord', a partner hitting, 'unconscious') or one the model backs above
    CALM_KEEP into a possible crisis, and drops a lone shelter, food or money phrase the model
    does not back ("i slept in the car on the way to ...")."""
    firm = concepts.firm_kinds(tags)
    if strong - firm:
        margins = margins if margins is not None else margins_of()
        if margins is not None:
            firm |= {k for k in strong if margins[k] > CALM_KEEP}
    possible = possible | (alarm - firm)
    alarm = alarm & firm
    if margins is not None:
        possible = {
            k for k in possible if k in DANGER_KINDS or k in combos or margins[k] > CALM_DROP
        }
    return alarm, possible


def _veto(
    possible: set[str],
    tags: frozenset[str],
    concepts: Concepts,
    margins: dict[str, float] | None,
    margins_of: Margins,
) -> set[str]:
    """Drops a possible line the model firmly rejects in a calm, joking or past context."""
    told = concepts.is_joke(tags) or concepts.is_over(tags)
    if not (told or concepts.is_calm(tags)):
        return possible
    margins = margins if margins is not None else margins_of()
    if margins is None:
        return possible
    danger = VETO if told else DANGER_CALM_VETO
    return {
        k
        for k in possible
        if k in VETO_KEEPS or margins[k] >= (danger if k in DANGER_KINDS else VETO)
    }
