"""Onboarding: language, role, consent, and the role invites typed after /start."""

from powbot.conversation.registry import Feature
from powbot.features.onboarding.flow import OnboardingFlow
from powbot.features.onboarding.invites import use_role_invite

FEATURE = Feature(
    name="onboarding",
    flows=(OnboardingFlow(),),
    start_codes=(use_role_invite,),
)
