"""Open Hiring: job seekers browse and sign up; employers post and manage vacancies; the
queue's timed offers expire and remind."""

from powbot.conversation.registry import Feature, MenuItem
from powbot.domain import open_hiring_queue as queue
from powbot.features.open_hiring.signup import OpenHiringFlow, browse_entry, my_signups
from powbot.features.open_hiring.vacancies import VacancyFlow, my_vacancies, new_vacancy

SEEKER = frozenset({"seeker"})
EMPLOYER = frozenset({"employer"})

FEATURE = Feature(
    name="open_hiring",
    flows=(OpenHiringFlow(), VacancyFlow()),
    menu=(
        MenuItem("vacancies", "open_hiring.menu_vacancies", SEEKER, browse_entry, order=30),
        MenuItem("my_signups", "open_hiring.menu_my_signups", SEEKER, my_signups, order=31),
        MenuItem("new_vacancy", "open_hiring.menu_new_vacancy", EMPLOYER, new_vacancy, order=30),
        MenuItem("my_vacancies", "open_hiring.menu_my_vacancies", EMPLOYER, my_vacancies, order=31),
    ),
    jobs={queue.REMINDER_JOB: queue.remind, queue.EXPIRY_JOB: queue.expire},
    on_erase=(queue.leave_everything,),
)
