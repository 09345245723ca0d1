"""Data rights: explanation, export, erase, retention."""

from powbot.conversation.registry import Feature
from powbot.features.privacy.flow import ERASE_FORM, apply_retention, tell_coach

FEATURE = Feature(
    name="privacy",
    flows=(ERASE_FORM,),
    on_erase=(tell_coach,),
    periodic=(apply_retention,),
)
