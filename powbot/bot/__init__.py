"""The transport: Telegram (aiogram) and the terminal chat."""

from powbot.bot import telegram_types

telegram_types.load()  # before any aiogram import: its types are built on first use
