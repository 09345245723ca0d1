"""Questions about hiring instruments, answered from vetted content, and the WSP hand-off."""

from powbot.conversation.registry import Feature, MenuItem
from powbot.features.faq.flow import FaqFlow, explain, free_text

FEATURE = Feature(
    name="faq",
    flows=(FaqFlow(),),
    free_text={"employer": free_text, "seeker": free_text},
    menu=(
        MenuItem("faq", "faq.menu", frozenset({"employer", "coach"}), explain, order=5),
        MenuItem("faq_seeker", "faq.menu", frozenset({"seeker"}), explain, order=50),
    ),
)
