"""Which part of a question asks: an instrument named only as the setting ("We krijgen al
LKV, maar ...") or around the clause that asks is context, not the subject."""

from __future__ import annotations

import re
from collections.abc import Callable

from powbot.knowledge.faq.models import OUT_OF_SCOPE, FaqEntry
from powbot.knowledge.faq.normalise import Normalizer, _words


class QuestionFocus:
    """Mixed into the FAQ index, whose tokens and instrument names it reads."""

    SETTING_MIN_TOKENS = 3  # known words the question itself needs after "maar"/"but"
    # An instrument named only as the setting that still fits best: the next instrument that
    # fits within this much is offered beside it (a choice, not a guess).
    SETTING_CHOICE_MARGIN = 0.4
    # An instrument named only in passing (see _margin_for): another subject this close makes
    # a choice. On the opened sets 0.4 also offered one for three questions about the scheme
    # itself ("is someone insured during a trial placement?"); 0.25 for none of them.
    PASSING_MARGIN = 0.25
    # The asking sentence names an instrument that was not chosen: it is offered beside the
    # chosen one when it fits within this much. On the opened sets 0.4 offered it beside
    # answers that were right (a story that names bbl around a social-return question); 0.3
    # for one of them.
    NAMED_CHOICE_MARGIN = 0.3
    MIN_FIT: float
    CLARIFY_MARGIN: float
    instruments: list[str]
    norm: Normalizer
    entries: list[FaqEntry]
    name_terms: dict[str, set[int]]
    query_tokens: Callable[[str], list[tuple[str, bool]]]
    _confidence: Callable[[float], float]

    def _asked_first(
        self,
        question: str,
        setting: set[int],
        pos: int,
        found: tuple[list[tuple[float, int]], dict[int, tuple[int, float]]],
        close: list[tuple[FaqEntry, float]],
    ) -> list[tuple[FaqEntry, float]]:
        """The choices to offer besides instrument ``pos``'s entry. When the clause that asks
        names another instrument and ``pos`` is named only around it ("Na de proefplaatsing
        wil ik hem aannemen, hoe vraag ik de doelgroepverklaring aan?"), the answer is a
        guess: the instrument asked is offered with it, before any other. (A question with a "maar"
        turn has had its setting left out already.) ``found``: the fits and best items."""
        fits, best_item = found
        asked = [] if setting else self._asked_instead(question, pos)
        if not asked:
            asked = self._beside_the_setting(question, setting, pos, fits)
        if not asked:
            asked = self._named_not_chosen(question, setting, pos, found)
        if not asked:
            return close
        fit_of = {p: f for f, p in fits}
        first = [(self.entries[best_item[p][0]], self._confidence(fit_of[p])) for p in asked]
        names = {e.instrument for e, _ in first}
        return first + [(e, s) for e, s in close if e.instrument not in names]

    def _beside_the_setting(
        self, question: str, setting: set[int], pos: int, fits: list[tuple[float, int]]
    ) -> list[int]:
        """Another instrument to offer beside ``pos`` when ``pos`` is named only as the
        setting and the part that asks names none ("Een medewerker waarvoor we
        loonkostensubsidie krijgen is ziek geworden. Wie betaalt nu zijn loon?"): the name
        outweighs what is asked, so an answer about ``pos`` alone is a guess when the next
        instrument fits within SETTING_CHOICE_MARGIN: that one is offered beside it. (Reading
        the question without the name instead offered a choice for one question in six: most
        questions that name a scheme first do ask about it.) [] otherwise."""
        if setting and pos not in setting:
            return []
        if not setting:
            split = _asking_clause(question)
            # "..., hoe regel ik dat?" asks about the setting itself: no words of its own.
            if split is None or len(self._known(split[1])) < ASKS_OWN_WORDS:
                return []
            before, after = (
                {p for t in self._known(part) for p in self.name_terms.get(t, ())} for part in split
            )
            if pos not in before or after:
                return []
        fit_of = {p: f for f, p in fits}
        others = [p for _, p in fits if p != pos and self.instruments[p] != OUT_OF_SCOPE]
        near = [
            p
            for p in others
            if fit_of[p] >= self.MIN_FIT and fit_of[pos] - fit_of[p] < self.SETTING_CHOICE_MARGIN
        ]
        return near[:1]

    def _named_not_chosen(
        self,
        question: str,
        setting: set[int],
        pos: int,
        found: tuple[list[tuple[float, int]], dict[int, tuple[int, float]]],
    ) -> list[int]:
        """The instrument the sentence that asks names (not in passing, not as the setting)
        when another one, ``pos``, was chosen without being named and the named one fits
        within NAMED_CHOICE_MARGIN ("Is the job coach allowed to mediate ...?" chose job
        carving; "Betalen we als inlener het volle tarief, ook als de gedetacheerde niet de
        volle productie haalt?" the wage cost subsidy). Not when the chosen entry covers the
        named instrument. [] otherwise."""
        fits, best_item = found
        asking = [s for s in _SENTENCE.split(question.strip()) if "?" in s]
        _, free = self._passing_and_free(asking[-1] if asking else question)
        named = free - setting
        chosen = self.entries[best_item[pos][0]]
        if not named or pos in named:
            return []
        fit_of = {p: f for f, p in fits}
        return [
            p
            for _, p in fits
            if p in named
            and not chosen.answers_for(self.instruments[p])
            and fit_of[p] >= self.MIN_FIT
            and fit_of[pos] - fit_of[p] < self.NAMED_CHOICE_MARGIN
        ][:1]

    def _known(self, text: str) -> list[str]:
        return [t for t, known in self.query_tokens(text) if known]

    def _asked_instead(self, question: str, pos: int) -> list[int]:
        """Instruments named in the clause that asks (the last of the sentence with the
        question mark), when instrument ``pos`` is named only outside it; [] otherwise."""
        split = _asking_clause(question)
        if split is None:
            return []
        before, after = (
            {p for t, known in self.query_tokens(part) if known for p in self.name_terms.get(t, ())}
            for part in split
        )
        if pos not in before or pos in after:
            return []
        return sorted(after)

    def _named_as_setting(self, question: str) -> tuple[set[int], str, set[int]]:
        """Instruments named only as the setting, the text the classifier reads, and the
        instruments named in the part that asks.

        The setting comes before the turn of the question ("We krijgen al LKV voor hem, maar
        kan de gemeente ook het loon aanvullen?"), or in a clause that says the employer
        already has it, before a clause that asks for more ("Hij valt al onder de
        no-riskpolis, kan ik daarnaast ook nog het bedrag van de Belastingdienst krijgen?").
        The classifier reads the question without the setting's name when the employer
        already has it; the whole question otherwise. A name in passing (after a preposition,
        see _named_in_passing) is the setting too."""
        turn = _TURN.split(question)
        if len(turn) < 2:
            passing = self._named_in_passing(question)
            if passing is not None:
                return passing
        if len(turn) >= 2:
            before, after = " ".join(turn[:-1]), turn[-1]
        else:
            split = _asking_clause(question)
            if split is None:
                return set(), question, set()
            before, after = split
            if not _MORE & set(_words(after)):
                return set(), question, set()
        already = bool(_ALREADY & set(_words(before)))
        if len(turn) < 2 and not already:
            return set(), question, set()
        after_toks = [t for t, known in self.query_tokens(after) if known]
        if len(after_toks) < self.SETTING_MIN_TOKENS:
            return set(), question, set()
        named_after = {p for t in after_toks for p in self.name_terms.get(t, ())}
        named_before = {
            p for t, known in self.query_tokens(before) if known for p in self.name_terms.get(t, ())
        }
        setting = named_before - named_after
        if not (setting and already):
            return setting, question, named_after
        return setting, f"{self._without_names(before, setting)} {after}", named_after

    def _named_close(self, toks: list[tuple[str, bool]], pos: int, behind: float) -> bool:
        """Instrument ``pos`` is named in the question (its name or its own word) and fits
        within CLARIFY_MARGIN of the subject outside this FAQ that fits best."""
        name = self.instruments[pos]
        named = any(pos in self.name_terms.get(t, ()) or t == name for t, _ in toks)
        return named and behind < self.CLARIFY_MARGIN

    def _named_in_passing(self, question: str) -> tuple[set[int], str, set[int]] | None:
        """An instrument named only after a preposition ("tijdens een proefplaatsing", "met
        loondispensatie", "in de no-riskpolis") is the setting when another instrument is named
        as what the question is about ("Krijg ik LKV ook door als hij ziek is en in de
        no-riskpolis valt?"). None when that is not so."""
        in_passing, free = self._passing_and_free(question)
        setting = in_passing - free
        if not (setting and free):
            return None
        return setting, self._without_names(question, setting), free

    def _margin_for(self, question: str, pos: int) -> float:
        """How close another subject must fit to make a choice: CLARIFY_MARGIN, or the wider
        PASSING_MARGIN when instrument ``pos`` is named only in passing and nothing else is
        named ("Een werknemer die na een proefplaatsing bij ons kwam, heeft geld gepakt. Kan
        ik hem ontslaan?" is about dismissal as much as about the trial placement)."""
        in_passing, free = self._passing_and_free(question)
        if pos in in_passing and not free:
            return self.PASSING_MARGIN
        return self.CLARIFY_MARGIN

    def _passing_and_free(self, question: str) -> tuple[set[int], set[int]]:
        """(instruments named after a preposition, instruments named otherwise)."""
        words = _words(question)
        in_passing: set[int] = set()
        free: set[int] = set()
        i = 0
        while i < len(words):
            for size in range(min(_NAME_WORDS, len(words) - i), 0, -1):
                toks = self.norm.tokens(" ".join(words[i : i + size]))
                named = self.name_terms.get(toks[0], set()) if len(toks) == 1 else set()
                if named:
                    j = i - 1
                    while j >= 0 and words[j] in _ARTICLES:
                        j -= 1
                    (in_passing if j >= 0 and words[j] in _SETTING_PREP else free).update(named)
                    i += size
                    break
            else:
                i += 1
        return in_passing, free

    def _setting_not_first(
        self, setting: set[int], named_after: set[int], in_scope: list[tuple[float, int]]
    ) -> list[tuple[float, int]]:
        """The instruments by fit, except that one named only as the setting does not come
        first when the part that asks names another that fits at all: "We krijgen al LKV,
        maar kan de gemeente ook bijspringen in het salaris?" offers the wage cost subsidy
        first, the LKV entry (it fits better, so it is close) beside it."""
        if not in_scope or in_scope[0][1] not in setting:
            return in_scope
        asked = next(
            (item for item in in_scope if item[1] in named_after and item[0] >= self.MIN_FIT),
            None,
        )
        if asked is None:
            return in_scope
        return [asked, *(item for item in in_scope if item != asked)]

    def _without_names(self, text: str, setting: set[int]) -> str:
        """``text`` without the words that name the ``setting`` instruments (the classifier's
        character n-grams of "no-riskpolis" would still point at the no-riskpolis)."""
        words = _words(text)
        kept: list[str] = []
        i = 0
        while i < len(words):
            for size in range(min(_NAME_WORDS, len(words) - i), 0, -1):
                toks = self.norm.tokens(" ".join(words[i : i + size]))
                if len(toks) == 1 and self.name_terms.get(toks[0], set()) & setting:
                    i += size
                    break
            else:
                kept.append(words[i])
                i += 1
        return " ".join(kept)


