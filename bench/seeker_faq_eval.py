"""The job seekers' FAQ: do their own questions get the answer written for them (run by hand).

Run from the repo root:  python bench/seeker_faq_eval.py [-v] [--dev-only] [--sealed-file NAME=PATH ...]
  -v             print the misses of the sets that may be tuned on (never of sealed sets)
  --dev-only     leave the sealed sets out entirely: use this while tuning
  --sealed-file  a set kept outside the repository until it is scored: totals only

Data: bench/data/seeker_questions_*.tsv, columns ``question`` and ``topic``: the seeker entry
``ws-<topic>`` answers it (or, for two topics, a shared entry with a job-seeker answer on the
same subject: ``ANSWERS_TOO``), or ``none`` (the bot should say it does not know and point to
the klantmanager). Each question goes through ``FaqIndex.search(question, audience="seeker")``,
as a job seeker's "Vraag stellen" does. Reported per set:
- top-1: the direct answer (or the first of a choice) is the right entry;
- answered wrong: a direct answer of another entry (the misleading case; aim 0);
- employer answers: an answer written for employers (must be 0: job seekers get their own);
- "I don't know" precision and recall on the ``none`` questions.
"""

from __future__ import annotations

import csv
import itertools
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from powbot.knowledge.faq import FaqIndex, load_faq  # noqa: E402

