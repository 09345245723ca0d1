"""Questions about hiring instruments, answered from vetted content, and the WSP hand-off."""

from powbot.conversation.registry import Feature, MenuItem
from powbot.domain.roles import SEEKERS, Role
from powbot.features.faq.flow import FaqFlow, answer_aside, explain, free_text

FEATURE = Feature(
    name="faq",
    flows=(FaqFlow(),),
    free_text={"employer": free_text, "seeker": free_text},
    # Coaches have no free-text handler (their typing is mostly names and notes), but a
    # question the FAQ is sure of is answered (pipeline.py).
    side_answers={"employer": answer_aside, "seeker": answer_aside, "coach": answer_aside},
    menu=(
        MenuItem("faq", "faq.menu", frozenset({Role.EMPLOYER, Role.COACH}), explain, order=5),
        MenuItem("faq_seeker", "faq.menu", SEEKERS, explain, order=50),
    ),
)
