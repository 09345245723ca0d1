"""Start-up figures, run by hand (not part of the tests).

    .venv/bin/python bench/startup_bench.py [--runs 5] [--only chat,tick] [--imports]

For each command: seconds from process start to its first line of output (for `powbot
chat`: the first reply to /start), the CPU seconds the process had used by then (read from
/proc, steadier than the wall clock on a shared machine), and wall and CPU to its exit;
each the median of --runs starts.

- chat, fresh: `printf '/start\\n' | powbot chat` in a new, empty data folder each run
  (migrations; the FAQ classifier cache is empty);
- chat, warm: the same in a data folder that already ran it once;
- tick: `powbot tick` (no token) in that warm folder;
- knowledge check, admin unanswered: in that warm folder.

--imports also prints the heavy packages each command imported (-X importtime).
The code measured is the repository this file lives in.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "import sys; from powbot.cli import main; sys.exit(main())"]
HEAVY = ("aiogram", "sklearn", "scipy", "aiohttp", "sqlalchemy", "numpy", "rapidfuzz", "alembic")
TICKS = os.sysconf("SC_CLK_TCK")


def environment(folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("POWBOT_CACHE_DIR", "XDG_CACHE_HOME"):
        env.pop(name, None)
    env.update(
        PYTHONPATH=str(ROOT),
        DATABASE_URL=f"sqlite+aiosqlite:///{folder}/powbot.db",
        TELEGRAM_BOT_TOKEN="",
        # A user cache folder of its own, so no earlier run on this machine helps.
        XDG_CACHE_HOME=str(folder / "user-cache"),
    )
    return env


def _cpu_of(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(args: list[str], folder: Path, stdin: str) -> tuple[float, float, float, float]:
    """(wall to first output, CPU to first output, wall to exit, CPU to exit)."""
    env = environment(folder)
    before = _children_cpu()
    start = time.perf_counter()
    process = subprocess.Popen(
        [*CLI, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=folder,
        text=True,
    )
    assert process.stdin and process.stdout and process.stderr
    process.stdin.write(stdin)
    process.stdin.close()
    first = ""
    while not first.strip() or first.startswith(">"):  # the chat echoes piped input first
        first = process.stdout.readline()
        if not first:
            break
    to_first = time.perf_counter() - start
    cpu_first = _cpu_of(process.pid)
    process.stdout.read()
    error = process.stderr.read()
    process.wait()
    total = time.perf_counter() - start
    if not first or process.returncode:
        raise RuntimeError(f"powbot {' '.join(args)}: exit {process.returncode}\n{error}")
    return to_first, cpu_first, total, _children_cpu() - before


def heavy_imports(args: list[str], folder: Path, stdin: str) -> str:
    argv = [sys.executable, "-X", "importtime", *CLI[1:], *args]
    out = subprocess.run(
        argv, input=stdin, capture_output=True, text=True, env=environment(folder), cwd=folder
    )
    seen: dict[str, float] = {}
    for line in out.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = (part.strip() for part in line[12:].split("|"))
            if name in HEAVY:
                seen[name] = int(cumulative) / 1e6
    return ", ".join(f"{n} {s:.2f}s" for n, s in sorted(seen.items())) or "none"


def report(label: str, times: list[tuple[float, float, float, float]]) -> None:
    first, cpu_first, total, cpu_total = (statistics.median(t[i] for t in times) for i in range(4))
    print(
        f"{label:26} first output {first:5.2f} s (cpu {cpu_first:5.2f} s)"
        f"  exit {total:5.2f} s (cpu {cpu_total:5.2f} s)  [{len(times)} runs]",
        flush=True,
    )


COMMANDS: dict[str, tuple[list[str], str]] = {
    "chat": (["chat"], "/start\n"),
    "tick": (["tick"], ""),
    "knowledge": (["knowledge", "check"], ""),
    "admin": (["admin", "unanswered"], ""),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default="chat,tick,knowledge,admin")
    parser.add_argument("--imports", action="store_true")
    args = parser.parse_args()
    wanted = args.only.split(",")
    with tempfile.TemporaryDirectory() as name:
        root = Path(name)
        if "chat" in wanted:
            fresh = []
            for run in range(args.runs):
                folder = root / f"fresh{run}"
                folder.mkdir()
                fresh.append(run_once(["chat"], folder, "/start\n"))
            report("chat, fresh data folder", fresh)
        warm = root / "warm"
        warm.mkdir()
        run_once(["chat"], warm, "/start\n")  # migrations, FAQ classifier cache
        for key in wanted:
            argv, stdin = COMMANDS[key]
            label = "chat, warm data folder" if key == "chat" else " ".join(argv)
            report(label, [run_once(argv, warm, stdin) for _ in range(args.runs)])
            if args.imports:
                print(f"{'':26} imports: {heavy_imports(argv, warm, stdin)}", flush=True)


if __name__ == "__main__":
    main()
