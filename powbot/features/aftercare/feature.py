"""Aftercare: check-ins after a start, reminders, escalations, blocked and returning workers."""

from powbot.conversation.registry import Feature, MenuItem
from powbot.domain.events import Event
from powbot.domain.roles import SEEKERS
from powbot.features.aftercare import flow as aftercare
from powbot.features.aftercare.employer import EmployerCheckinFlow
from powbot.features.aftercare.reply import typed_checkin_reply

FEATURE = Feature(
    name="aftercare",
    flows=(aftercare.AftercareFlow(), EmployerCheckinFlow()),
    menu=(MenuItem("my_job", "aftercare.menu_job", SEEKERS, aftercare.my_job, order=65),),
    jobs={
        aftercare.KIND_CHECKIN: aftercare.job_checkin,
        aftercare.KIND_REMIND: aftercare.job_remind,
        aftercare.KIND_ESCALATE: aftercare.job_escalate,
        aftercare.KIND_UNREACHABLE: aftercare.job_unreachable,
    },
    pushed_replies=(typed_checkin_reply,),
    on_return=(aftercare.on_return,),
    on_unreachable=(aftercare.on_unreachable,),
    subscribers={
        Event.PLACEMENT_CREATED: (aftercare.plan_checkins,),
        Event.PLACEMENT_ENDED: (aftercare.stop_checkins,),
    },
)
