"""The werkfit questionnaire and the profile it ends in."""

from powbot.conversation.registry import Feature, MenuItem
from powbot.domain.roles import SEEKERS
from powbot.features.questionnaire.flow import QuestionnaireFlow, show_latest, start
from powbot.features.questionnaire.reminders import KIND as REMINDER
from powbot.features.questionnaire.reminders import send_reminder

FEATURE = Feature(
    name="questionnaire",
    flows=(QuestionnaireFlow(),),
    menu=(
        MenuItem("questionnaire", "menu.questionnaire", SEEKERS, start, order=10),
        MenuItem("profile", "menu.profile", SEEKERS, show_latest, order=20),
    ),
    jobs={REMINDER: send_reminder},
)
