"""Whole pages: newsbot's CPU path beside trafilatura, sumy and newspaper4k on the same HTML.

Pages are decompressed and decoded before timing; only each system's own work is timed,
interleaved per page (see bench.timing). Memory is measured afterwards, each system alone
in a fresh process (bench.memory), and our pipeline once more across a process pool, the
way the bot runs it.
"""

from __future__ import annotations

import functools
import json
import math
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bench.data import Page, scrapinghub_dir, scrapinghub_pages
from bench.options import Options
from bench.report import Section, Target, mb, ms, rate, ratio, skipped
from bench.stats import paired_ratio, summarise
from bench.systems import BASELINE, PAGE_SYSTEMS, PageRun, newsbot
from bench.timing import Timings, interleave, warm_up

NAME = "pages"
TITLE = "Article pages: scrapinghub benchmark HTML, one page at a time"
PROJECT = Path(__file__).resolve().parents[1]


def run(options: Options) -> Section:
    if not (scrapinghub_dir(options.eval_dir) / "html").is_dir():
        return skipped(NAME, TITLE, f"no scrapinghub pages under {options.eval_dir}")
    pages = scrapinghub_pages(options.eval_dir, options.pages, typical=options.quick)
    runs: dict[str, PageRun] = {}
    notes: list[str] = []
    for system in PAGE_SYSTEMS:
        try:
            runs[system.name] = system.setup()
        except Exception as exc:  # e.g. a pipeline module not written yet
            notes.append(f"{system.label}: not available ({type(exc).__name__}: {exc}).")
    warm_up(runs, min(pages, key=lambda page: len(page.html)))
    timings = interleave(pages, runs, repeats=options.repeats, progress=options.progress, desc="pages")
    memory = {name: _memory(name, options) for name in runs} if options.memory else {}

    labels = {s.name: s.label for s in PAGE_SYSTEMS}
    base = timings.seconds.get(BASELINE)
    base_cpu = timings.cpu.get(BASELINE)
    base_median = statistics.median(base) if base else math.nan
    rows = []
    for name, seconds in timings.seconds.items():
        summary = summarise(seconds)
        corpus = summary.total / math.fsum(base) if base else math.nan
        cpu = math.fsum(timings.cpu[name]) / math.fsum(base_cpu) if base_cpu else math.nan
        used = memory.get(name) or {}
        rows.append(
            (
                labels[name],
                str(summary.count),
                ms(summary.median),
                ms(summary.p95),
                rate(summary.per_second, "pages"),
                ratio(summary.median / base_median if base else math.nan),
                ratio(corpus),
                ratio(paired_ratio(seconds, base) if base else math.nan),
                ratio(cpu),
                str(timings.empty[name] + len(timings.errors[name])),
                mb(used.get("ready_mb")),
                mb(used.get("peak_mb")),
            )
        )
    if "newsbot" in runs:
        pool_rate = _pool_rate(pages, options.workers)
        rows.append(
            (
                f"newsbot pipeline, {options.workers} processes",
                str(len(pages)),
                "–",
                "–",
                rate(pool_rate, "pages"),
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            )
        )
    if "newsbot" in timings.seconds:
        # An outlier hides behind a p95 on 181 pages; name the worst so it can be looked at.
        ours = timings.seconds["newsbot"]
        worst = max(range(len(pages)), key=ours.__getitem__)
        notes.append(
            f"Slowest page for our pipeline: {ms(ours[worst])} on {pages[worst].id[:12]}… "
            f"({pages[worst].url or 'no URL'}; trafilatura took {ms(base[worst]) if base else '–'} there)."
        )
    for name, errors in timings.errors.items():
        if errors:
            notes.append(f"{labels[name]} raised on {len(errors)} page(s), first: {errors[0]}")
    notes += [
        f"{len(pages)} {'median-sized ' if options.quick else ''}pages; each system ran {options.repeats}× per page, interleaved and rotated, "
        "per-page median kept; one untimed warm-up call each.",
        "× trafilatura: medians = median time per page over trafilatura's median (the target's measure); "
        "corpus = total wall time over trafilatura's total; per page = median of the paired "
        "per-page ratios; CPU time = total process CPU time over trafilatura's (least hurt by a busy machine).",
        "Nothing = pages where the system produced no text / summary (or raised).",
        "Memory: each system alone in a fresh process; RSS after its set-up (imports; for ours also the warm-up "
        "the bot's CPU workers do), and the peak over all pages.",
        "newspaper4k: image fetching off (its parse() otherwise downloads images). Its nlp() summary is not "
        "measured: it needs NLTK punkt data, which cannot be installed here (no network; not on PyPI).",
    ]
    return Section(
        NAME,
        TITLE,
        (
            "system",
            "pages",
            "median",
            "p95",
            "pages/s, 1 core",
            "× trafilatura (medians)",
            "× trafilatura (corpus)",
            "× trafilatura (per page)",
            "× trafilatura (CPU time)",
            "nothing",
            "RSS after set-up",
            "peak RSS",
        ),
        tuple(rows),
        tuple(notes),
        tuple(_targets(timings)),
    )


def _targets(timings: Timings[Page]) -> list[Target]:
    def totals(a: str, b: str) -> tuple[float, float]:
        wall = math.fsum(timings.seconds[a]) / math.fsum(timings.seconds[b])
        return wall, math.fsum(timings.cpu[a]) / math.fsum(timings.cpu[b])

    def medians(a: str, b: str) -> float:
        return statistics.median(timings.seconds[a]) / statistics.median(timings.seconds[b])

    def has(*names: str) -> bool:
        return all(name in timings.seconds for name in names)

    targets = []
    if has("newsbot", "trafilatura"):
        # The words: our median time per page over trafilatura's median.
        ours = medians("newsbot", "trafilatura")
        wall, cpu = totals("newsbot", "trafilatura")
        measured = f"{ratio(ours)} (corpus {ratio(wall)}, CPU time {ratio(cpu)})"
        targets.append(Target("pipeline median time per page / trafilatura.extract's", "≤ 1.5×", measured, ours <= 1.5))
    else:
        targets.append(Target("pipeline median time per page / trafilatura.extract's", "≤ 1.5×", "–", None))
    if has("newspaper4k", "newsbot"):
        theirs = medians("newspaper4k", "newsbot")
        wall, cpu = totals("newspaper4k", "newsbot")
        measured = f"{ratio(theirs)} (corpus {ratio(wall)}, CPU time {ratio(cpu)})"
        targets.append(Target("newspaper4k parse median time / pipeline's", "≥ 3×", measured, theirs >= 3))
    else:
        targets.append(Target("newspaper4k parse median time / pipeline's", "≥ 3×", "–", None))
    return targets


def _memory(name: str, options: Options) -> dict[str, float] | None:
    command = [sys.executable, "-m", "bench.memory", name, str(options.eval_dir)]
    if options.pages is not None:
        command.append(str(options.pages))
        if options.quick:
            command.append("typical")
    done = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def _pool_rate(pages: list[Page], workers: int) -> float:
    """Pages per second with `workers` processes digesting pages side by side."""
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # Start every worker and warm its imports before the clock starts.
        list(pool.map(_digest, [min(pages, key=lambda page: len(page.html))] * workers))
        start = time.perf_counter()
        list(pool.map(_digest, pages))
        return len(pages) / (time.perf_counter() - start)


def _digest(page: Page) -> bool:
    return _pool_runner()(page) is not None


@functools.lru_cache(maxsize=1)
def _pool_runner() -> PageRun:
    # Set up (and warmed) once per worker process, not once per page.
    return newsbot()
