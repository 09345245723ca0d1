"""Coaches: caseload, today's work, client links, digests and follow-ups."""

from powbot.conversation.registry import Feature, MenuItem
from powbot.domain.roles import COACHES, SEEKERS
from powbot.features.coach import flow as coach
from powbot.features.coach import link, screens
from powbot.features.coach.placement_form import PLACEMENT_FORM

FEATURE = Feature(
    name="coach",
    flows=(coach.CoachFlow(), link.ClientFlow(), PLACEMENT_FORM),
    menu=(
        MenuItem("coach_clients", "coach.menu_clients", COACHES, coach.caseload, order=10),
        MenuItem("coach_today", "coach.menu_today", COACHES, coach.show_today, order=20),
        MenuItem("coach_link", "coach.menu_link", COACHES, link.create_link, order=30),
        MenuItem("my_coach", "aftercare.menu_coach", SEEKERS, link.my_coach, order=60),
    ),
    start_codes=(link.use_link_code,),
    # 'ok tot straks anna' after the coach's message; a coach's 'hoe gaat het met bram'.
    for_a_person={"seeker": link.offer_to_coach, "coach": screens.open_named_client},
    pushed_replies=(link.typed_coach_reply,),
    jobs={coach.KIND_DIGEST: coach.job_digest, coach.KIND_FOLLOWUP: coach.job_followup},
    # Keeps tomorrow's digest planned for every coach (idempotent, once per scheduler pass).
    periodic=(coach.plan_digests,),
)
