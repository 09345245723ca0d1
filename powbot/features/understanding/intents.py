"""Intents that hold in every state: what a short free-text message asks for, whatever the
step. Words are content (i18n understanding.words_*); both languages' lists are searched.
Rules first, where they are exact (an invite code, the listed words); for the rest a model
trained on example messages (content/intents/, intent_guess.py) has its say."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from rapidfuzz import fuzz, process

from powbot.config import PACKAGE_KNOWLEDGE_DIR
from powbot.conversation.context import Ctx
from powbot.features.understanding import intent_guess
from powbot.features.understanding.invite_codes import code_in
from powbot.features.understanding.invite_codes import looks_like_code as looks_like_code
from powbot.knowledge.catalog import Catalog
from powbot.knowledge.text import normalise

GREETING, HELP, HUMAN, LANGUAGE, STOP, MENU, VACANCY, JOBS, CODE = (
    "greeting",
    "help",
    "human",
    "language",
    "stop",
    "menu",
    "vacancy",
    "jobs",
    "code",
)
# Whole-message lists, in the order they win a tie.
WHOLE = (STOP, MENU, LANGUAGE, HELP, HUMAN, VACANCY, JOBS, GREETING)
# An employer's vacancy is posting one; a job seeker's is finding one.
ROLE_ONLY = {VACANCY: frozenset({"employer"}), JOBS: frozenset({"seeker"})}
# Phrases that count anywhere in a short message (not only as the whole message).
CONTAINED = {
    HUMAN: ("words_human_strong", 14),
    VACANCY: ("words_vacancy", 7),
    JOBS: ("words_jobs", 20),  # 'ik zoek werk voor 20 uur ... welke vacatures heeft u?'
}
# Words that make a message with a CONTAINED phrase a question for the FAQ instead
# ('mag ik werk zoeken in de ww?' is about the rules, not a request for vacancies).
CONTAINED_NOT = {JOBS: "jobs_not"}
_LONG_LETTERS = re.compile(r"([a-z])\1{2,}")
FUZZY_CUTOFF = 88
QUESTION_WORDS = frozenset(
    "wat hoe hoeveel hoelang waarom wanneer welke welk wie wiens waar waarheen kan kun kunt "
    "mag moet is zijn heb hebt heeft krijg krijgt ben word wordt zal zou "
    "what how why when which who whose where can could may must is are does do did will "
    "would should am have has".split()
)

_cache: dict[int, dict[str, tuple[str, ...]]] = {}
_keys: dict[int, str] = {}


def looks_like_question(text: str) -> bool:
    """A question mark (also mid-message: 'en als ie ziek wordt? moet ik dan 2 jaar
    doorbetalen', tester), or a question word first ('hoe werkt een proefplaatsing')."""
    words = normalise(text).split()
    return "?" in text or (len(words) >= 3 and words[0] in QUESTION_WORDS)


# Word lists for the concept rules (beyond whole-message phrases).
CONCEPT_KEYS = (
    "fillers",
    "human_nouns",
    "human_places",
    "human_verbs",
    "vacancy_nouns",
    "vacancy_people",
    "vacancy_verbs",
    "vacancy_asks",
    "not_intent",
    "greeting_rest",
    "language_switch",
    "jobs_nouns",
    "jobs_wants",
)
# A short message made only of an intent's words: at least one anchor ('snap', 'menu',
# 'engels'), the rest its own words or fillers ('ik weet niet hoe dit werkt', 'mag ik het
# menu zien'). One word outside them ('hoe werkt een proefplaatsing') and it is no intent.
BAGS = (STOP, MENU, LANGUAGE, HELP)
BAG_MAX_WORDS = 14
WANTING = frozenset({"wil", "wilt", "want", "wanna"})
UNSURE = frozenset({"weet", "know"})
HOW_WHAT = frozenset({"hoe", "wat", "how", "what"})
WHO_WHERE = frozenset({"wie", "who", "waar", "where"})
NOT_ASKING = frozenset({"wanneer", "waarom", "wie", "hoeveel", "when", "why", "who"})
CONCEPT_MAX_WORDS = 10
# A request for staff may come with what the work is ('wij zijn op zoek naar een schoonmaker
# voor 24 uur per week').
VACANCY_MAX_WORDS = 16
JOBS_MAX_WORDS = 8


def _lists(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    cached = _cache.get(id(catalog))
    if cached is None:
        cached = {}
        for key in {f"words_{name}" for name in WHOLE} | {
            "words_human_strong",
            *CONCEPT_KEYS,
            *CONTAINED_NOT.values(),
            *(f"{name}_{part}" for name in BAGS for part in ("anchors", "bag")),
        }:
            phrases: list[str] = []
            for lang in ("nl", "en"):
                for item in catalog.t(lang, f"understanding.{key}").split(","):
                    plain = normalise(item)
                    if plain and plain not in phrases:
                        phrases.append(plain)
            cached[key] = tuple(phrases)
        _cache[id(catalog)] = cached
    return cached


def _for_role(intent: str, role: str | None) -> bool:
    roles = ROLE_ONLY.get(intent)
    return roles is None or role in roles


def detect(ctx: Ctx, text: str, people: tuple[str, ...] = ()) -> str | None:
    """The intent of this message for this user's role, or None. `people`: names that
    count as a person to talk to (a job seeker's coach: 'kan ik anna spreken')."""
    content = ctx.content
    return detect_text(content.catalog, text, ctx.user.role, people, content.directory)


def names_a_way_to_talk(catalog: Catalog, text: str) -> bool:
    """A word for speaking, calling or writing: only then can a name make it a request."""
    return bool(set(normalise(text).split()) & set(_lists(catalog)["human_verbs"]))


def detect_text(
    catalog: Catalog,
    text: str,
    role: str | None,
    people: tuple[str, ...] = (),
    directory: Path | None = None,
) -> str | None:
    """The rules' intent, else the trained model's (its examples are read from the content
    folder `directory`; without one, the shipped content)."""
    found = detect_by_rules(catalog, text, role, people)
    plain = _LONG_LETTERS.sub(r"\1", normalise(text))
    if found == CODE or (found is not None and plain in _lists(catalog)[f"words_{found}"]):
        return found  # exact: a code, or a listed phrase as the whole message
    return intent_guess.decide(_model(catalog, directory), plain, role, found)


def detect_by_rules(
    catalog: Catalog, text: str, role: str | None, people: tuple[str, ...] = ()
) -> str | None:
    if code_in(text) is not None:
        return CODE
    plain = _LONG_LETTERS.sub(r"\1", normalise(text))  # 'helppp', 'hoiii'
    if not plain:
        return HELP if text.strip().startswith("?") else None
    return _detect_plain(_lists(catalog), plain, role, people)


def _model(catalog: Catalog, directory: Path | None) -> intent_guess.IntentModel:
    """The model for this content; the texts the rules call an intent are no ordinary
    messages for it (the rules' code and word lists go into its cache key)."""

    def ordinary(text: str) -> bool:
        return all(detect_by_rules(catalog, text, role) is None for role in ("seeker", "employer"))

    return intent_guess.model_for(directory or PACKAGE_KNOWLEDGE_DIR, ordinary, _rules_key(catalog))


def _rules_key(catalog: Catalog) -> str:
    key = _keys.get(id(catalog))
    if key is None:
        digest = hashlib.sha256(Path(__file__).read_bytes())
        for name, words in sorted(_lists(catalog).items()):
            digest.update(f"{name}={'|'.join(words)}\n".encode())
        key = _keys[id(catalog)] = digest.hexdigest()
    return key


def _detect_plain(
    lists: dict[str, tuple[str, ...]], plain: str, role: str | None, people: tuple[str, ...] = ()
) -> str | None:
    for intent in WHOLE:
        if _for_role(intent, role) and plain in lists[f"words_{intent}"]:
            return intent
    words = plain.split()
    greetings = lists["words_greeting"]
    if len(words) > 1 and words[0] in greetings:
        # "hoi, ik wil iemand spreken": the greeting does not hide what follows. What only
        # says who is there ("hallo ik ben het weer", "goedemiddag, met Jansen") is a greeting.
        rest = words[2:] if " ".join(words[:2]) in greetings else words[1:]
        if rest:
            if _only_says_who(lists, rest):
                return GREETING
            return _detect_plain(lists, " ".join(rest), role, people)
    padded = f" {plain} "
    for intent, (key, max_words) in CONTAINED.items():
        if not _for_role(intent, role) or len(words) > max_words:
            continue
        guard = CONTAINED_NOT.get(intent)
        if guard is not None and set(words) & set(lists[guard]):
            continue
        if any(f" {phrase} " in padded for phrase in lists[key] if " " in phrase):
            return intent
    return _concepts(lists, words, role, people) or _fuzzy(lists, plain, role)


def _concepts(
    lists: dict[str, tuple[str, ...]], words: list[str], role: str | None, people: tuple[str, ...]
) -> str | None:
    """Short messages by what they are about: polite filler words do not count ('menu
    graag', 'in het Engels graag'), and a person or a vacancy is recognised by its words
    ('kan ik bellen met iemand', 'wij hebben een vacature'), never in a question about a
    scheme ('mag een mens met een uitkering bijverdienen')."""
    if len(words) > VACANCY_MAX_WORDS or set(words) & set(lists["not_intent"]):
        return None
    fillers = set(lists["fillers"])
    core = " ".join(word for word in words if word not in fillers)
    for intent in WHOLE if len(words) <= CONCEPT_MAX_WORDS else ():
        if intent == STOP and len(words) > 2:
            continue  # "ik wil stoppen (met dit werk)" is not /stop
        if core and _for_role(intent, role) and core in lists[f"words_{intent}"]:
            return intent
    return (
        _bagged(lists, words, fillers)
        or _person(lists, words, people)
        or _staff(lists, words, role)
        or _work_wanted(lists, words, role)
    )


def _person(
    lists: dict[str, tuple[str, ...]], words: list[str], people: tuple[str, ...]
) -> str | None:
    """'kan ik bellen met iemand', 'kan de gemeente mij bellen', 'wie kan ik mailen'."""
    found = set(words)
    nouns, verbs = set(lists["human_nouns"]) | set(people), set(lists["human_verbs"])
    if len(words) <= CONCEPT_MAX_WORDS and found & verbs:
        if found & nouns or found & set(lists["human_places"]) or words[0] in WHO_WHERE:
            return HUMAN
    return HUMAN if len(words) <= 3 and found & nouns else None


def _staff(lists: dict[str, tuple[str, ...]], words: list[str], role: str | None) -> str | None:
    """An employer's request for staff: 'wij hebben een vacature', 'heb je mensen voor mijn
    bakkerij', 'bakkerijmedewerker'; a question about hiring ('hoe lang duurt ...') is not."""
    asks = words[0] in lists["vacancy_asks"] or " ".join(words[:3]) in lists["vacancy_asks"]
    if not _for_role(VACANCY, role) or (words[0] in QUESTION_WORDS and not asks):
        return None
    found = set(words)
    if found & set(lists["vacancy_nouns"]):
        return VACANCY
    wants = asks or found & set(lists["vacancy_verbs"]) or len(words) <= 2
    return VACANCY if wants and _names_people(words, lists["vacancy_people"]) else None


def _work_wanted(
    lists: dict[str, tuple[str, ...]], words: list[str], role: str | None
) -> str | None:
    """A job seeker asking for work: 'ik zoek een baantje', 'kan ik hier werk vinden', 'hoe
    vind ik werk'; not news ('ik heb werk gevonden'), nor a rule ('mag ik werken in de ww')."""
    found = set(words)
    if not _for_role(JOBS, role) or found & set(lists["jobs_not"]) or words[0] in NOT_ASKING:
        return None
    if len(words) > JOBS_MAX_WORDS:
        return None
    return JOBS if found & set(lists["jobs_wants"]) and found & set(lists["jobs_nouns"]) else None


def _bagged(lists: dict[str, tuple[str, ...]], words: list[str], fillers: set[str]) -> str | None:
    """STOP, MENU, LANGUAGE or HELP when the message is only that intent's words."""
    if len(words) > BAG_MAX_WORDS:
        return None
    for intent in BAGS:
        anchors = set(lists[f"{intent}_anchors"])
        allowed = fillers | anchors | set(lists[f"{intent}_bag"])
        if not set(words) & anchors or not set(words) <= allowed:
            continue
        if intent == LANGUAGE and not _asks_for_a_language(lists, words, anchors):
            continue
        if intent == HELP and set(words) & anchors <= UNSURE and not set(words) & HOW_WHAT:
            continue  # 'weet ik niet' answers a question; 'ik weet niet hoe dit werkt' asks
        if intent == STOP and set(words) & WANTING and not set(words) & set(lists["stop_bag"]):
            continue  # 'ik wil stoppen' may be about the job; 'stop nu', 'stop dit' are not
        return intent
    return None


def _asks_for_a_language(
    lists: dict[str, tuple[str, ...]], words: list[str], names: set[str]
) -> bool:
    """'engels graag', 'taal op engels zetten', 'geen goed nederlands, engels': a word for
    switching or two languages named, not 'is mijn nederlands goed' (a question for the FAQ)."""
    named = set(words) & names
    return (
        bool(set(words) & set(lists["language_switch"])) or len(named) >= 2 or named == set(words)
    )


def _only_says_who(lists: dict[str, tuple[str, ...]], rest: list[str]) -> bool:
    """After a greeting: 'ik ben het weer', 'meneer', or a phone-style 'met Jansen (van X)'."""
    if rest[0] == "met" and len(rest) <= 6:
        return True
    return set(rest) <= set(lists["greeting_rest"]) | set(lists["fillers"])


def _names_people(words: list[str], people: tuple[str, ...]) -> bool:
    """A word for staff, also inside a Dutch compound ('magazijnmedewerker',
    'schoonmaakkracht'): a longer listed word may end a typed one."""
    return any(
        word == person or (len(person) >= 5 and word.endswith(person))
        for word in words
        for person in people
    )


def _fuzzy(lists: dict[str, tuple[str, ...]], plain: str, role: str | None) -> str | None:
    """Whole-message typos ('hallp', 'menuu'); only for words long enough to judge."""
    if len(plain) < 5 or len(plain.split()) > 4:
        return None
    for intent in WHOLE:
        if not _for_role(intent, role):
            continue
        choices = [phrase for phrase in lists[f"words_{intent}"] if len(phrase) >= 4]
        if process.extractOne(plain, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF):
            return intent
    return None
