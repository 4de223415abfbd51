"""`newsbot summarize *.html --format json` over the scrapinghub pages as files, whole process.

What a user with a folder of saved pages waits for: interpreter start, imports, every
page on the machine's cores (bot.batch), JSON Lines out, exit. Beside it, in the same
run and taking turns with it, a one-core `trafilatura.extract` loop over the same files,
also a whole process (start, import, read each file, extract). Target: ours ≤ 1.0× it.
Peak memory is the whole process tree's (the command and its workers), sampled in a run
of its own before the timed ones: reading /proc for the tree costs a few ms of CPU per
sample, which the timed runs would lose on a machine whose every core is busy with our
workers (but not the one-core loop).
"""

from __future__ import annotations

import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.data import scrapinghub_dir
from bench.options import Options
from bench.report import Section, Target, mb, ratio, secs, skipped

NAME = "batch"
TITLE = "Batch: `newsbot summarize *.html --format json`, whole process, cold start included"
PROJECT = Path(__file__).resolve().parents[1]
TARGET = 1.0
SAMPLE_EVERY = 0.02

TRAFILATURA_LOOP = """
import sys
import trafilatura
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        trafilatura.extract(f.read())
"""


def write_pages(eval_dir: Path, into: Path, limit: int | None) -> list[Path]:
    """The pages as the files a user has: the saved bytes, one .html each."""
    files = sorted((scrapinghub_dir(eval_dir) / "html").glob("*.html.gz"))[:limit]
    written = []
    for file in files:
        page = into / file.name.removesuffix(".gz")
        page.write_bytes(gzip.decompress(file.read_bytes()))
        written.append(page)
    return written


def commands(pages: list[Path]) -> dict[str, list[str]]:
    newsbot = Path(sys.executable).parent / "newsbot"
    names = [str(p) for p in pages]
    ours = [str(newsbot), "summarize", *names, "--format", "json"]
    return {
        f"newsbot summarize *.html --format json ({len(pages)} files, all cores)": ours,
        "trafilatura.extract loop, one core (same files)": [sys.executable, "-c", TRAFILATURA_LOOP, *names],
        "the same newsbot command with --jobs 1 (one process)": [*ours, "--jobs", "1"],
    }


def _clean_env() -> dict[str, str]:
    unwanted = {"NEWSBOT_CONFIG", "TELEGRAM_BOT_TOKEN", "PYTHONDONTWRITEBYTECODE"}
    return {k: v for k, v in os.environ.items() if k not in unwanted}


def _tree_rss_mb(pid: int) -> float:
    """Memory of `pid` and every descendant, from /proc: proportional set size (pages the
    forked workers share with their parent are counted once, not once per process)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            total += next(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total / 1024


def _run(command: list[str], *, sample: bool = False) -> tuple[float, float, float, int, str]:
    """(seconds, CPU seconds of the whole tree, peak tree RSS in MB if `sample`, exit status,
    last stderr line)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=PROJECT, env=_clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    peak, status, usage = 0.0, None, None
    if sample:
        while status is None:
            pid, wait_status, rusage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                status, usage = os.waitstatus_to_exitcode(wait_status), rusage
                break
            peak = max(peak, _tree_rss_mb(process.pid))
            time.sleep(SAMPLE_EVERY)
    else:
        _, wait_status, usage = os.wait4(process.pid, 0)
        status = os.waitstatus_to_exitcode(wait_status)
    elapsed = time.perf_counter() - start
    process.returncode = status
    stderr = process.stderr.read() if process.stderr else ""
    # A process's usage includes the children it waited for: the pool's workers.
    cpu = usage.ru_utime + usage.ru_stime if usage else float("nan")
    return elapsed, cpu, peak, status, (stderr.strip().splitlines() or [""])[-1]


def run(options: Options) -> Section:
    if not (scrapinghub_dir(options.eval_dir) / "html").is_dir():
        return skipped(NAME, TITLE, f"no scrapinghub pages under {options.eval_dir}")
    newsbot = Path(sys.executable).parent / "newsbot"
    if not newsbot.exists():
        return skipped(NAME, TITLE, f"{newsbot} is not installed (pip install -e .)")
    runs_each = 1 if options.quick else 3
    with tempfile.TemporaryDirectory(prefix="newsbot-batch-") as folder:
        pages = write_pages(options.eval_dir, Path(folder), options.pages)
        runs = commands(pages)
        seconds: dict[str, list[float]] = {name: [] for name in runs}
        cpu: dict[str, list[float]] = {name: [] for name in runs}
        peaks: dict[str, float] = {name: 0.0 for name in runs}
        failures: dict[str, str] = {}
        for name, command in runs.items():  # peak memory; warms the disk cache and .pyc files too
            peaks[name] = _run(command, sample=True)[2]
        for turn in range(runs_each):
            order = list(runs.items())
            for name, command in order[turn % len(order) :] + order[: turn % len(order)]:  # taking turns
                elapsed, used, _, code, last = _run(command)
                seconds[name].append(elapsed)
                cpu[name].append(used)
                # Exit 1 means some page had no article: printed as a JSON error, not a failure of the run.
                if code not in (0, 1):
                    failures[name] = f"exit status {code}: {last}"
    medians = {name: statistics.median(values) for name, values in seconds.items()}
    ours, base, one_process = medians.values()
    rows = tuple(
        (name, secs(medians[name]), secs(min(seconds[name])), ratio(medians[name] / base),
         secs(statistics.median(cpu[name])), mb(peaks[name]))
        for name in runs
    )  # fmt: skip
    notes = [
        f"Median of {runs_each} run{'s' if runs_each != 1 else ''} each, taking turns, after one untimed run"
        f" each (warm disk cache); {os.cpu_count()} cores. Peak memory: the process tree's proportional set"
        f" size (newsbot's workers included, shared pages once), sampled every {SAMPLE_EVERY * 1000:.0f} ms"
        " in that untimed run (sampling costs CPU the timed runs would lose).",
    ]
    notes.append(
        f"All cores against one process: {ratio(ours / one_process)} the wall time. The CPU column is the"
        " whole tree's user + system time: what the pool cannot win back on a machine whose cores are busy"
        " with other work (load average at the end of this run: "
        + " ".join(f"{x:.1f}" for x in os.getloadavg())
        + ")."
    )
    notes += [f"`{name}` failed: {why}" for name, why in failures.items()]
    met = None if failures else ours / base <= TARGET
    return Section(
        NAME,
        TITLE,
        ("command", "median", "fastest", "× trafilatura loop", "CPU time", "peak memory"),
        rows,
        tuple(notes),
        (Target("batch of files, whole process, vs a one-core trafilatura loop", f"≤ {TARGET:.1f}×", ratio(ours / base), met),),
    )
