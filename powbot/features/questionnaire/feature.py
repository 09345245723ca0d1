"""The werkfit questionnaire and the profile it ends in."""

from powbot.conversation.registry import Feature, MenuItem
from powbot.features.questionnaire.flow import QuestionnaireFlow, show_latest, start

SEEKER = frozenset({"seeker"})

FEATURE = Feature(
    name="questionnaire",
    flows=(QuestionnaireFlow(),),
    menu=(
        MenuItem("questionnaire", "menu.questionnaire", SEEKER, start, order=10),
        MenuItem("profile", "menu.profile", SEEKER, show_latest, order=20),
    ),
)
