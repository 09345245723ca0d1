"""Settings from the environment and an optional .env file."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PACKAGE_KNOWLEDGE_DIR = Path(__file__).parent / "knowledge" / "content"


class ConfigError(Exception):
    """A setting is missing or invalid; the message is one line that names it."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    telegram_bot_token: str | None = Field(default=None, alias="TELEGRAM_BOT_TOKEN")
    bot_username: str | None = Field(default=None, alias="POWBOT_BOT_USERNAME")
    telegram_api_base: str | None = Field(default=None, alias="TELEGRAM_API_BASE")
    database_url: str = Field(default="sqlite+aiosqlite:///data/powbot.db", alias="DATABASE_URL")
    redis_url: str | None = Field(default=None, alias="REDIS_URL")
    admin_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list, alias="POWBOT_ADMIN_IDS"
    )
    wsp_contact_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list, alias="POWBOT_WSP_CONTACT_IDS"
    )
    timezone: str = Field(default="Europe/Amsterdam", alias="POWBOT_TIMEZONE")
    default_language: str = Field(default="nl", alias="POWBOT_DEFAULT_LANGUAGE")
    knowledge_dir: Path = Field(default=PACKAGE_KNOWLEDGE_DIR, alias="POWBOT_KNOWLEDGE_DIR")
    webhook_url: str | None = Field(default=None, alias="POWBOT_WEBHOOK_URL")
    webhook_secret: str | None = Field(default=None, alias="POWBOT_WEBHOOK_SECRET")
    webhook_host: str = Field(default="0.0.0.0", alias="POWBOT_WEBHOOK_HOST")
    webhook_port: int = Field(default=8080, alias="POWBOT_WEBHOOK_PORT")
    tick_seconds: float = Field(default=30.0, alias="POWBOT_TICK_SECONDS", gt=0)
    offer_hours: int = Field(default=48, alias="POWBOT_OFFER_HOURS", gt=0)
    invite_days: int = Field(default=7, alias="POWBOT_INVITE_DAYS", gt=0)
    retention_months: int = Field(default=24, alias="POWBOT_RETENTION_MONTHS", gt=0)
    result_retention_months: int = Field(default=12, alias="POWBOT_RESULT_RETENTION_MONTHS", gt=0)
    faq_max_age_days: int = Field(default=365, alias="POWBOT_FAQ_MAX_AGE_DAYS", gt=0)
    quiet_start: str = Field(default="21:00", alias="POWBOT_QUIET_START")
    quiet_end: str = Field(default="08:00", alias="POWBOT_QUIET_END")
    digest_time: str = Field(default="08:30", alias="POWBOT_DIGEST_TIME")
    # The days coaches get the digest: 'ma-vr', 'mon-fri', 'ma,wo,vr' or '1-5' (1 = Monday).
    digest_days: str = Field(default="ma-vr", alias="POWBOT_DIGEST_DAYS")
    allow_groups: bool = Field(default=False, alias="POWBOT_ALLOW_GROUPS")
    flood_messages: int = Field(default=20, alias="POWBOT_FLOOD_MESSAGES", gt=0)
    flood_seconds: float = Field(default=10.0, alias="POWBOT_FLOOD_SECONDS", gt=0)
    send_rate: float = Field(default=30.0, alias="POWBOT_SEND_RATE", gt=0)
    send_rate_per_chat: float = Field(default=1.0, alias="POWBOT_SEND_RATE_PER_CHAT", gt=0)
    max_text_length: int = Field(default=1000, alias="POWBOT_MAX_TEXT_LENGTH", gt=0)
    # Derived files that can always be rebuilt (the trained FAQ classifier): see cache_path.
    cache_dir: Path | None = Field(default=None, alias="POWBOT_CACHE_DIR")
    # The web page for coaches and the region (`powbot web`).
    web_host: str = Field(default="127.0.0.1", alias="POWBOT_WEB_HOST")
    web_port: int = Field(default=8000, alias="POWBOT_WEB_PORT", gt=0, lt=65536)
    web_base_url: str = Field(default="http://127.0.0.1:8000", alias="POWBOT_WEB_BASE_URL")
    web_session_secret: SecretStr | None = Field(default=None, alias="POWBOT_WEB_SESSION_SECRET")
    web_idle_minutes: int = Field(default=30, alias="POWBOT_WEB_IDLE_MINUTES", gt=0)

    @field_validator("admin_ids", "wsp_contact_ids", mode="before")
    @classmethod
    def _id_list(cls, value: object) -> object:
        # "123, 456" in the environment; a list when passed in code.
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("default_language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if value not in ("nl", "en"):
            raise ValueError("must be nl or en")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("quiet_start", "quiet_end", "digest_time")
    @classmethod
    def _clock_time(cls, value: str) -> str:
        hours, _, minutes = value.partition(":")
        if not (hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60):
            raise ValueError("must look like HH:MM")
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def cache_path(self) -> Path:
        """POWBOT_CACHE_DIR; else a `cache` folder next to the SQLite file (the data folder);
        else the user's cache folder (PostgreSQL or an in-memory database)."""
        if self.cache_dir is not None:
            return self.cache_dir
        _, _, path = self.database_url.partition(":///")
        path = path.split("?", 1)[0]
        if self.is_sqlite and path and path != ":memory:":
            return Path(path).parent / "cache"
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "powbot"


def load_settings(**overrides: object) -> Settings:
    """Read settings; turn pydantic's report into one line that names the setting."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        error = exc.errors()[0]
        name = str(error["loc"][0]) if error["loc"] else "settings"
        field = Settings.model_fields.get(name)
        env_name = field.alias if field and field.alias else name
        raise ConfigError(f"setting {env_name}: {error['msg']}") from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
