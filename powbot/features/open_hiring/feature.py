"""Open Hiring: job seekers browse and sign up; employers post and manage vacancies; the
queue's timed offers expire and remind; the day before a start both sides are reminded."""

from powbot.conversation.registry import Feature, MenuItem
from powbot.domain import open_hiring_jobs as jobs
from powbot.domain import open_hiring_queue as queue
from powbot.domain.open_hiring_hire import START_JOB
from powbot.domain.roles import EMPLOYERS, SEEKERS
from powbot.features.open_hiring.offer_reply import typed_offer_answer
from powbot.features.open_hiring.signup import OpenHiringFlow, browse_entry, my_signups
from powbot.features.open_hiring.vacancies import VacancyFlow, my_vacancies, new_vacancy

FEATURE = Feature(
    name="open_hiring",
    flows=(OpenHiringFlow(), VacancyFlow()),
    menu=(
        MenuItem("vacancies", "open_hiring.menu_vacancies", SEEKERS, browse_entry, order=30),
        MenuItem("my_signups", "open_hiring.menu_my_signups", SEEKERS, my_signups, order=31),
        MenuItem("new_vacancy", "open_hiring.menu_new_vacancy", EMPLOYERS, new_vacancy, order=30),
        MenuItem(
            "my_vacancies", "open_hiring.menu_my_vacancies", EMPLOYERS, my_vacancies, order=31
        ),
    ),
    jobs={
        queue.REMINDER_JOB: jobs.remind,
        queue.EXPIRY_JOB: jobs.expire,
        START_JOB: jobs.remind_start,
    },
    pushed_replies=(typed_offer_answer,),
    on_erase=(queue.leave_everything,),
)
