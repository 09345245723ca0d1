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


async def set_commands(bot: Bot, catalog: Catalog) -> None:
    for lang, position in (("nl", 0), ("en", 1)):
        commands = [
            BotCommand(command=pair[position], description=catalog.t(lang, f"commands.{pair[0]}"))
            for pair in MENU_COMMANDS
        ]
        await bot.set_my_commands(commands, language_code=lang)
        if lang == "nl":
            await bot.set_my_commands(commands)  # default for other client languages
