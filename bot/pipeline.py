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
from bot.extract import extract_html, extract_text
from bot.models import Article, Digest
from bot.quotes import find_quotes
from bot.summarize import summarize

if TYPE_CHECKING:  # the network stack is only loaded by those who fetch
    from bot.fetch import Fetcher

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
