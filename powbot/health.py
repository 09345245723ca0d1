"""`powbot health`: the container health check (content loads, database answers)."""

from __future__ import annotations

from sqlalchemy import text

from powbot.config import Settings
from powbot.knowledge.check import region_warnings
from powbot.knowledge.content import load_content
from powbot.storage.db import Database


async def health(settings: Settings) -> int:
    content = load_content(settings.knowledge_dir)
    for line in region_warnings(content):
        print(line)  # a warning: the bot runs, but its help numbers are placeholders
    db = Database(settings.database_url)
    try:
        async with db.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        for line in await contact_warnings(db, settings):
            print(line)  # a warning, not a failure: the bot itself is healthy
    except Exception as exc:
        print(f"unhealthy: database: {type(exc).__name__}")
        return 1
    finally:
        await db.dispose()
    print("ok")
    return 0


async def contact_warnings(db: Database, settings: Settings) -> list[str]:
    """WSP contacts the bot cannot write to: their call-back requests wait (held)."""
    from powbot.domain.contacts import REACHABLE, contact_states

    try:
        async with db.transaction() as session:
            states = await contact_states(session, list(settings.wsp_contact_ids))
    except Exception:  # tables not there yet (before the first migration)
        return []
    return [
        f"warning: WSP contact {contact_id} {state}: call-back requests wait until they "
        "start the bot (see `powbot admin callbacks`)"
        for contact_id, state in states.items()
        if state != REACHABLE
    ]
