"""Data rights: explanation, export, erase, retention."""

from powbot.conversation.registry import Feature
from powbot.features.privacy.flow import PrivacyFlow, apply_retention, tell_coach

FEATURE = Feature(
    name="privacy",
    flows=(PrivacyFlow(),),
    on_erase=(tell_coach,),
    periodic=(apply_retention,),
)
