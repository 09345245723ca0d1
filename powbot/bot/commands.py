"""The bot's slash commands: shown in Telegram's command menu per language."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import BotCommand

from powbot.knowledge.catalog import Catalog

# (Dutch name, English name): both names work in every language.
MENU_COMMANDS: list[tuple[str, str]] = [
    ("start", "start"),
    ("menu", "menu"),
    ("help", "help"),
    ("taal", "language"),
    ("stop", "stop"),
    ("privacy", "privacy"),
    ("mijngegevens", "mydata"),
    ("verwijder", "delete"),
]

# Shown above the general ones in a user's own command menu, once their role is known.
ROLE_COMMANDS: dict[str, list[tuple[str, str]]] = {
    "seeker": [
        ("vragenlijst", "questionnaire"),
        ("profiel", "profile"),
        ("vacatures", "vacancies"),
        ("aanmeldingen", "signups"),
        ("werk", "job"),
        ("coach", "coach"),
        ("vraag", "ask"),
    ],
    "employer": [
        ("vraag", "ask"),
        ("nieuwevacature", "newvacancy"),
        ("mijnvacatures", "myvacancies"),
    ],
    "coach": [("clienten", "clients"), ("vandaag", "today"), ("koppel", "link"), ("web", "web")],
    "admin": [
        ("onbeantwoord", "unanswered"),
        ("beoordelingen", "feedback"),
        ("audit", "audit"),
        ("stats", "stats"),
        ("web", "web"),
    ],
}

# Every command some role can use; for a clear "not for you" instead of "unknown".
ALL_COMMANDS: set[str] = {name for pair in MENU_COMMANDS for name in pair} | {
    "hulp",
    "vragenlijst",
    "questionnaire",
    "profiel",
    "profile",
}


def register_commands(*names: str) -> None:
    ALL_COMMANDS.update(name.lower() for name in names)


def known_command(name: str) -> bool:
    return name in ALL_COMMANDS


def commands_for(catalog: Catalog, role: str | None, lang: str) -> list[BotCommand]:
    position = 1 if lang == "en" else 0
    pairs = ROLE_COMMANDS.get(role or "", []) + MENU_COMMANDS
    return [
        BotCommand(command=pair[position], description=catalog.t(lang, f"commands.{pair[0]}"))
        for pair in pairs
    ]


async def set_commands(bot: Bot, catalog: Catalog) -> None:
    """The general menu per language; each user gets their role's menu via the middleware."""
    for lang in ("nl", "en"):
        commands = commands_for(catalog, None, lang)
        await bot.set_my_commands(commands, language_code=lang)
        if lang == "nl":
            await bot.set_my_commands(commands)  # default for other client languages
