"""Which of the job seekers' own entries is asked.

Their entries share one instrument (``werkzoekende``), so the instrument classifier cannot
tell "reiskosten" from "taal": only the lexical score chose between them, and a story full of
words about one subject ("alleenstaande moeder met twee kinderen") outweighed a question
about another ("mag ik iets van het overblijfgeld houden?"). In the job seekers' index they
are ranked on their own: a second classifier trained on their example questions (each entry
its own label; the sentence that asks weighs more than the story around it), the lexical
score, and the share of the question's words each uses, weighed by how few of them use it
("schuldhulp" is one entry's word, "werk" everyone's). When two fit about equally well the
job seeker gets a choice instead of a confident answer to the other one. When a subject
outside this FAQ wins on the classifier but an own entry matches the words far better, the
job seeker gets that entry as a choice (with "none of these") instead of "I don't know".

An entry written for employers only (no job-seeker text) that one of their own entries
``covers`` gives way to that own entry: "hoe lang mag proefwerken" found UWV's trial
placement entry, in the employer's voice and with UWV's rule alone, where ws-proefplaats
answers it for them with the gemeente's rule too.

Weights chosen on the tuned-on sets in bench/data (bench/seeker_faq_eval.py --dev-only).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from powbot.knowledge.classifier import Doc, InstrumentClassifier
from powbot.knowledge.faq.asking import asking_part, without_asides
from powbot.knowledge.faq.models import LANGS, OUT_OF_SCOPE, SEEKER_INSTRUMENT, FaqEntry
from powbot.knowledge.faq.normalise import Normalizer
from powbot.knowledge.faq.seeker_benefit import benefit_only
from powbot.knowledge.faq.seeker_words import seeker_phrasing


class SeekerSubjects:
    """Mixed into the FAQ index; ``subjects`` is None outside the job seekers' index."""

    SUBJECT_CLASSIFIER_WEIGHT = 0.6  # the own-entry classifier's margin
    SUBJECT_LEXICAL_WEIGHT = 2.0  # the index's lexical score (0-100) / 100
    SUBJECT_WORDS_WEIGHT = 0.5  # the IDF share of the question's words the entry uses
    ASKING_WEIGHT = 0.3  # the asking sentence's margins, against the whole message's
    # Another own entry this close: a choice. And an own entry this close to the best
    # instrument goes first, in a choice. Wider than the index's CLARIFY_MARGIN (0.15): on
    # the six opened seeker sets a choice instead of a confident answer about another subject
    # took the direct answers that were wrong from 32 to 20 (choices 11.5 -> 15.4 %).
    # Round i, on the nine opened sets: 0.35 -> 0.5 took them from 30 to 22 (choices 15.3 ->
    # 18.1 %; the first offered is the same, so top-1 stays); 0.55 saved 2 more for 17 more
    # choices.
    SUBJECT_CLARIFY_MARGIN = 0.5
    OWN_FIRST_MARGIN = 0.35
    # ... and this far when the best instrument is named in the question and one own entry
    # leads the others by OWN_CLEAR_LEAD (see _own_first).
    NAMED_OWN_FIRST_MARGIN = 1.2
    OWN_CLEAR_LEAD = 1.0
    OWN_TIE = 0.15
    OWN_TIE_LEAD = 1.5
    # An own entry whose lexical score is this much above the best out-of-scope topic's is
    # not overruled by the topic's classifier margin: a choice with "none of these" instead of
    # "I don't know". The topics are mostly employers' subjects in many words, so the
    # classifier leans to them on short or unusual wording ("vergoeding reizen sollicitatie").
    # Chosen on the opened seeker sets: 15-40 tried, 25 the most right without a "none"
    # question fewer.
    OWN_EVIDENCE_MARGIN = 25.0
    # An own entry that ``covers`` the instrument the question names as its subject: the job
    # seeker asks about that ("de jobcoach heeft een proefplaatsing gevonden ... hoeveel uur
    # moet ik daar werken?" is the trial placement, not starting work). Named only as the
    # setting ("kinderopvang tijdens de proefplaats, wie betaalt?") it counts as much against.
    # Round k, on the ten opened sets: two more right, none fewer (0.3 chosen, not tuned).
    COVERED_NAMED_BONUS = 0.3
    ANSWER_WEIGHT: float
    CLARIFY_MARGIN: float
    audience: str | None
    norm: Normalizer
    entries: list[FaqEntry]
    instruments: list[str]
    subjects: InstrumentClassifier | None
    name_terms: dict[str, set[int]]
    query_tokens: Callable[[str], list[tuple[str, bool]]]
    _doc: Callable[..., Doc]
    _confidence: Callable[[float], float]
    _passing_and_free: Callable[[str], tuple[set[int], set[int]]]
    _named_as_setting: Callable[[str], tuple[set[int], str, set[int]]]

    def _build_subjects(self, docs: Sequence[Doc]) -> None:
        """``docs``: the example questions of all items, in the order of their entries."""
        own: list[Doc] = []
        labels: list[str] = []
        at = 0
        self.subject_items: list[int] = []
        for idx, entry in enumerate(self.entries):
            n = len(entry.questions)
            if entry.instrument == SEEKER_INSTRUMENT:
                own.extend(docs[at : at + n])
                labels.extend([entry.id] * n)
                self.subject_items.append(idx)
            at += n
        self.subjects = InstrumentClassifier(own, labels) if len(self.subject_items) > 1 else None
        self.covering = {
            name: self.entries[idx]
            for idx in reversed(self.subject_items)  # the first own entry that covers it
            for name in self.entries[idx].covers
        }
        self.subject_words: list[dict[str, float]] = []
        for idx in self.subject_items:
            entry = self.entries[idx]
            weights: dict[str, float] = {}
            for lang in LANGS:
                for t in self.norm.tokens(entry.answer.get(lang), lang):
                    weights[t] = self.ANSWER_WEIGHT
            for question in entry.questions:
                weights.update((t, 1.0) for t in self.norm.tokens(question))
            self.subject_words.append(weights)
        n = len(self.subject_words)
        df: dict[str, int] = {}
        for weights in self.subject_words:
            for t in weights:
                df[t] = df.get(t, 0) + 1
        self.subject_idf = {t: math.log((n + 1) / (d + 0.5)) for t, d in df.items()}

    def _own_ranked(
        self,
        question: str,
        toks: Sequence[tuple[str, bool]],
        lexical: Sequence[tuple[int, float]],
    ) -> list[tuple[int, float]]:
        """The job seekers' own entries, best first, with their fit; [] outside their index."""
        if self.subjects is None or SEEKER_INSTRUMENT not in self.instruments:
            return []
        return self._rank_subjects(question, toks, lexical)

    def _own_subject(
        self,
        ranked: Sequence[tuple[int, float]],
        lexical: Sequence[tuple[int, float]],
        best_item: dict[int, tuple[int, float]],
    ) -> list[tuple[int, float]]:
        """Puts the best own entry of ``ranked`` in ``best_item`` (at the job seekers'
        instrument) and returns the other own entries that fit about as well, each with how
        much less."""
        if not ranked:
            return []
        top_idx, top = ranked[0]
        pos = self.instruments.index(SEEKER_INSTRUMENT)
        best_item[pos] = (top_idx, dict(lexical).get(top_idx, 0.0))
        return [(i, top - f) for i, f in ranked[1:] if top - f < self.SUBJECT_CLARIFY_MARGIN]

    def _own_evident(
        self,
        in_scope: Sequence[tuple[float, int]],
        best_item: dict[int, tuple[int, float]],
        behind: float,
        ranked: Sequence[tuple[int, float]],
    ) -> bool:
        """Job seekers' index: an own entry, first in scope, whose words match the question
        clearly better than the best subject outside this FAQ does; or that is ``behind``
        that subject by less than CLARIFY_MARGIN (a tie) while it clearly leads the other own
        entries (OWN_CLEAR_LEAD): a coin flip between "I don't know" and a choice that starts
        with the answer the words point to ("trein geld terug krijgen? how?")."""
        if self.subjects is None or not in_scope or OUT_OF_SCOPE not in self.instruments:
            return False
        pos = in_scope[0][1]
        if self.instruments[pos] != SEEKER_INSTRUMENT:
            return False
        topic = best_item.get(self.instruments.index(OUT_OF_SCOPE), (0, 0.0))[1]
        if best_item[pos][1] - topic >= self.OWN_EVIDENCE_MARGIN:
            return True
        lead = ranked[0][1] - ranked[1][1] if len(ranked) > 1 else 0.0
        return behind < self.OWN_TIE and lead >= self.OWN_TIE_LEAD

    def _without_asides(self, question: str) -> str:
        """Job seekers' index: the question without what its writer sets aside, in the words
        their entries use (seeker_words.py)."""
        if self.audience != "seeker":
            return question
        return seeker_phrasing(without_asides(question))

    def _for_them(self, entry: FaqEntry) -> FaqEntry:
        """Job seekers' index: their own entry instead of one written for employers only, when
        the own entry covers its instrument; ``entry`` otherwise."""
        if self.audience != "seeker" or entry.seeker is not None:
            return entry
        return self.covering.get(entry.instrument, entry)

    def _for_them_all(
        self, best: FaqEntry, others: list[tuple[FaqEntry, float]]
    ) -> list[tuple[FaqEntry, float]]:
        """``others`` through ``_for_them``, each entry once and never ``best`` again."""
        seen = {best.id}
        out: list[tuple[FaqEntry, float]] = []
        for entry, score in others:
            mine = self._for_them(entry)
            if mine.id not in seen:
                seen.add(mine.id)
                out.append((mine, score))
        return out

    def _own_close(
        self, own: list[tuple[int, float]], fit: float, pos: int
    ) -> list[tuple[FaqEntry, float]]:
        """The own entries to offer beside the best one, when the answer is one of theirs."""
        if not own or self.instruments[pos] != SEEKER_INSTRUMENT:
            return []
        return [(self.entries[i], self._confidence(fit - d)) for i, d in own]

    def _own_first(
        self,
        in_scope: list[tuple[float, int]],
        toks: Sequence[tuple[str, bool]],
        ranked: Sequence[tuple[int, float]],
    ) -> list[tuple[float, int]]:
        """Job seekers' index: their own entries first when they fit about as well as the
        best (a choice either way; the first is the one written for them). When the best
        instrument is only named ("telefoonnummer jobcoach?", "wie is mijn jobcoach nu") and
        one own entry clearly fits the rest of the words, the own entry goes first from
        further away: the name made the instrument win, not what is asked. Nothing is in
        scope when the question asks only about the benefit itself (when it is paid, how
        much): "I don't know" and the klantmanager."""
        if ranked and benefit_only(self.query_tokens, toks):
            return []  # about the benefit itself: nothing here answers it (seeker_benefit.py)
        if not ranked or len(in_scope) < 2:
            return in_scope
        pos = self.instruments.index(SEEKER_INSTRUMENT)
        own = next((item for item in in_scope if item[1] == pos), None)
        if own is None or own == in_scope[0]:
            return in_scope
        margin = self.OWN_FIRST_MARGIN
        lead = ranked[0][1] - ranked[1][1] if len(ranked) > 1 else 0.0
        best = in_scope[0][1]
        named = any(best in self.name_terms.get(t, ()) for t, _ in toks)
        covered = self.instruments[best] in self.entries[ranked[0][0]].covers
        if named and not covered and lead >= self.OWN_CLEAR_LEAD:
            margin = self.NAMED_OWN_FIRST_MARGIN
        if in_scope[0][0] - own[0] >= margin:
            return in_scope
        return [own, *(item for item in in_scope if item != own)]

    def _rank_subjects(
        self, question: str, toks: Sequence[tuple[str, bool]], lexical: Sequence[tuple[int, float]]
    ) -> list[tuple[int, float]]:
        """The job seekers' own entries, best first, with their fit."""
        assert self.subjects is not None
        margins = self.subjects.margins(self._doc(question, toks))
        story = asking_part(question)
        ask_toks = self.query_tokens(story) if story else []
        if story and len(ask_toks) >= 2:
            asked = self.subjects.margins(self._doc(story, ask_toks))
            w = self.ASKING_WEIGHT
            margins = {k: (1 - w) * v + w * asked.get(k, v) for k, v in margins.items()}
        lex = dict(lexical)
        words = self._word_shares([t for t, known in toks if known])
        named, passing = self._named_freely(question)
        ranked = [
            (
                idx,
                self.SUBJECT_CLASSIFIER_WEIGHT * margins.get(self.entries[idx].id, -1.0)
                + self.SUBJECT_LEXICAL_WEIGHT * lex.get(idx, 0.0) / 100.0
                + self.SUBJECT_WORDS_WEIGHT * share
                + self.COVERED_NAMED_BONUS * bool(named & set(self.entries[idx].covers))
                - self.COVERED_NAMED_BONUS * bool(passing & set(self.entries[idx].covers)),
            )
            for idx, share in zip(self.subject_items, words, strict=True)
        ]
        ranked.sort(key=lambda p: (-p[1], p[0]))
        return ranked

    def _named_freely(self, question: str) -> tuple[set[str], set[str]]:
        """(the instruments the question names as its subject, those it names only as the
        setting: in passing, "tijdens de proefplaats", or before "maar")."""
        in_passing, free = self._passing_and_free(question)
        setting, _, _ = self._named_as_setting(question)
        names = self.instruments
        return {names[p] for p in free - setting}, {
            names[p] for p in (in_passing | setting) - (free - setting)
        }

    def _word_shares(self, toks: Sequence[str]) -> list[float]:
        """Per own entry: the IDF mass (over the own entries) of the question's words it
        uses, as a share of all of it."""
        idf = self.subject_idf
        total = sum(idf.get(t, 0.0) for t in toks) or 1.0
        return [
            sum(idf.get(t, 0.0) * words.get(t, 0.0) for t in toks) / total
            for words in self.subject_words
        ]
