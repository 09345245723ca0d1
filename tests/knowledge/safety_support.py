"""What the crisis-detector tests share: the shipped content and the detector's own
training examples (a test of fresh wording must not test what the model was taught)."""

from __future__ import annotations

from pathlib import Path

from powbot.knowledge.safety import SafetyContent
from powbot.knowledge.safety_model import read_examples

CONTENT = Path(__file__).resolve().parents[2] / "powbot" / "knowledge" / "content"


def taught() -> set[str]:
    """The texts of safety/examples.tsv, case-folded."""
    return {text.casefold() for text, _ in read_examples(CONTENT / "safety/examples.tsv", [])}


# The region's places the help texts name (region.yaml gives them in the bot).
PLACES = {"shelter": "Nachtopvang 010-1234567", "food": "Voedselbank", "gemeente": "de gemeente"}


def assert_full_help(safety: SafetyContent, text: str, kind: str, number: str) -> None:
    """`text` gets the full crisis reply (not only the one-line hint) for `kind`, and that
    reply gives `number` in the language the message was written in."""
    hit = safety.check(text)
    assert hit is not None and not hit.possible, text
    assert kind in hit.kinds, (text, hit.kinds)
    assert number in safety.help_text(hit.language, hit, PLACES), text
