"""Footprint figures, run by hand (not part of the tests): start-up time and memory.

    .venv/bin/python bench/memory_bench.py [--users 10000] [--runs 3] [--skip-rss]

1. Start-up: seconds from process start to the first reply of `printf '/start\\n' | powbot
   chat`, and to the end of `powbot tick` (no token, an empty database), each the median of
   --runs starts after one warm-up start (which fills the FAQ classifier cache in the data
   folder, as any start after a content change does). Also `powbot knowledge check` and
   `powbot health`, the CPU seconds each used (steadier than the wall clock on a shared
   machine), and which heavy packages each command imported (-X importtime).
2. Memory: RSS of one process after --users different users each sent /start (SQLite,
   a Bot API double that answers at once), and before the first user.
3. With --faq: the FAQ on bench/faq_eval.py's 5,000-entry synthetic base: index build time
   on a cold start (trains and fills the classifier cache) and on a warm one (content
   unchanged), and search p50/p95 over the employer questions on the warm-started index.

The repository this file lives in is the code that is measured (its parent folder goes first
on sys.path and PYTHONPATH), so an exported copy of an older commit measures that commit.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HEAVY = ("aiogram", "sklearn", "scipy", "aiohttp", "sqlalchemy", "numpy", "rapidfuzz")
CLI = [sys.executable, "-c", "import sys; from powbot.cli import main; sys.exit(main())"]


def environment(folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(ROOT),
        DATABASE_URL=f"sqlite+aiosqlite:///{folder}/powbot.db",
        TELEGRAM_BOT_TOKEN="",
        POWBOT_CACHE_DIR=str(folder / "cache"),
    )
    return env


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def first_output(
    argv: list[str], env: dict[str, str], stdin: str = ""
) -> tuple[float, float, float]:
    """Seconds to the first line on stdout, to the end of the process, and the CPU seconds
    it used (which a loaded machine inflates far less than the wall clock)."""
    cpu = _children_cpu()
    start = time.perf_counter()
    process = subprocess.Popen(
        argv,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=env["POWBOT_CACHE_DIR"].rsplit("/", 1)[0],
        text=True,
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(stdin)
    process.stdin.close()
    first = process.stdout.readline()
    to_first = time.perf_counter() - start
    process.stdout.read()
    process.wait()
    if not first:
        raise RuntimeError(f"{argv[-1]} printed nothing (exit {process.returncode})")
    return to_first, time.perf_counter() - start, _children_cpu() - cpu


def heavy_imports(args: list[str], env: dict[str, str], stdin: str = "") -> list[str]:
    """The heavy top-level packages this command imported, with their cumulative seconds."""
    argv = [sys.executable, "-X", "importtime", *CLI[1:], *args]
    out = subprocess.run(argv, input=stdin, capture_output=True, text=True, env=env)
    seen: dict[str, float] = {}
    for line in out.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = (part.strip() for part in line[12:].split("|"))
        if name in HEAVY:
            seen[name] = int(cumulative) / 1e6
    return [f"{name} {seconds:.2f}s" for name, seconds in sorted(seen.items())]


def startup(runs: int) -> None:
    commands: list[tuple[str, list[str], str]] = [
        ("chat: first reply to /start", ["chat"], "/start\n"),
        ("tick", ["tick"], ""),
        ("knowledge check", ["knowledge", "check"], ""),
        ("health", ["health"], ""),
    ]
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        env = environment(folder)
        first_output([*CLI, "chat"], env, "/start\n")  # warm-up: migrations, FAQ cache
        for label, args, stdin in commands:
            times = [first_output([*CLI, *args], env, stdin) for _ in range(runs)]
            first = statistics.median(t[0] for t in times)
            total = statistics.median(t[1] for t in times)
            cpu = statistics.median(t[2] for t in times)
            heavy = ", ".join(heavy_imports(args, env, stdin)) or "none"
            print(
                f"{label:30} first output {first:5.2f} s  exit {total:5.2f} s"
                f"  cpu {cpu:5.2f} s  [{heavy}]",
                flush=True,
            )


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def rss_after_users(users: int) -> None:
    import powbot.bot  # noqa: F401  (first, as in `powbot run`: aiogram's types load lazily)
    from bench.throughput import NullSession, text_update
    from powbot.bot.app import create_app
    from powbot.config import load_settings

    with tempfile.TemporaryDirectory() as name:
        settings = load_settings(
            DATABASE_URL=f"sqlite+aiosqlite:///{name}/bench.db",
            TELEGRAM_BOT_TOKEN="42:BENCH",
            POWBOT_SEND_RATE=1_000_000,
            POWBOT_SEND_RATE_PER_CHAT=1_000_000,
            POWBOT_FLOOD_MESSAGES=1_000_000,
        )
        try:
            from powbot.knowledge.classifier import use_cache_dir
        except ImportError:  # a commit from before the classifier cache: it always trains
            pass
        else:
            use_cache_dir(Path(name) / "cache")
            # A start with unchanged content: another process trained and filled the cache
            # (the FAQ classifier by a question, the crisis model by a typed message).
            warm = [*CLI, "faq", "ask", "loonkostensubsidie"]
            await asyncio.to_thread(
                subprocess.run, warm, capture_output=True, check=True, env=environment(Path(name))
            )
            await asyncio.to_thread(
                subprocess.run,
                [*CLI, "chat"],
                input="ik heb een vraag over mijn werk\n",
                capture_output=True,
                text=True,
                check=True,
                env=environment(Path(name)),
            )
        print(f"RSS after imports                {rss_mb():6.0f} MB", flush=True)
        app = await create_app(settings, session=NullSession())
        try:
            await app.feed(text_update(1, 999, "/start"))
            heavy = sorted({m.split(".")[0] for m in sys.modules} & {"sklearn", "scipy"})
            print(f"RSS before the first user        {rss_mb():6.0f} MB  (loaded: {heavy})")
            start = time.perf_counter()
            batch = 50  # users talking at the same time
            for first in range(0, users, batch):
                ids = range(first, min(first + batch, users))
                await asyncio.gather(
                    *(app.feed(text_update(10 + u, 10_000 + u, "/start")) for u in ids)
                )
            seconds = time.perf_counter() - start
            print(f"RSS after {users} users (/start) {rss_mb():6.0f} MB  ({seconds:.0f} s)")
        finally:
            await app.close()


def faq_latency() -> None:
    from bench.faq_eval import DATA, SYNTHETIC_SIZE, latency_ms, read_tsv, synthetic_base
    from powbot.config import PACKAGE_KNOWLEDGE_DIR
    from powbot.knowledge.faq import FaqIndex, load_faq

    try:
        from powbot.knowledge.classifier import use_cache_dir
    except ImportError:  # a commit from before the classifier cache
        use_cache_dir = None
    base = synthetic_base(load_faq(PACKAGE_KNOWLEDGE_DIR), SYNTHETIC_SIZE)
    questions = [q for q, _ in read_tsv(DATA)]
    with tempfile.TemporaryDirectory() as name:
        if use_cache_dir is not None:
            use_cache_dir(Path(name))
        builds = []
        for _ in range(2):  # cold start, then a start with unchanged content
            start = time.perf_counter()
            index = FaqIndex(base)
            getattr(index, "build", lambda: None)()  # built on first use since 2026-12
            builds.append(time.perf_counter() - start)
        p50, p95 = latency_ms(questions, index.search)
    print(
        f"FAQ {len(base.entries)} entries: build cold {builds[0]:.1f} s, warm {builds[1]:.1f} s;"
        f" search p50 {p50:.2f} ms, p95 {p95:.2f} ms ({len(questions)} questions)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-rss", action="store_true")
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--faq", action="store_true", help="only the 5,000-entry FAQ figures")
    args = parser.parse_args()
    if args.faq:
        faq_latency()
        return
    if not args.skip_startup:
        startup(args.runs)
    if not args.skip_rss:
        asyncio.run(rss_after_users(args.users))


if __name__ == "__main__":
    main()
