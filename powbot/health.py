"""`powbot health`: the container health check (content loads, database answers)."""

from __future__ import annotations

from sqlalchemy import text

from powbot.config import Settings
from powbot.knowledge.content import load_content
from powbot.storage.db import Database


async def health(settings: Settings) -> int:
    load_content(settings.knowledge_dir)
    db = Database(settings.database_url)
    try:
        async with db.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as exc:
        print(f"unhealthy: database: {type(exc).__name__}")
        return 1
    finally:
        await db.dispose()
    print("ok")
    return 0
