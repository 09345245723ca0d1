"""The composition root of the features: which capabilities this app has, in one list.

`compose()` installs them into the conversation registry; the transport calls it once when
it builds the app (and `powbot tick` when it runs the jobs). Order matters only for start
codes (tried in order) and for events (called in order).
"""

from powbot.conversation.registry import Feature, install
from powbot.features.aftercare.feature import FEATURE as AFTERCARE
from powbot.features.coach.feature import FEATURE as COACH
from powbot.features.faq.feature import FEATURE as FAQ
from powbot.features.menu import FEATURE as MENU
from powbot.features.onboarding.feature import FEATURE as ONBOARDING
from powbot.features.open_hiring.feature import FEATURE as OPEN_HIRING
from powbot.features.privacy.feature import FEATURE as PRIVACY
from powbot.features.questionnaire.feature import FEATURE as QUESTIONNAIRE

FEATURES: tuple[Feature, ...] = (
    MENU,
    ONBOARDING,
    QUESTIONNAIRE,
    OPEN_HIRING,
    FAQ,
    AFTERCARE,
    COACH,
    PRIVACY,
)


def compose(features: tuple[Feature, ...] = FEATURES) -> None:
    install(features)
