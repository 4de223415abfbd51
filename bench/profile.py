"""Where the pipeline's time goes: per stage by direct timing, then per library by sampling.

Stage times come from timing each pipeline step on its own (extract, quotes, summary,
render) with no profiler attached. The library breakdown comes from pyinstrument's
sampled call stacks, self time summed by the package that owns each frame; built-ins and
the standard library are charged to the package that called them.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from bench.data import Page, scrapinghub_dir, scrapinghub_pages
from bench.options import Options
from bench.report import Section, ms, skipped

NAME = "profile"
TITLE = "Profile: where our pipeline's time goes"
PROJECT = Path(__file__).resolve().parents[1]
TOP_FUNCTIONS = 12


def run(options: Options) -> Section:
    if not (scrapinghub_dir(options.eval_dir) / "html").is_dir():
        return skipped(NAME, TITLE, f"no scrapinghub pages under {options.eval_dir}")
    try:
        stages = pipeline_stages()
    except ImportError as exc:
        return skipped(NAME, TITLE, f"the pipeline is not importable yet ({exc})")
    pages = scrapinghub_pages(options.eval_dir, options.profile_pages)
    seconds = time_stages(pages, stages)
    total = math.fsum(math.fsum(v) for v in seconds.values())
    rows = [
        ("stage", name, ms(math.fsum(values) / len(pages)), f"{100 * math.fsum(values) / total:.0f}%")
        for name, values in seconds.items()
    ]
    notes = [f"{len(pages)} pages. Stage rows: mean time per page with no profiler attached."]
    try:
        packages, functions, sampled = sample(pages, stages)
    except ImportError:
        notes.append("pyinstrument is not installed (`pip install -e '.[bench]'`): no per-library breakdown.")
    else:
        rows += [("library", name, ms(value / len(pages)), f"{100 * value / sampled:.0f}%") for name, value in packages]
        rows += [("function", name, ms(value / len(pages)), f"{100 * value / sampled:.0f}%") for name, value in functions]
        notes.append(
            "Library and function rows: pyinstrument self time (1 ms samples), per page. A library's row "
            "includes the built-ins and standard library it calls (C code counts for its Python caller)."
        )
    return Section(NAME, TITLE, ("view", "where", "per page", "share"), tuple(rows), tuple(notes))


def pipeline_stages() -> dict[str, Callable[..., object]]:
    from bot.config import SummarySettings
    from bot.extract import extract_html
    from bot.models import Digest
    from bot.quotes import find_quotes
    from bot.render import telegram_messages
    from bot.summarize import summarize

    settings = SummarySettings()
    return {
        "extract_html": lambda page: extract_html(page.html, page.url),
        "find_quotes": lambda article: find_quotes(article),
        "summarize": lambda article, quotes: summarize(
            article, settings.sentences, algorithm=settings.algorithm, exclude=[q.text for q in quotes[: settings.quotes]]
        ),
        "telegram_messages": lambda article, quotes, summary: telegram_messages(
            Digest("bench", article, tuple(summary), tuple(quotes[: settings.quotes]), tuple(quotes))
        ),
    }


def digest_in_stages(page: Page, stages: dict[str, Callable[..., object]], clock: Callable[[str, float], None]) -> None:
    """The pipeline's steps one by one (as bot.pipeline chains them), each reported to `clock`."""
    from bot.errors import NewsbotError

    start = time.perf_counter()
    try:
        article = stages["extract_html"](page)
    except NewsbotError:
        clock("extract_html", time.perf_counter() - start)
        return
    clock("extract_html", time.perf_counter() - start)
    start = time.perf_counter()
    quotes = list(stages["find_quotes"](article))  # type: ignore[call-overload]  # a list of Quote
    clock("find_quotes", time.perf_counter() - start)
    start = time.perf_counter()
    summary = stages["summarize"](article, quotes)
    clock("summarize", time.perf_counter() - start)
    start = time.perf_counter()
    stages["telegram_messages"](article, quotes, summary)
    clock("telegram_messages", time.perf_counter() - start)


def time_stages(pages: list[Page], stages: dict[str, Callable[..., object]]) -> dict[str, list[float]]:
    seconds: dict[str, list[float]] = {name: [] for name in stages}
    digest_in_stages(pages[0], stages, lambda name, s: None)  # warm-up
    for page in pages:
        digest_in_stages(page, stages, lambda name, s: seconds[name].append(s))
    return seconds


def sample(
    pages: list[Page], stages: dict[str, Callable[..., object]]
) -> tuple[list[tuple[str, float]], list[tuple[str, float]], float]:
    """(self seconds by package, top functions by self seconds, all sampled seconds)."""
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    profiler.start()
    for page in pages:
        digest_in_stages(page, stages, lambda name, s: None)
    session = profiler.stop()
    packages: Counter[str] = Counter()
    functions: Counter[str] = Counter()
    stack = [(session.root_frame(), "newsbot")]
    while stack:
        frame, caller = stack.pop()
        if frame is None or frame.is_synthetic:
            continue  # a synthetic "[self]" frame's time is already in its parent's total_self_time
        owner = owner_of(frame.file_path or "")
        # Built-ins and the standard library work for whoever called them: lxml's parser
        # or copy.copy called by trafilatura is trafilatura's time.
        charged = caller if owner.startswith(("stdlib", "<")) else owner
        if frame.total_self_time > 0:
            packages[charged] += frame.total_self_time
            functions[f"{owner}: {frame.function}"] += frame.total_self_time
        stack.extend((child, charged) for child in frame.children)
    sampled = math.fsum(packages.values()) or math.nan
    return packages.most_common(), functions.most_common(TOP_FUNCTIONS), sampled


def owner_of(file_path: str) -> str:
    """'bot.quotes', 'trafilatura', 'lxml', 'stdlib re', … for a frame's file."""
    path = Path(file_path)
    parts = path.parts
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].split(".")[0]
    try:
        relative = path.resolve().relative_to(PROJECT)
    except (ValueError, OSError):
        pass
    else:
        return ".".join(relative.with_suffix("").parts)
    if path.suffix == ".py" and "python3" in "".join(parts):
        tail = parts[[i for i, p in enumerate(parts) if p.startswith("python3")][-1] + 1 :]
        return "stdlib " + (tail[0].removesuffix(".py") if tail else path.stem)
    return file_path or "unknown"
