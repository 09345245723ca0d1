"""The first free-text messages after a start do not wait for models: the bot loads the
crisis model, the language models and the FAQ index on a background thread at start."""

from __future__ import annotations

import asyncio
import threading

from powbot.bot.app import create_app
from powbot.features.understanding import language
from tests.conftest import make_settings
from tests.telegram_double import RecordingSession


async def _warm_up_done() -> None:
    for _ in range(600):
        if not any(t.name == "warm-up" for t in threading.enumerate()):
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the warm-up thread did not finish")


async def test_the_bot_loads_the_crisis_and_language_models_before_the_first_message(
    sqlite_url: str,
) -> None:
    app = await create_app(make_settings(sqlite_url), session=RecordingSession())
    try:
        await _warm_up_done()
        model = app.runtime.content.safety.model
        assert model is not None and model._svm is not None  # a crisis is answered at once
        assert language._detector is not None  # a Polish message is not held up either
        # And the first message in crisis gets its help from the loaded model.
        hit = app.runtime.content.safety.check("ik wil er een eind aan maken")
        assert hit is not None and "suicide" in hit.kinds and not hit.possible
    finally:
        await app.close()
