"""The `powbot` command."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence

from powbot.config import ConfigError, Settings, load_settings
from powbot.knowledge.errors import KnowledgeError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="powbot", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    commands = parser.add_subparsers(dest="command", required=True)

    chat = commands.add_parser("chat", help="chat with the bot in this terminal (no Telegram)")
    chat.add_argument("--user", type=int, default=1001, help="chat as this user id")
    chat.add_argument("--name", default="Local", help="first name of that user")
    chat.add_argument("--now", help="pretend it is this ISO time (local time zone), as tick --now")

    run = commands.add_parser("run", help="serve Telegram (long polling)")
    run.add_argument("--webhook", action="store_true", help="serve a webhook instead")

    tick = commands.add_parser("tick", help="run one pass of all due work and exit")
    tick.add_argument("--now", help="pretend it is this ISO time (local time zone)")

    commands.add_parser("health", help="exit 0 when content and database are fine")

    web = commands.add_parser("web", help="serve the web page for coaches and the region")
    web.add_argument("--host", default=None, help="listen on this address (POWBOT_WEB_HOST)")
    web.add_argument("--port", type=int, default=None, help="listen on this port (POWBOT_WEB_PORT)")
    web.add_argument(
        "--login-as", type=int, default=None, help="print a login link for this coach/admin id"
    )

    knowledge = commands.add_parser("knowledge", help="content tools")
    knowledge_commands = knowledge.add_subparsers(dest="knowledge_command", required=True)
    knowledge_commands.add_parser("check", help="validate every content file")

    faq = commands.add_parser("faq", help="employer FAQ tools")
    faq_commands = faq.add_subparsers(dest="faq_command", required=True)
    ask = faq_commands.add_parser("ask", help="print the best answer for a question")
    ask.add_argument("question", help="the question, or - to read one per line from stdin")
    ask.add_argument("--lang", choices=("nl", "en"), default=None)
    ask.add_argument("--json", action="store_true")

    from powbot.admin import add_admin_commands

    add_admin_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    if args.command == "chat":
        logging.getLogger().setLevel(logging.WARNING if not args.verbose else logging.DEBUG)
    try:
        settings = load_settings()
        from powbot.knowledge.classifier import use_cache_dir

        use_cache_dir(settings.cache_path)  # the FAQ classifier trains once per content
        return _dispatch(args, settings)
    except (ConfigError, KnowledgeError) as exc:
        print(f"powbot: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "chat":
        from powbot.bot.localchat import run_chat

        run_chat(settings, args.user, args.name, args.now)
        return 0
    if args.command == "run":
        from powbot.bot.serve import run_polling, run_webhook

        asyncio.run(run_webhook(settings) if args.webhook else run_polling(settings))
        return 0
    if args.command == "tick":
        from powbot.tick import tick

        return asyncio.run(tick(settings, args.now))
    if args.command == "web":
        from powbot.web.serve import run_web

        return run_web(settings, args.host, args.port, args.login_as)
    if args.command == "health":
        from powbot.health import health

        return asyncio.run(health(settings))
    if args.command == "knowledge":
        from powbot.knowledge.check import check

        return check(settings)
    if args.command == "faq":
        from powbot.knowledge.faq import main_faq_ask

        argv = [
            args.question,
            *(["--lang", args.lang] if args.lang else []),
            *(["--json"] if args.json else []),
        ]
        return main_faq_ask(argv, settings.knowledge_dir)
    if args.command == "admin":
        from powbot.admin import run_admin

        return asyncio.run(run_admin(args, settings))
    raise AssertionError(args.command)


if __name__ == "__main__":
    sys.exit(main())
