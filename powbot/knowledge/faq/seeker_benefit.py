"""A job seeker's question about the benefit itself: when it is paid, how much it is, or how
long it lasts.

"Wanneer wordt bijstand betaald deze maand?", "when is my benefit paid": none of the job
seekers' entries answers that (the gemeente or UWV does), yet the words pulled the question
to whichever entry talks most about a benefit and being paid: starting work ("when is my last
bijstand paid once I work") or the trial placement ("you keep your benefit"), a confident
answer about another subject. A question whose words are only a benefit, being paid or
getting it, and when or how much, gets "I don't know" and the klantmanager. A question with
any other word ("... als ik ga werken", "... naast mijn bijbaan") asks about that, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

# Read as the index reads them (synonyms, stems): see ``benefit_only``.
BENEFIT_WORDS = ("bijstand", "uitkering", "ww", "wajong", "wia", "benefit", "social assistance")
PAID_WORDS = (
    "betaald",
    "uitbetaald",
    "betalen",
    "uitbetalen",
    "gestort",
    "storten",
    "krijg",
    "krijgen",
    "ontvang",
    "paid",
    "pay",
    "get",
    "receive",
)
WHEN_WORDS = (
    "wanneer",
    "datum",
    "dag",
    "maand",
    "deze maand",
    "week",
    "per",
    "hoeveel",
    "bedrag",
    "hoe laat",
    "when",
    "date",
    "day",
    "month",
    "this month",
    "how much",
    "amount",
)
# How long it lasts ("hoe lang duurt mijn ww nog", "how long does my benefit last").
LASTING_WORDS = ("hoe lang", "duurt", "loopt", "tot wanneer", "how long", "last", "lasts")


def benefit_only(
    query_tokens: Callable[[str], list[tuple[str, bool]]], toks: Sequence[tuple[str, bool]]
) -> bool:
    """Whether the question's known words are only a benefit and being paid it (and when or
    how much) or how long it lasts: no entry of the job seekers answers that."""
    benefit, paid, when, lasting = (
        {t for w in words for t, _ in query_tokens(w)}
        for words in (BENEFIT_WORDS, PAID_WORDS, WHEN_WORDS, LASTING_WORDS)
    )
    known = {t for t, k in toks if k}
    asked = known & (paid | lasting)
    return bool(known & benefit and asked) and not known - benefit - paid - when - lasting
