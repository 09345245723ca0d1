"""Pure renderers of the worker's check-in messages: the mood question with its buttons,
a question with its answers."""

from __future__ import annotations

from powbot.domain.coaching import push_button
from powbot.domain.messages import Button, Reply
from powbot.domain.unit import Services
from powbot.features.aftercare.common import AFTERCARE_FLOW
from powbot.knowledge.aftercare import Aftercare
from powbot.storage.models_aftercare import CheckIn

NAME = AFTERCARE_FLOW


def mood_buttons(aftercare: Aftercare, checkin_id: int) -> list[list[Button]]:
    return [
        [
            push_button(emoji, NAME, "m", f"{checkin_id}.{index + 1}")
            for index, emoji in enumerate(aftercare.mood.emoji)
        ]
    ]


def mood_reply(
    services: Services, lang: str, checkin: CheckIn, intro_key: str, **values: str
) -> Reply:
    aftercare = services.content.aftercare
    assert checkin.id is not None
    scale = " · ".join(
        f"{emoji} {label}"
        for emoji, label in zip(aftercare.mood.emoji, aftercare.mood.labels.get(lang), strict=True)
    )
    text = "\n\n".join(
        [
            services.text(lang, intro_key, **values),
            aftercare.mood_question(checkin.moment).get(lang),
            services.text(lang, "aftercare.mood_hint", scale=scale),
        ]
    )
    return Reply(text, mood_buttons(aftercare, checkin.id))