# "maar" turns the question after a comma or at the start of a sentence; elsewhere it is
# mostly "only" ("als hij maar 12 uur werkt"), which turns nothing.
_TURN = re.compile(r"(?:^|(?<=[,;.?!]))\s*\bmaar\b|\bbut\b", re.IGNORECASE)
# "We hebben al ..." / "already": what the employer has. "daarnaast", "ook", "also": asking
# for something more than that.
_ALREADY = {"al", "already"}
_MORE = {"daarnaast", "ook", "erbij", "bovendien", "also", "besides", "additionally", "too"}
_NAME_WORDS = 3  # words of an instrument's name ("no risk polis")
ASKS_OWN_WORDS = 2  # known words a clause needs to ask something besides its setting
# Words that put a name in passing: the setting, not the subject ("tijdens een proefplaatsing").
_SETTING_PREP = set(
    "tijdens bij na op met onder naast in vanuit uit during with under after on from through "
    "besides".split()
)
_ARTICLES = set("een de het zijn haar hun onze a an the his her their our".split())
_SENTENCE = re.compile(r"(?<=[.?!])\s+")
_CLAUSE = re.compile(r"[,;:]\s+")


def _asking_clause(question: str) -> tuple[str, str] | None:
    """(the rest, the clause that asks): the last clause of the last sentence with a question
    mark (or of the last sentence). None for a question of one clause."""
    sentences = [s for s in _SENTENCE.split(question.strip()) if s.strip()]
    if not sentences:
        return None
    asking = next((i for i in range(len(sentences) - 1, -1, -1) if "?" in sentences[i]), None)
    if asking is None:
        asking = len(sentences) - 1
    clauses = [c for c in _CLAUSE.split(sentences[asking]) if c.strip()]
    if len(sentences) + len(clauses) < 3:  # one sentence of one clause
        return None
    rest = sentences[:asking] + clauses[:-1] + sentences[asking + 1 :]
    return " ".join(rest), clauses[-1]
