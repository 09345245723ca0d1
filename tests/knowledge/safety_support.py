"""What the crisis-detector tests share: the shipped content and the detector's own
training examples (a test of fresh wording must not test what the model was taught)."""

from __future__ import annotations

from pathlib import Path

from powbot.knowledge.safety_model import read_examples

CONTENT = Path(__file__).resolve().parents[2] / "powbot" / "knowledge" / "content"


def taught() -> set[str]:
    """The texts of safety/examples.tsv, case-folded."""
    return {text.casefold() for text, _ in read_examples(CONTENT / "safety/examples.tsv", [])}


# The region's places the help texts name (region.yaml gives them in the bot).
PLACES = {"shelter": "Nachtopvang 010-1234567", "food": "Voedselbank", "gemeente": "de gemeente"}
