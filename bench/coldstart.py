"""`newsbot summarize FILE` from a cold process, beside bare Python and `import trafilatura`.

Whole-process wall time is what a user waits for at a terminal: interpreter start, imports,
the work, exit. The three commands take turns (A B C A B C …) so the machine's noise lands
on all of them, and the ratios to the two baselines say what is ours.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.options import Options
from bench.report import Section, Target, ms, ratio, skipped

NAME = "coldstart"
TITLE = "Cold start: `newsbot summarize FILE`, whole process"
PROJECT = Path(__file__).resolve().parents[1]
PAGE = PROJECT / "tests" / "fixtures" / "pages" / "ap-uk-tories.html"


def commands() -> dict[str, list[str]]:
    newsbot = Path(sys.executable).parent / "newsbot"
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        'python -c "import trafilatura"': [sys.executable, "-c", "import trafilatura"],
        'python -c "import bot.pipeline"': [sys.executable, "-c", "import bot.pipeline"],
        f"newsbot summarize {PAGE.relative_to(PROJECT)}": [str(newsbot), "summarize", str(PAGE)],
    }


def slowest_imports(command: list[str], count: int = 6) -> list[tuple[str, float]]:
    """Top-level imports of one run of `command` by cumulative seconds (python -X importtime)."""
    env = {**_clean_env(), "PYTHONPROFILEIMPORTTIME": "1"}
    done = subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True, check=False)
    found = []
    for line in done.stderr.splitlines():
        # "import time:  self [us] | cumulative | imported package", nesting shown by indentation
        if not line.startswith("import time:"):
            continue
        fields = line.split("|")
        if len(fields) != 3 or not fields[1].strip().isdigit() or fields[2].startswith("  "):
            continue
        found.append((fields[2].strip(), int(fields[1]) / 1e6))
    return sorted(found, key=lambda item: -item[1])[:count]


def _clean_env() -> dict[str, str]:
    # A developer's config or token must not change what is measured.
    # Byte-code caching on, as in any installed program.
    unwanted = {"NEWSBOT_CONFIG", "TELEGRAM_BOT_TOKEN", "PYTHONDONTWRITEBYTECODE"}
    return {k: v for k, v in os.environ.items() if k not in unwanted}


def _time(command: list[str]) -> tuple[float, int, str]:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=PROJECT, env=_clean_env(), capture_output=True, text=True, check=False)
    return time.perf_counter() - start, done.returncode, done.stderr.strip()


def run(options: Options) -> Section:
    runs = commands()
    newsbot_command = list(runs.values())[-1]
    if not Path(newsbot_command[0]).exists():
        return skipped(NAME, TITLE, f"{newsbot_command[0]} is not installed (pip install -e .)")
    if not options.quick:
        for command in runs.values():  # fill the OS file cache and write .pyc files first
            _time(command)
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    failures: dict[str, str] = {}
    for _ in range(options.cold_runs):
        for name, command in runs.items():
            elapsed, code, stderr = _time(command)
            seconds[name].append(elapsed)
            if code != 0:
                failures[name] = f"exit status {code}: {stderr.splitlines()[-1] if stderr else ''}"
    medians = {name: statistics.median(values) for name, values in seconds.items()}
    bare, traf, _, ours = medians.values()
    rows = tuple(
        (name, ms(medians[name]), ms(min(values)), ratio(medians[name] / bare), ratio(medians[name] / traf))
        for name, values in seconds.items()
    )
    runs_each = f"{options.cold_runs} run{'s' if options.cold_runs != 1 else ''} each"
    warm = "" if options.quick else ", after one untimed run each (warm disk cache)"
    notes = [f"Median of {runs_each}, taking turns{warm}."]
    notes += [f"`{name}` failed: {why}" for name, why in failures.items()]
    imports = [] if options.quick else slowest_imports(newsbot_command)
    if imports:
        notes.append(
            "Slowest top-level imports of one `newsbot summarize` run (python -X importtime, cumulative): "
            + ", ".join(f"{name} {ms(seconds)}" for name, seconds in imports)
            + "."
        )
    name = list(runs)[-1]
    met = None if name in failures else ours < 1.5
    return Section(
        NAME,
        TITLE,
        ("command", "median", "fastest", "× python -c pass", "× import trafilatura"),
        rows,
        tuple(notes),
        (Target("`newsbot summarize FILE` cold start", "< 1.5 s", ms(ours), met),),
    )
