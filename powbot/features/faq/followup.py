"""A short follow-up without a subject of its own ("hoe lang mag dat?", "wat kost dat?", "en als
ie ziek wordt?") is read with the subject of the answer just given. After the trial placement's
answer, "hoe lang mag dat?" got the contracts refusal (tester, issue 15). Narrow on purpose:
only a short question that points back and names no scheme of its own."""

from __future__ import annotations

from powbot.conversation.context import Ctx
from powbot.features.faq.common import instrument_name, visible_entry
from powbot.knowledge.faq.normalise import _words

MAX_WORDS = 10
# Words that point back to what was just answered, in either language.
BACK = frozenset(
    "dat die ie dit daarvoor daarvan daarmee daarna hij zij hem "
    "it that this he she they him".split()
)
# A question that opens like this carries on the one before ("hoe lang?", "en als ...").
OPENINGS = (("hoe", "lang"), ("wat", "kost"), ("en", "als"), ("how", "long"), ("and", "if"))


def with_previous_subject(ctx: Ctx, question: str) -> str:
    """``question``, or when it is a follow-up without its own subject, the instrument of the
    last answer put before it ("Proefplaatsing: hoe lang mag dat?")."""
    last = ctx.user.flow_data.get("qa")
    entry = visible_entry(ctx, last) if isinstance(last, str) else None
    if entry is None:
        return question
    words = _words(question)
    if not words or len(words) > MAX_WORDS:
        return question
    if not (BACK & set(words) or tuple(words[:2]) in OPENINGS):
        return question
    index = ctx.content.faq_index
    toks = index.query_tokens(question)
    if any(tok in index.name_terms for tok, _ in toks):
        return question  # it names a scheme of its own
    if any(not known and tok not in BACK for tok, known in toks):
        return question  # a word the FAQ does not know: another subject ("het stadhuis")
    return f"{instrument_name(ctx, entry.instrument)}: {question}"