KNOWLEDGE_DIR = ROOT / "powbot" / "knowledge" / "content"
DATA = ROOT / "bench" / "data"
# Written blind on 2026-12-07 by a helper who saw neither the FAQ nor the code; scored once at
# 0e104fb (top-1 48.1 %, 21 answered wrong, idk precision 59.2 %), then tuned on. Its twin
# seeker_questions_blind_b.tsv stays outside the repository (sealed), scored at 0e104fb
# (35.6 %, 25 wrong, 55.1 %) and at the end of the round.
# seeker_questions_blind_c.tsv: written blind in other voices (a 58-year-old on WW, a young
# man on bijstand in slang, a statushouder, a single mother mixing Dutch and English ...),
# scored once at 66c2c4b after the round on seeker_a (top-1 72.1 %, 23 answered wrong; at
# 0e104fb 47.1 %, 24), then tuned on. Its twin seeker_questions_blind_d.tsv is sealed (at
# 0e104fb 35.6 %, 31 wrong; at 66c2c4b 62.5 %, 26 wrong; at 6669d8c, after the round on
# seeker_c, 62.5 %, 27 wrong, idk precision 63.0 %). seeker_b at 6669d8c: 61.5 %, 26 wrong,
# idk precision 73.1 % (at 7716385 62.5 %, 24, 73.5 %). Both are now in bench/data as SEALED
# (below); write a new blind set before the next round of tuning, as for the employer sets.
# seeker_questions_blind_e.tsv: written blind on 2026-12-08 by someone who saw neither the FAQ
# nor the code, mostly long stories with the question last (136 questions over 8 topics, 20
# "none"); scored once at 9a93ea8 before any change (top-1 75.0 %, 22 answered wrong, idk
# precision 50.0 % recall 65.0 %), then tuned on. Its twin seeker_questions_blind_f.tsv was
# kept outside the repository and scored twice with --sealed-file: at 9a93ea8 62.5 %, 34
# wrong, idk precision 46.7 % recall 70.0 %; at 64190d8, after the round on seeker_e (own
# entries told apart on their own, a choice when two fit alike, remarks the writer sets aside
# left out), 69.1 %, 18 wrong, idk precision 51.6 % recall 80.0 %. In the same run seeker_e
# 80.1 %, 9 wrong, idk 59.3 % / 80.0 %; seeker_b 72.1 %, 14 wrong, idk 74.5 % / 82.6 %;
# seeker_d 67.3 %, 18 wrong, idk 65.9 % / 63.0 %; seeker_a 96.2 %, 1; seeker_c 91.3 %, 4.
# blind_f is now in bench/data as SEALED (below). Direct answers about another subject are
# still 14-18 of ~150 on the sealed sets: write a new blind set before the next round.
# Opened on 2026-12-07 for the seeker round g: b, d and f had their blind scores recorded
# above, so they are tuned-on sets now like a, c and e (their rows were read and tuned on).
# A new blind set, seeker_questions_blind_g.tsv (written blind by someone else while the round
# ran), measures it: see G_SCORES below. The round (earning extra on WW or Wajong sourced to
# UWV and the Rijksoverheid, a seeker topic for questions about work itself, 'duur' as
# 'expensive', a choice instead of a confident answer when two fit alike) took the six opened
# sets, from e79fd17: top-1 / answered wrong / idk precision-recall
#   seeker_a 96.2 % / 1 / 95.7-95.7 -> 97.1 % / 1 / 100.0-97.8
#   seeker_b 72.1 % / 14 / 74.5-82.6 -> 83.7 % / 8 / 89.4-91.3
#   seeker_c 91.3 % / 4 / 89.4-91.3 -> 91.3 % / 1 / 93.0-87.0
#   seeker_d 67.3 % / 18 / 65.9-63.0 -> 77.9 % / 6 / 79.2-82.6
#   seeker_e 80.1 % / 9 / 59.3-80.0 -> 94.1 % / 2 / 86.4-95.0
#   seeker_f 69.1 % / 18 / 51.6-80.0 -> 89.7 % / 2 / 79.2-95.0
# (employer answers 0 everywhere, before and after). Measured at e79fd17 and at the end of
# the round (68aec50 plus five example questions, the committed seeker content). The same
# figures at the end: seeker_a 97.1 % / 1, seeker_b 83.7 % / 8, seeker_c 92.3 % / 1,
# seeker_d 80.8 % / 5, seeker_e 93.4 % / 2, seeker_f 91.9 % / 2.
# G_SCORES: seeker_questions_blind_g.tsv (144 questions, 26 "none"), written blind on
# 2026-12-07 and kept outside the repository while the round ran; scored twice with
# --sealed-file, totals only, its rows never read: at e79fd17 (before the round) top-1 68.8 %,
# 16 answered wrong, 0 employer answers, idk precision 42.6 % recall 76.9 %; at the end of the
# round 83.3 %, 6 answered wrong, 0 employer answers, idk precision 57.1 % recall 76.9 %. It is
# in bench/data (SEALED until round i, below: its rows were not read until then); write a
# new blind set before the next round of tuning.
# H_SCORES, the round of 2026-12-07 evening (the index split by concept; a job seeker's own
# entry in place of one written for employers only when it ``covers`` that instrument; the
# money rule kept off the job seekers' own entries; a job-seeker text on the no-riskpolis
# entry of who is covered; example questions kept only when no dev set got worse). A new
# blind set, seeker_h, was written by another helper while the round ran and kept outside the
# repository (/work/sealed/seeker_h/questions.tsv, 144 questions, 26 "none"); its rows were
# never opened, read or printed, and it was scored twice with --sealed-file, totals only: at
# 9d97930 (before the round, in a worktree) top-1 88.2 %, 6 answered wrong, 0 employer
# answers, idk precision 74.1 % recall 76.9 %; at the end of the round (1255b9a) 87.5 %, 6
# answered wrong, 0 employer answers, idk precision 71.4 % recall 76.9 % (one question fewer
# right, one more "I don't know" for an in-scope question: the dev-set gains did not carry
# over; not tuned on). In the same runs the dev sets, 9d97930 -> 1255b9a, top-1 / answered
# wrong / idk precision-recall:
#   seeker_a 97.1 % / 1 / 100.0-97.8 -> the same
#   seeker_b 82.7 % / 8 / 91.3-91.3 -> 83.7 % / 8 / 91.3-91.3
#   seeker_c 91.3 % / 2 / 95.3-89.1 -> 93.3 % / 1 / 95.3-89.1
#   seeker_d 80.8 % / 4 / 82.6-82.6 -> 80.8 % / 4 / 84.4-82.6
#   seeker_e 93.4 % / 2 / 86.4-95.0 -> 94.9 % / 2 / 86.4-95.0
#   seeker_f 91.9 % / 2 / 86.4-95.0 -> 92.6 % / 2 / 90.5-95.0
# and the sealed seeker_g 82.6 % / 6 / 58.8-76.9 -> 84.0 % / 6 / 58.8-76.9 (employer answers 0
# everywhere). seeker_h was then copied into bench/data as seeker_questions_blind_h.tsv.
# Opened on 2026-12-07 for the seeker round i: g and h had their blind scores recorded above,
# so they are tuned-on sets now like a-f. I_SCORES: a new blind set (voice-dictated, very short
# queries, long stories, formal 60-year-olds, slang, newcomers, English) was written elsewhere
# and split by line parity; half A (seeker_questions_blind_i.tsv, 90 questions, 13 "none")
# was scored once untouched at 46699c6 (top-1 84.4 %, 6 answered wrong, 0 employer answers,
# idk precision 70.6 % recall 92.3 %) and then tuned on; half B stayed outside the repository
# and is scored with --sealed-file, totals only: at 46699c6 84.2 %, 8 answered wrong, 0
# employer answers, idk precision 75.0 % recall 85.7 % (76 in scope, 14 "none"); at the end of
# the round (c53e571) 85.5 %, 5 answered wrong, 0 employer answers, idk precision 80.0 %
# recall 85.7 % (its second and last scoring; its rows never read).
# The round i (a job seeker's own entry that matches the words 25 lexical points better than
# the best out-of-scope topic is a choice with "none of these", not "I don't know"; two own
# entries within 0.5 instead of 0.35 a choice; tickets, 'verder', 'uitk'; the complaint and
# the duty to take part sourced to the Awb and the Participatiewet; example questions and
# seeker-only out-of-scope examples each kept only if no opened set got worse), top-1 /
# answered wrong / idk precision-recall, at 46699c6 -> c53e571 (python bench/seeker_faq_eval.py):
#   seeker_a 97.1 % / 1 / 100.0-97.8 -> 98.1 % / 1 / 100.0-97.8
#   seeker_b 83.7 % / 8 / 91.3-91.3 -> 86.5 % / 2 / 93.5-93.5
#   seeker_c 93.3 % / 1 / 95.3-89.1 -> 93.3 % / 1 / 95.3-89.1
#   seeker_d 80.8 % / 4 / 84.4-82.6 -> 84.6 % / 3 / 84.4-82.6
#   seeker_e 94.9 % / 2 / 86.4-95.0 -> 97.8 % / 1 / 90.5-95.0
#   seeker_f 92.6 % / 2 / 90.5-95.0 -> 92.6 % / 1 / 95.0-95.0
#   seeker_g 84.0 % / 6 / 58.8-76.9 -> 86.1 % / 3 / 62.9-84.6
#   seeker_h 87.5 % / 6 / 71.4-76.9 -> 91.7 % / 5 / 90.9-76.9
#   seeker_i 84.4 % / 6 / 70.6-92.3 -> 90.9 % / 2 / 81.2-100.0
# (employer answers 0 everywhere). The employer helper's work landed in between; on one tree,
# without and with this round's changes, the nine sets summed: top-1 936 -> 962 of 1053,
# answered wrong 36 -> 19, idk right 256 -> 260 of 289. bench/faq_eval.py's product figures
# are the same without and with this round's synonyms. Left: asking for "a person" is the
# intent layer's (so the FAQ says "I don't know", counted as a miss on g/h); earning extra and
# starting work stay close (the sets label agency work with changing hours either way).
# J_SCORES, the round of 2026-12-07 night (issues 13/15, the job seekers' side): a new blind
# set, seeker_j, was written elsewhere while the round ran and kept outside the repository
# (/work/sealed/seeker_j/, split in halves; 100 questions each, 16 "none"). Half A was tuned
# on (its questions never copied here; examples are written in other words); half B was
# scored twice with --sealed-file, totals only, its rows never read: at 83985b2 (before the
# round) top-1 83.3 %, 3 answered wrong, 0 employer answers, idk precision 70.0 % recall
# 87.5 %; at the end of the round exactly the same. Half A at 83985b2 -> the end: top-1
# 85.7 -> 86.9 %, answered wrong 2 -> 1, idk 77.8-87.5 % both times. The round ('meenemen'
# no longer an aid word, 'wanneer krijg ik betaald' is starting work, starting work says
# when wages and the payslip come, the first-day ID check and one loonheffingskorting, the
# vrijlating cited to Participatiewet 31 lid 2 n/r; a scheme that wins only by its name, or
# an outside subject that ties, gives a choice starting with the clearly asked own entry),
# top-1 / answered wrong / idk precision-recall, 83985b2 -> the end (--dev-only):
#   seeker_a 98.1 % / 1 / 100.0-97.8 -> the same
#   seeker_b 86.5 % / 2 / 93.5-93.5 -> the same
#   seeker_c 93.3 % / 1 / 95.3-89.1 -> 95.2 % / 0 / 97.6-89.1
#   seeker_d 84.6 % / 3 / 84.4-82.6 -> 85.6 % / 2 / 84.4-82.6
#   seeker_e 97.8 % / 1 / 90.5-95.0 -> the same
#   seeker_f 92.6 % / 1 / 95.0-95.0 -> 95.6 % / 1 / 100.0-95.0
#   seeker_g 86.1 % / 3 / 62.9-84.6 -> 87.5 % / 1 / 65.7-88.5
#   seeker_h 91.7 % / 5 / 90.9-76.9 -> 93.1 % / 5 / 90.9-76.9
#   seeker_i 90.9 % / 2 / 81.2-100.0 -> 93.5 % / 0 / 86.7-100.0
# (employer answers 0 everywhere; summed top-1 962 -> 975 of 1053, answered wrong 19 -> 13).
# Every example question was kept only if no opened set got worse. Left: earning extra and
# starting work stay close (agency work, "will I be better off"); synonyms are shared with
# the employers' index, so a phrase for being paid ("krijg ik betaald") moved employer sets
# and was dropped. Write a new blind set before the next round of tuning.
# K_SCORES, the round of 2026-12-08 (seeker round k): a new blind set, seeker_k, was written
# this session by someone who saw neither the code nor the content (short chat questions,
# broken Dutch and English, first-day-at-work and everyday money questions; 160 questions in
# two halves of 80, 12 "none" in half A) and kept outside the repository
# (/work/sealed/seeker_k/). Half A is seeker_questions_blind_k.tsv, scored once untouched at
# 1c06988 (top-1 76.5 %, 6 answered wrong, 0 employer answers, idk precision 50.0 % recall
# 83.3 %) and then tuned on; half B stays sealed, scored with --sealed-file, totals only: at
# 1c06988 85.3 %, 3 answered wrong, 0 employer answers, idk precision 71.4 % recall 83.3 %;
# mid-round (b2b5b79) and at the end (6f21d6e) the same: 91.2 %, 3 answered wrong, 0 employer
# answers, idk precision 76.9 % recall 83.3 % (its second and last scoring; rows never read).
# The round (seeker_words.py: a job seeker's own words read in their index only, as 'mijn
# coach' = the contact person, 'het ov' = bus and train fare, arrears, bailiffs, payment plans
# = debts, gastouder/bso/peuteropvang = childcare, 'werken met behoud van uitkering' and
# 'werkervaringsplek' = work experience, a signed contract or the first salary = starting
# work; seeker_benefit.py: a question only about the benefit itself, its payment day, amount
# or how long it lasts, is "I don't know"; an own entry that covers a scheme named as the
# subject counts the name for it, named as the setting against it; starting work says what a
# new employer asks and what a payslip is; example questions about the first work day were
# tried and dropped: they cost four opened sets), top-1 / answered wrong / idk
# precision-recall, at 1c06988 -> 6f21d6e (--dev-only; HEAD without this round's files gives
# exactly the 1c06988 figures, so the gains are the round's):
#   seeker_a 98.1 % / 1 / 100.0-97.8 -> the same
#   seeker_b 86.5 % / 2 / 93.5-93.5 -> 90.4 % / 1 / 97.7-93.5
#   seeker_c 95.2 % / 0 / 97.6-89.1 -> 96.2 % / 0 / 97.6-89.1
#   seeker_d 85.6 % / 2 / 84.4-82.6 -> 89.4 % / 2 / 90.5-82.6
#   seeker_e 97.8 % / 1 / 90.5-95.0 -> 98.5 % / 1 / 90.5-95.0
#   seeker_f 95.6 % / 1 / 100.0-95.0 -> 96.3 % / 1 / 100.0-95.0
#   seeker_g 87.5 % / 1 / 65.7-88.5 -> 93.8 % / 1 / 85.2-88.5
#   seeker_h 93.1 % / 5 / 90.9-76.9 -> 93.8 % / 4 / 95.5-80.8
#   seeker_i 93.5 % / 0 / 86.7-100.0 -> 94.8 % / 0 / 92.9-100.0
#   seeker_k 76.5 % / 6 / 50.0-83.3 -> 92.6 % / 0 / 68.8-91.7
# (employer answers 0 everywhere; bench/faq_eval.py --no-latency --dev-only prints the same
# with and without this round's files). Half B's gain did not reach its wrong answers (3 both
# times). Left: asking for "a person" is the intent layer's; payroll words a job seeker uses
# ("loonheffingskorting", "reiskostenvergoeding per km") lose to the employers' payroll topic.
# Write a new blind set before the next round of tuning.
SETS = (
    ("seeker_a", DATA / "seeker_questions_blind_a.tsv"),
    ("seeker_b", DATA / "seeker_questions_blind_b.tsv"),
    ("seeker_c", DATA / "seeker_questions_blind_c.tsv"),
    ("seeker_d", DATA / "seeker_questions_blind_d.tsv"),
    ("seeker_e", DATA / "seeker_questions_blind_e.tsv"),
    ("seeker_f", DATA / "seeker_questions_blind_f.tsv"),
    ("seeker_g", DATA / "seeker_questions_blind_g.tsv"),
    ("seeker_h", DATA / "seeker_questions_blind_h.tsv"),
    ("seeker_i", DATA / "seeker_questions_blind_i.tsv"),
    ("seeker_k", DATA / "seeker_questions_blind_k.tsv"),
)
# Sets in the repository that are still blind (totals only, never their rows): none now.
SEALED: tuple[tuple[str, Path], ...] = ()
# Shared entries whose job-seeker answer covers the same subject (from their texts).
ANSWERS_TOO = {
    "ws-proefplaats": {"pp-what", "pp-uwv", "pp-gemeente", "pp-apply", "pp-behoud-uitkering"},
    "ws-contact": {"wsp-who", "wsp-werkcentrum"},
}


