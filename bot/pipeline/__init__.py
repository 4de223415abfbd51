"""fetch → extract → summarize + quotes → Digest, shared by the bot, the CLI and the benchmarks.

The CPU part (`digest_html`, `digest_text`, `digest_article`) is plain and synchronous,
with picklable arguments, so the bot can run it in a process pool and keep its event
loop free. `digest_source` is the async front: it fetches, then hands the CPU work to
`run_cpu` (inline by default, which suits the CLI).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from bot.config import SummarySettings
from bot.pipeline.extract import extract_html, extract_text
from bot.models import Article, Digest
from bot.pipeline.quotes import find_quotes
from bot.pipeline.summarize import summarize

if TYPE_CHECKING:  # the network stack is only loaded by those who fetch
    from bot.pipeline.fetch import Fetcher

T = TypeVar("T")

# run_cpu(fn, *args) -> awaitable of fn(*args); e.g. loop.run_in_executor on a process pool.
CpuRunner = Callable[..., Awaitable[Any]]


def digest_article(article: Article, source: str, settings: SummarySettings) -> Digest:
    all_quotes = tuple(find_quotes(article))
    quotes = all_quotes[: settings.quotes]
    summary = summarize(
        article,
        settings.sentences,
        algorithm=settings.algorithm,
        exclude=[q.text for q in quotes],
    )
    return Digest(source=source, article=article, summary=tuple(summary), quotes=quotes, all_quotes=all_quotes)


def digest_html(html: str, url: str | None, source: str, settings: SummarySettings) -> Digest:
    return digest_article(extract_html(html, url), source, settings)


def digest_text(text: str, url: str | None, source: str, settings: SummarySettings) -> Digest:
    return digest_article(extract_text(text, url), source, settings)


def warm_up() -> None:
    """Load what the pipeline otherwise loads on first use (stemmers, stop words, the
    language profiles, the extractors' tables and compiled patterns, readability): a
    second or more that the first article would pay. Digests the bundled sample, once as
    text and once as a web page."""
    import html
    import logging
    from importlib import resources

    import readability  # noqa: F401 - the second-opinion extractor, imported lazily by bot.pipeline.extract

    from bot.errors import NewsbotError

    sample = (resources.files("bot") / "data" / "sample-article.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in sample.split("\n\n") if p.strip()]
    page = (
        f"<html><head><title>{html.escape(paragraphs[0])}</title></head><body><article>"
        f"<h1>{html.escape(paragraphs[0])}</h1>"
        + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[1:])
        + "</article></body></html>"
    )
    try:
        digest_text(sample, None, "sample", SummarySettings())
        digest_html(page, "https://example.com/sample", "sample", SummarySettings())
    except NewsbotError as exc:  # a cold process is slower, not broken
        logging.getLogger(__name__).warning("warm-up failed: %s", exc)


async def _inline(fn: Callable[..., T], *args: Any) -> T:
    return fn(*args)


async def digest_url(
    url: str,
    fetcher: Fetcher,
    settings: SummarySettings,
    *,
    source: str | None = None,
    run_cpu: CpuRunner | None = None,
) -> Digest:
    """Fetch `url` and digest it. Raises NewsbotError subclasses with a user-facing message."""
    run = run_cpu or _inline
    page = await fetcher.fetch(url)
    if page.content_type == "text/plain":
        return await run(digest_text, page.text, page.url, source or url, settings)
    return await run(digest_html, page.text, page.url, source or url, settings)
