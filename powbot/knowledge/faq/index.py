"""Retrieval: the in-memory index over a FaqBase and its search decision (answer, choice or
"I don't know"). Building the index is ``building``, the question's tokens ``tokens``, the
lexical score ``lexical``; the mixins named in the class line each add one concept."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from powbot.knowledge.faq.benefit import benefit_topic
from powbot.knowledge.faq.broad import asking_sentence, broad_answer
from powbot.knowledge.faq.building import IndexBuilder
from powbot.knowledge.faq.compounds import CompoundSplitter
from powbot.knowledge.faq.focus import QuestionFocus
from powbot.knowledge.faq.groups import outside_every_group, own_scheme_first
from powbot.knowledge.faq.lexical import LexicalScorer
from powbot.knowledge.faq.models import (
    OUT_OF_SCOPE,
    SEEKER_INSTRUMENT,
    Audience,
    FaqBase,
    FaqEntry,
    OutOfScopeTopic,
)
from powbot.knowledge.faq.money import (
    amount_entry,
    asks_for_something,
    money_entry,
    states_an_amount,
)
from powbot.knowledge.faq.normalise import Normalizer
from powbot.knowledge.faq.result import SearchResult
from powbot.knowledge.faq.seeker import SeekerSubjects
from powbot.knowledge.faq.separable import join_separable
from powbot.knowledge.faq.sickness import sickness_for_whom, with_sickness_choice
from powbot.knowledge.faq.tokens import QueryTokens
from powbot.knowledge.faq.vague import choices, is_vague


class FaqIndex(
    IndexBuilder, QueryTokens, CompoundSplitter, LexicalScorer, QuestionFocus, SeekerSubjects
):
    """In-memory retriever over a FaqBase, built once (on first use) and then read-only."""

    # Lexical scoring, tuned on the dev half of bench/data/employer_questions.tsv (see
    # bench/faq_eval.py). It ranks the entries within an instrument and adds evidence to the
    # classifier's choice of instrument.
    W_ENTRY = 0.20  # IDF-weighted share of the question covered by the entry's words
    W_INSTRUMENT = 0.20  # ... covered by all words of the entry's instrument
    W_EVIDENCE = 0.35  # absolute IDF mass matched: one specific term ("NRP") is strong evidence
    W_FUZZY = 0.25  # best RapidFuzz match with one of the entry's example questions
    EVIDENCE_CAP = 5.0  # IDF mass that counts as full evidence (a one-instrument word is ~3.5)
    UNKNOWN_IDF_FACTOR = 0.4  # weight of words the index has never seen, relative to max IDF
    ANSWER_WEIGHT = 0.6  # words only found in the answer text count for less
    NAME_BONUS = 12.0  # points for an entry whose instrument is named in the question
    CANDIDATES = 25  # entries that get the (more expensive) fuzzy comparison
    # Decision, on "fit" = classifier margin + LEXICAL_WEIGHT * lexical score / 100. Chosen on
    # the tuned-on sets in bench/data; the sealed blind sets measure them.
    LEXICAL_WEIGHT = 0.5
    MIN_FIT = -0.5  # the best instrument fits less than this -> "unknown"
    CLARIFY_MARGIN = 0.15  # another instrument fits within this much -> "clarify"
    TOPIC_NAMED_FROM = 45.0  # lexical score from which an out-of-scope topic is named

    def __init__(self, base: FaqBase, audience: Audience | None = None) -> None:
        """``audience=None``: the employer index (also used for coaches and the bench);
        entries only for job seekers stay out of it, so their words never pull an employer's
        question. ``"seeker"``: the index of what job seekers may get, built on first use.

        The index itself is built on first use too (``build()``; any attribute it makes
        builds it): tokenising every example question and loading (or training) the
        classifier takes 0.6 s or more, and most starts (a /start, a tick) search nothing.
        The normaliser is ready at once (language detection uses it)."""
        self.base = base
        self.audience = audience
        self.norm = Normalizer(base.synonyms)
        self._seeker_index: FaqIndex | None = None
        self._built = False
        self._builder: int | None = None  # the thread building it
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        # Only called for an attribute that is not there (yet): one the build makes.
        state = self.__dict__
        if name.startswith("__") or state.get("_built", True):
            raise AttributeError(name)
        if state.get("_builder") == threading.get_ident():
            raise AttributeError(f"{name} (used before the index build made it)")
        self.build()
        return object.__getattribute__(self, name)

    def build(self) -> FaqIndex:
        """Build everything now (once; other threads wait for it)."""
        if not self._built:
            with self._lock:
                if not self._built:
                    self._builder = threading.get_ident()
                    try:
                        self._build()
                    finally:
                        self._builder = None
                    self._built = True
        return self

    @staticmethod
    def _confidence(fit: float) -> float:
        """Fit on a 0-100 scale: 50 on the classifier's boundary, 100 from a margin of 1."""
        return round(min(100.0, max(0.0, 50.0 + 50.0 * fit)), 1)

    def for_audience(self, audience: str | None) -> FaqIndex:
        """The index that answers this audience: job seekers have their own."""
        if audience != "seeker" or self.audience == "seeker":
            return self
        if self._seeker_index is None:
            self._seeker_index = FaqIndex(self.base, "seeker")
        return self._seeker_index

    def search(self, question: str, audience: str | None = None, limit: int = 3) -> SearchResult:
        if audience == "seeker" and self.audience != "seeker":
            return self.for_audience(audience).search(question, audience, limit)
        question = self._read(question)
        return sickness_for_whom(self, question, self._search(question, audience, limit))

    def _search(self, question: str, audience: str | None, limit: int) -> SearchResult:
        toks = self.query_tokens(question)
        general = self._general(question, toks, audience, limit)
        if general is not None:
            return general
        setting, asked, named_after = self._named_as_setting(question)
        if setting:  # its name would outweigh what is asked: leave it out of the search
            toks = [(t, k) for t, k in toks if not self.name_terms.get(t, set()) & setting]
        everything = self._lexical(toks, audience)
        if not everything:  # no word the FAQ knows: nothing to go on
            return SearchResult("unknown", None, 0.0, [])
        lexical = [(i, s) for i, s in everything if self._in_case(i, question)]
        # Best item per instrument position (entries and topics alike), by lexical score; an
        # entry about a narrow case the question does not name counts for its instrument's
        # fit, but the instrument's best entry in the case answers (models.FaqEntry.only_if).
        best_item: dict[int, tuple[int, float]] = {}
        for idx, s in everything:
            pos = self.entry_inst[idx]
            if pos not in best_item:
                best_item[pos] = (self._case_entry(idx, pos, question, lexical), s)
        # The classifier reads the part that asks: its character n-grams of a setting's name
        # would outweigh what is asked as much as the name's token did.
        fits = self._fits(self.classifier.margins(self._doc(asked, toks)), best_item, audience)
        oos = self.instruments.index(OUT_OF_SCOPE) if self.topics else -1
        in_scope = [(fit, pos) for fit, pos in fits if pos != oos]
        ranked = self._own_ranked(question, toks, lexical)
        in_scope = self._setting_not_first(setting, named_after, in_scope)
        in_scope = self._own_first(in_scope, toks, ranked)
        if not in_scope:
            return SearchResult(
                "unknown", None, 0.0, [], self._topic(best_item.get(oos), toks, audience)
            )
        own = self._own_subject(ranked, lexical, best_item)
        fit, pos = in_scope[0]
        best = self._chosen(pos, toks, lexical, best_item)
        score = self._confidence(fit)
        # A known out-of-scope subject that fits best wins: stretching an instrument answer to
        # a dismissal question would be made-up advice. Unless the question names the scheme
        # and it fits almost as well, or (job seekers) their own entry matches the words far
        # better: then a choice, with "none of these" (below).
        if (
            fits[0][1] == oos
            and not self._named_close(toks, pos, fits[0][0] - fit)
            and not self._own_evident(in_scope, best_item, fits[0][0] - fit, ranked)
        ):
            return SearchResult(
                "unknown", best, score, [], self._topic(best_item.get(oos), toks, audience)
            )
        if fit < self.MIN_FIT:
            return SearchResult("unknown", best, score, [])
        others = [(self.entries[best_item[p][0]], f) for f, p in in_scope[1:] if f >= self.MIN_FIT]
        margin = self._margin_for(question, pos)
        close = [(e, self._confidence(f)) for e, f in others if fit - f < margin]
        # A subject this FAQ does not answer that fits almost as well makes the answer a guess
        # too ("hired after a trial placement; how early must I say the contract ends?"): a
        # choice, with "none of these", instead of stating the instrument's rule.
        topic_close = any(p == oos and fit - f < margin for f, p in fits)
        close = self._asked_first(question, setting, pos, (fits, best_item), close)
        close = self._for_them_all(best, self._own_close(own, fit, pos) + close)
        close = with_sickness_choice(self, question, best, (fits, best_item), close)
        best, close = self._amount_first(question, (best, pos), toks, close)
        best, close = self._group_first(question, (best, score), toks, (fits, best_item), close)
        if close or topic_close:
            topic = self._topic(best_item.get(oos), toks, audience) if topic_close else None
            return SearchResult("clarify", best, score, close[: max(0, limit - 1)], topic)
        alts = self._for_them_all(best, [(e, self._confidence(f)) for e, f in others])
        runner_up = next(
            (
                entry
                for idx, _ in lexical
                if idx != best_item[pos][0]
                and self.entry_inst[idx] == pos
                and (entry := self._for_them(self.entries[idx])).id != best.id
            ),
            None,
        )
        alts = alts[: max(0, limit - 1)]
        return SearchResult("answer", best, score, alts, runner_up=runner_up)

    def _in_case(self, idx: int, question: str) -> bool:
        return idx >= self.n_entries or self.entries[idx].asks_its_case(question)

    def _case_entry(
        self, idx: int, pos: int, question: str, lexical: list[tuple[int, float]]
    ) -> int:
        """``idx``, or when the question does not name its case, the best entry of the same
        instrument (``pos``) that it does (its first entry when none scored)."""
        if self._in_case(idx, question):
            return idx
        found = next((i for i, _ in lexical if self.entry_inst[i] == pos), None)
        if found is not None:
            return found
        items = self.inst_items[pos]
        return next((i for i in items if self._in_case(i, question)), idx)

    def _amount_first(
        self,
        question: str,
        chosen: tuple[FaqEntry, int],
        toks: Sequence[tuple[str, bool]],
        close: list[tuple[FaqEntry, float]],
    ) -> tuple[FaqEntry, list[tuple[FaqEntry, float]]]:
        """(best, the choices beside it). When the sentence that asks asks what one gets
        without naming it ("krijgen we voor die ene dan nog wat?") and the entry chosen
        (``chosen``: it and its instrument position) states no amount, the
        entry of that instrument that does takes its place: what one gets is what it pays
        (the bbl's contract rules answered a question about the subsidy per student).
        Otherwise the one chosen and ``close`` unchanged."""
        best, pos = chosen
        if self.audience is not None or states_an_amount(best):  # job seekers: seeker.py
            return best, close
        if not asks_for_something(asking_sentence(question), toks):
            return best, close
        paid = amount_entry(self.entries, self.inst_items[pos])
        if paid is None or (paid := self._for_them(paid)).id == best.id:
            return best, close
        return paid, [(e, s) for e, s in close if e.id != paid.id]

    def _group_first(
        self,
        question: str,
        chosen: tuple[FaqEntry, float],
        toks: Sequence[tuple[str, bool]],
        found: tuple[list[tuple[float, int]], dict[int, tuple[int, float]]],
        close: list[tuple[FaqEntry, float]],
    ) -> tuple[FaqEntry, list[tuple[FaqEntry, float]]]:
        """(best, the choices beside it): the scheme of the group the question names first
        when the one chosen is not for that group (groups.py); otherwise unchanged."""
        own = own_scheme_first(self, question, {t for t, _ in toks}, chosen, found)
        if own is None:
            return chosen[0], close
        return own[0], [chosen, *((e, s) for e, s in close if e.id != own[0].id)]

    def _read(self, question: str) -> str:
        """The question as searched: without asides, and (employers) with each separable
        verb whole (separable.py); the job seekers' index reads their words in seeker.py."""
        question = self._without_asides(question)
        if self.audience is None:
            question = join_separable(question, self._known_word)
        return question

    def _best_topic_item(
        self, toks: Sequence[tuple[str, bool]], audience: str | None
    ) -> tuple[int, float] | None:
        """The out-of-scope subject's example that fits the words best (item, score)."""
        return next(((i, s) for i, s in self._lexical(toks, audience) if i >= self.n_entries), None)

    def _known_word(self, word: str) -> bool:
        """A (Dutch) word the word lists know (a synonym variant: "uitvalt", "aanvraag")."""
        return bool(self.norm.word_canonical(word, "nl"))

    def _general(
        self, question: str, toks: list[tuple[str, bool]], audience: str | None, limit: int
    ) -> SearchResult | None:
        """A question too general for one entry: a choice of subjects for a vague one
        ("subsidie", "ik heb een vraag"), the overview for a broad hiring one ("krijg ik geld
        als ik iemand uit de bijstand aanneem?"); None for any other question."""
        if is_vague(self, question, toks):
            return SearchResult("vague", None, 0.0, choices(self, question, toks, audience, limit))
        topic = benefit_topic(self, question, toks)
        named = any(t in self.name_terms for t, _ in toks)
        if topic is None and self.audience is None and outside_every_group(question, named):
            topic = self._topic(self._best_topic_item(toks, audience), toks, audience)
            return SearchResult("unknown", None, 0.0, [], topic)
        if topic is not None:
            return SearchResult("unknown", None, 0.0, [], topic)
        return broad_answer(self, question, limit)

    def _chosen(
        self,
        pos: int,
        toks: Sequence[tuple[str, bool]],
        lexical: list[tuple[int, float]],
        best_item: dict[int, tuple[int, float]],
    ) -> FaqEntry:
        """The entry that answers for instrument ``pos``: the one stating an amount for a money
        question (money.py; not among the job seekers' own entries, which are ranked by
        subject in seeker.py), then the job seeker's own entry for one written for employers."""
        if self.instruments[pos] != SEEKER_INSTRUMENT:
            best_item[pos] = money_entry(
                self.entries, toks, lexical, self.entry_inst, best_item[pos]
            )
        return self._for_them(self.entries[best_item[pos][0]])

    def _fits(
        self,
        margins: dict[str, float],
        best_item: dict[int, tuple[int, float]],
        audience: str | None,
    ) -> list[tuple[float, int]]:
        """Each instrument's fit (classifier margin + weighted lexical score of its best
        item), best first. An instrument without a lexical hit is represented by its first
        entry for this audience (added to `best_item`)."""
        fits: list[tuple[float, int]] = []
        for pos, name in enumerate(self.instruments):
            item = best_item.get(pos)
            if item is None:
                first = next((i for i in self.inst_items[pos] if self._allowed(i, audience)), None)
                if first is None:
                    continue
                item = best_item[pos] = (first, 0.0)
            fits.append((margins.get(name, -1.0) + self.LEXICAL_WEIGHT * item[1] / 100.0, pos))
        fits.sort(key=lambda f: (-f[0], f[1]))
        return fits

    def _topic(
        self,
        item: tuple[int, float] | None,
        toks: Sequence[tuple[str, bool]],
        audience: str | None,
    ) -> OutOfScopeTopic | None:
        """The out-of-scope subject to name, when ``item`` (the best topic example) fits well
        enough. A scheme named in the question is context and does not decide which subject
        it is ("my employee with loondispensatie is often ill, may I dismiss him?" is about
        dismissal even if an example about working hours names loondispensatie too)."""
        if item is None or item[1] < self.TOPIC_NAMED_FROM or item[0] < self.n_entries:
            return None
        plain = [(t, k) for t, k in toks if t not in self.name_terms]
        if plain and len(plain) < len(toks):
            found = next(
                (i for i, _ in self._lexical(plain, audience) if i >= self.n_entries), None
            )
            if found is not None:
                item = (found, item[1])
        return self.topics[item[0] - self.n_entries]