@dataclass
class Scores:
    n_in: int = 0
    top1: int = 0
    wrong: int = 0
    employer: int = 0
    n_out: int = 0
    idk_true: int = 0
    idk_said: int = 0

    def line(self) -> str:
        precision = self.idk_true / self.idk_said if self.idk_said else 1.0
        recall = self.idk_true / max(1, self.n_out)
        return (
            f"top-1 {self.top1 / max(1, self.n_in):6.1%} (n={self.n_in:3d})"
            f" | answered wrong {self.wrong:2d}, employer answers {self.employer:2d}"
            f" | idk precision {precision:6.1%} recall {recall:6.1%} (n={self.n_out:2d})"
        )


def read_tsv(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [(r["question"].strip(), r["topic"].strip()) for r in rows if r["question"]]


def evaluate(index: FaqIndex, rows: list[tuple[str, str]]) -> tuple[Scores, list[str]]:
    scores, misses = Scores(), []
    for question, topic in rows:
        result = index.search(question, audience="seeker")
        expected = None if topic == "none" else f"ws-{topic}"
        shown = result.best if result.decision in ("answer", "clarify") else None
        if shown is None and result.alternatives:
            shown = result.alternatives[0][0]
        said_idk = result.decision == "unknown"
        scores.idk_said += said_idk
        right = {expected, *ANSWERS_TOO.get(expected or "", ())}
        if result.decision == "answer" and result.best is not None:
            scores.wrong += result.best.id not in right
            scores.employer += "seeker" not in result.best.audience
        if expected is None:
            scores.n_out += 1
            scores.idk_true += said_idk
            if not said_idk:
                misses.append(
                    f"    out none -> {shown.id if shown else result.decision} {question}"
                )
            continue
        scores.n_in += 1
        hit = shown is not None and shown.id in right
        scores.top1 += hit
        if not hit:
            got = shown.id if shown else result.decision
            misses.append(f"    in  {expected} -> {got} {question}")
    return scores, misses


def main(argv: list[str]) -> int:
    index = FaqIndex(load_faq(KNOWLEDGE_DIR))
    sets = [(name, read_tsv(path), False) for name, path in SETS if path.exists()]
    if "--dev-only" not in argv:  # leave the sealed sets out entirely while tuning
        sets += [(name, read_tsv(path), True) for name, path in SEALED if path.exists()]
    for flag, value in itertools.pairwise(argv):
        if flag == "--sealed-file":
            name, _, path = value.partition("=")
            sets.append((name, read_tsv(Path(path)), True))
    for name, rows, sealed in sets:
        scores, misses = evaluate(index, rows)
        print(f"  {name:10s} {scores.line()}{'  (sealed)' if sealed else ''}")
        if "-v" in argv and not sealed:
            print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
