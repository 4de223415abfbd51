"""Where the pipeline's time goes: per stage by direct timing, then per library by sampling.

Two workloads: the scrapinghub pages (HTML, the bot's daily bread) and the long article
(pasted text of 20,000 words, where anything worse than linear shows). Stage times come
from timing each pipeline step on its own (extract, quotes, summary, render) with no
profiler attached. The library breakdown comes from pyinstrument's sampled call stacks,
self time summed by the package that owns each frame; built-ins and the standard library
are charged to the package that called them.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.data import cnndm_path, cnndm_stories, long_story, scrapinghub_dir, scrapinghub_pages
from bench.options import Options
from bench.report import Section, ms, skipped

NAME = "profile"
TITLE = "Profile: where our pipeline's time goes"
PROJECT = Path(__file__).resolve().parents[1]
TOP_LIBRARIES = 8
TOP_FUNCTIONS = 8
STAGES = ("extract", "find_quotes", "summarize", "telegram_messages")


@dataclass(frozen=True)
class Workload:
    label: str
    items: Sequence[Any]
    extract: Callable[[Any], Any]  # item -> Article


def run(options: Options) -> Section:
    try:
        from bot.pipeline.extract import extract_html, extract_text
    except ImportError as exc:
        return skipped(NAME, TITLE, f"the pipeline is not importable yet ({exc})")
    workloads = []
    if (scrapinghub_dir(options.eval_dir) / "html").is_dir():
        pages = scrapinghub_pages(options.eval_dir, options.profile_pages, typical=options.quick)
        workloads.append(Workload(f"{len(pages)} pages", pages, lambda page: extract_html(page.html, page.url)))
    if cnndm_path(options.eval_dir).exists():
        story = long_story(cnndm_stories(options.eval_dir), options.long_words)
        words = story.id.split("-")[1]
        workloads.append(Workload(f"{words}-word text", [story.text], extract_text))
    if not workloads:
        return skipped(NAME, TITLE, f"no pages or articles under {options.eval_dir}")
    try:
        import pyinstrument  # noqa: F401
    except ImportError:
        sampling = False
    else:
        sampling = True
    rows: list[tuple[str, ...]] = []
    for workload in workloads:
        rows += stage_rows(workload)
        if sampling:
            rows += sample_rows(workload)
    notes = ["Stage rows: mean time per item with no profiler attached."]
    if sampling:
        notes.append(
            "Library and function rows: pyinstrument self time (1 ms samples), per item. A library's row "
            "includes the built-ins and standard library it calls (C code counts for its Python caller)."
        )
    else:
        notes.append("pyinstrument is not installed (`pip install -e '.[bench]'`): no per-library breakdown.")
    return Section(NAME, TITLE, ("workload", "view", "where", "per item", "share"), tuple(rows), tuple(notes))


def digest_in_stages(workload: Workload, item: Any, clock: Callable[[str, float], None]) -> None:
    """The pipeline's steps one by one, as bot.pipeline.digest_article chains them."""
    from bot.config import SummarySettings
    from bot.errors import NewsbotError
    from bot.models import Digest
    from bot.pipeline.quotes import find_quotes
    from bot.pipeline.render import telegram_messages
    from bot.pipeline.summarize import summarize

    settings = SummarySettings()
    start = time.perf_counter()
    try:
        article = workload.extract(item)
    except NewsbotError:  # not an article: extraction was all the work there was
        clock("extract", time.perf_counter() - start)
        return
    clock("extract", time.perf_counter() - start)
    start = time.perf_counter()
    quotes = tuple(find_quotes(article))
    clock("find_quotes", time.perf_counter() - start)
    start = time.perf_counter()
    shown = quotes[: settings.quotes]
    summary = summarize(article, settings.sentences, algorithm=settings.algorithm, exclude=[q.text for q in shown])
    clock("summarize", time.perf_counter() - start)
    start = time.perf_counter()
    telegram_messages(Digest("bench", article, tuple(summary), shown, quotes))
    clock("telegram_messages", time.perf_counter() - start)


def stage_rows(workload: Workload) -> list[tuple[str, ...]]:
    seconds: dict[str, list[float]] = {name: [] for name in STAGES}
    digest_in_stages(workload, workload.items[0], lambda name, s: None)  # warm-up
    for item in workload.items:
        digest_in_stages(workload, item, lambda name, s: seconds[name].append(s))
    total = math.fsum(math.fsum(v) for v in seconds.values()) or math.nan
    count = len(workload.items)
    return [
        (workload.label, "stage", name, ms(math.fsum(values) / count), f"{100 * math.fsum(values) / total:.0f}%")
        for name, values in seconds.items()
    ]


def sample_rows(workload: Workload) -> list[tuple[str, ...]]:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    profiler.start()
    for item in workload.items:
        digest_in_stages(workload, item, lambda name, s: None)
    session = profiler.stop()
    packages, functions = self_times(session.root_frame())
    sampled = math.fsum(packages.values()) or math.nan
    count = len(workload.items)

    def row(view: str, name: str, value: float) -> tuple[str, ...]:
        return (workload.label, view, name, ms(value / count), f"{100 * value / sampled:.0f}%")

    return [row("library", n, v) for n, v in packages.most_common(TOP_LIBRARIES)] + [
        row("function", n, v) for n, v in functions.most_common(TOP_FUNCTIONS)
    ]


def self_times(root: Any) -> tuple[Counter[str], Counter[str]]:
    """Self seconds by charged package, and by (owner, function), over a pyinstrument frame tree."""
    packages: Counter[str] = Counter()
    functions: Counter[str] = Counter()
    stack = [(root, "bench")]
    while stack:
        frame, caller = stack.pop()
        if frame is None or frame.is_synthetic:
            continue  # a synthetic "[self]" frame's time is already in its parent's total_self_time
        owner = owner_of(frame.file_path or "")
        # Built-ins and the standard library work for whoever called them: copy.copy or
        # str.join called by trafilatura is trafilatura's time.
        charged = caller if owner.startswith(("stdlib", "<")) else owner
        if frame.total_self_time > 0:
            packages[charged] += frame.total_self_time
            functions[f"{owner}: {frame.function}"] += frame.total_self_time
        stack.extend((child, charged) for child in frame.children)
    return packages, functions


def owner_of(file_path: str) -> str:
    """'bot.pipeline.quotes', 'trafilatura', 'lxml', 'stdlib re', … for a frame's file."""
    path = Path(file_path)
    parts = path.parts
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].split(".")[0]
    try:
        relative = path.resolve().relative_to(PROJECT)
    except (ValueError, OSError):
        pass
    else:
        parts = relative.with_suffix("").parts
        return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
    if path.suffix == ".py" and "python3" in "".join(parts):
        tail = parts[[i for i, p in enumerate(parts) if p.startswith("python3")][-1] + 1 :]
        return "stdlib " + (tail[0].removesuffix(".py") if tail else path.stem)
    return file_path or "unknown"
