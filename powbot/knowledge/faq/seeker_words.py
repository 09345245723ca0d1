"""A job seeker's own words for their own situation, read in their index only.

The word lists (``_synonyms.yaml``) are shared with the employers' index, where the same
words mean something else. To a job seeker "mijn coach" is the person who helps them, to be
reached or replaced (ws-contact), not the jobcoaching scheme an employer asks about: "mijn
coach is ziek, wie helpt mij nu?" got the scheme's answer. "Een regeling treffen" is a
payment plan (debts), where an employer's "regeling" is a subsidy; "geldzorgen" and "money
problems" are the debts entry's subject; a "werkervaringsplek" or "ervaring opdoen" is a
werkervaringsplaats; a "gastouder" or the "bso" is childcare (a kinderdagverblijf too, unless
one works "bij een kinderdagverblijf"); "mijn eerste werkdag" and "contract getekend" are
starting work; "het ov" is the bus and train fare (to employers it is a transport aid).

``seeker_phrasing`` rewrites the question before it is searched (the example questions the
classifiers learn from are read as written): the own coach becomes the klantmanager, and each
other phrase keeps its words and gets the word its entry uses beside it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# The job seeker's own coach (mijn/my/haar/zijn ... coach), or an English "consultant" (the
# consulent): their contact person.
_OWN_COACH = re.compile(
    r"\b(mijn|m'n|mn|my|haar|zijn|her|his|onze|our)\s+(?:job\s?|werk\s?|work\s?)?coach\b|"
    r"\bconsultants?\b",
    re.IGNORECASE,
)
# Public transport: the job seeker's bus and train fare (in the shared lists 'ov' is the
# employers' transport provision, an aid). Not the ov-chipkaart, which travel costs know.
_PUBLIC_TRANSPORT = re.compile(
    r"\b(?:het\s+)?(?:ov|openbaar\s+vervoer|public\s+transport)\b(?![-\s]?chip)", re.IGNORECASE
)
# Phrase -> the word of the entry that answers it, added beside the phrase.
_BESIDE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), word)
    for pattern, word in (
        # Paying a debt off in parts.
        (
            r"\b(?:een\s+)?regeling\s+(?:treffen|maken|afspreken)\b|\bin\s+(?:kleine\s+)?"
            r"(?:stukjes|stukken|delen|termijnen)\s+(?:af)?betalen\b|\bpayment\s+(?:plan|"
            r"arrangement)s?\b|\bpay\s+(?:it\s+)?(?:off\s+)?in\s+(?:parts|instal?ments)\b",
            "betalingsregeling schulden",
        ),
        # Money trouble said without "schulden": not making ends meet, behind with payments.
        (
            r"\bgeld\s?(?:problemen|zorgen)\b|\bproblemen\s+met\s+(?:mijn\s+)?geld\b|"
            r"\bfinanci[eë]le\s+(?:problemen|zorgen)\b|\bmoney\s+(?:problems|worries|trouble)\b|"
            r"\bfinancial\s+(?:problems|trouble|worries)\b|\b(?:kom|komen|kan)\s+(?:\w+\s+)?niet\s+"
            r"rond\b|\bniet\s+rond\s?komen\b|\bloop\s+(?:\w+\s+)?achter\s+met\b|"
            r"\bcan'?t\s+make\s+ends\s+meet\b|\bbailiffs?\b|\bdebt\s+collectors?\b|"
            r"\bcollection\s+agency\b|\bowe\s+(?:\w+\s+)?money\b|\b\w*achterstand(?:en)?\b|"
            r"\bbudgetbeheer\b|\bbewindvoer\w*|\bbeschermingsbewind\b",
            "schulden debts",
        ),
        # A place to gain work experience while keeping the benefit.
        (
            r"\bwerkervarings?\s?(?:plek|traject)(?:en)?\b|\b(?:werk)?ervaring\s+"
            r"(?:op\s?doen|opdoen)\b|\bwork\s+experience\s+(?:place|placement|job)s?\b",
            "werkervaringsplaats",
        ),
        # Working without wages for the gemeente or UWV.
        (
            r"\b(?:work|working)\s+for\s+free\b|\bunpaid\s+work\b|\bwork\s+without\s+"
            r"(?:pay|wages)\b|\bwerken\s+voor\s+niks\b|\bzonder\s+loon\s+werken\b",
            "werkervaringsplaats",
        ),
        # Kinds of childcare.
        (
            r"\bgastouder(?:s|opvang)?\b|\bbso\b|\bbuitenschoolse\s+opvang\b|"
            r"(?<!bij een )(?<!in een )(?<!at a )(?:\bkinderdagverblijf\b|\bcr[eè]che\b)|"
            r"\bchildminder\b|\bafter\s?school\s+care\b|\bpeuter(?:speelzaal|opvang)\b|\bkdv\b|"
            r"\bvoorschoolse\s+opvang\b|\btussenschoolse\s+opvang\b",
            "kinderopvang",
        ),
        # Cash in hand for odd jobs, freelance gigs.
        (r"\b(?:contant|cash|zwart\s+werk\w*|freelance|gigs?)\b", "bijverdienen"),
        # Working while the benefit goes on: a trial or work-experience place (not a course
        # or training "met behoud van uitkering").
        (
            r"\bwerk\w*\s+(?:\w+\s+){0,4}met\s+behoud\s+van\s+(?:je\s+|mijn\s+|haar\s+|"
            r"zijn\s+)?uitkering\b",
            "proefplaats",
        ),
        # Practising the language.
        (
            r"\b(?:practi[cs]e|speak|speaking)\s+(?:my\s+)?dutch\b|\btaal\s?school\b|"
            r"\btaalmaatje\b|\bnederlands\s+oefenen\b",
            "taal",
        ),
        # Travel costs per kilometre.
        (r"\b(?:kilometer|km)[-\s]?vergoeding\b|\bmileage\b", "reiskosten"),
        # A missed appointment with the klantmanager.
        (
            r"\bafspraak\s+(?:\w+\s+)?(?:vergeten|gemist|missen)\b|\bmissed\s+(?:my|the|an)\s+"
            r"appointment\b",
            "klantmanager",
        ),
        # Having got the job: a contract signed, hired, the first wages.
        (
            r"\b(?:een\s+|mijn\s+|het\s+)?contract\s+(?:getekend|ondertekend|gekregen)\b|"
            r"\bben\s+aangenomen\b|\bsigned\s+(?:a|the|my)\s+contract\b|"
            r"\bgot\s+(?:a|the)\s+job\b|\bgot\s+hired\b|\beerste\s+(?:loon|salaris)\b|"
            r"\bfirst\s+(?:salary|wages?|pay|paycheck|payslip)\b",
            "ga werken nieuwe baan",
        ),
        # The first day at a new job.
        (
            r"\beerste\s+(?:werk)?dag(?:\s+(?:op|van)\s+(?:het|mijn)\s+werk)?\b|"
            r"\beerste\s+keer\s+werken\b|\bfirst\s+(?:day|week)\s+(?:at|of)\s+(?:work|"
            r"(?:my|the|a)\s+(?:new\s+)?job)\b|\bfirst\s+work\s?day\b|\bfirst\s+time\s+working\b",
            "ga werken nieuwe baan",
        ),
    )
)


def seeker_phrasing(question: str) -> str:
    """``question`` in the words the job seekers' entries use (see the module text)."""
    text = _OWN_COACH.sub(lambda m: " ".join(filter(None, (m.group(1), "klantmanager"))), question)
    text = _PUBLIC_TRANSPORT.sub("bus en trein", text)
    for pattern, word in _BESIDE:
        text = pattern.sub(_beside(word), text)
    return text


def _beside(word: str) -> Callable[[re.Match[str]], str]:
    return lambda m: f"{m.group(0)} {word}"
