"""fetch → extract → summarize + quotes → Digest, shared by the bot, the CLI and the benchmarks.

The CPU part (`digest_document`, `digest_html`, `digest_text`, `digest_article`,
`reshape`) is plain and synchronous, with picklable arguments, so the bot can run it in
a process pool and keep its event loop free. `digest_source` and `digest_url` are the
async front: they fetch when there is something to fetch, then hand the CPU work to
`run_cpu` (inline by default, which suits the CLI).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from bot.config import SummarySettings
from bot.pipeline.extract import extract_html, extract_text
from bot.models import Article, Digest, Quote
from bot.pipeline.quotes import find_quotes
from bot.pipeline.summarize import summarize

if TYPE_CHECKING:  # the network stack is only loaded by those who fetch
    from bot.pipeline.fetch import Fetcher
    from bot.pipeline.sources import Source

__all__ = [
    "CpuRunner",
    "Kind",
    "digest_article",
    "digest_document",
    "digest_html",
    "digest_source",
    "digest_text",
    "digest_url",
    "every_quote",
    "reshape",
    "warm_up",
]

T = TypeVar("T")
Kind = Literal["html", "text"]

# run_cpu(fn, *args) -> awaitable of fn(*args); e.g. loop.run_in_executor on a process pool.
CpuRunner = Callable[..., Awaitable[Any]]


def digest_article(article: Article, source: str, settings: SummarySettings) -> Digest:
    return _shaped(source, article, tuple(find_quotes(article)), settings)


def reshape(digest: Digest, settings: SummarySettings) -> Digest:
    """The same article shown with other settings: the quotes are a prefix of every quote
    found, and the summary is picked again with the shown ones excluded. No refetch."""
    return _shaped(digest.source, digest.article, every_quote(digest), settings)


def every_quote(digest: Digest) -> tuple[Quote, ...]:
    # Entries cached before all_quotes existed hold only the shown ones.
    return digest.all_quotes or digest.quotes


def _shaped(source: str, article: Article, all_quotes: tuple[Quote, ...], settings: SummarySettings) -> Digest:
    # Quotes first: a sentence shown as a quote is not repeated as a summary bullet.
    quotes = all_quotes[: settings.quotes]
    summary = summarize(article, settings.sentences, algorithm=settings.algorithm, exclude=[q.text for q in quotes])
    return Digest(source=source, article=article, summary=tuple(summary), quotes=quotes, all_quotes=all_quotes)


def digest_document(kind: Kind, document: str, url: str | None, source: str, settings: SummarySettings) -> Digest:
    """The one place that knows a web page from plain text."""
    article = extract_html(document, url) if kind == "html" else extract_text(document, url)
    return digest_article(article, source, settings)


def digest_html(html: str, url: str | None, source: str, settings: SummarySettings) -> Digest:
    return digest_document("html", html, url, source, settings)


def digest_text(text: str, url: str | None, source: str, settings: SummarySettings) -> Digest:
    return digest_document("text", text, url, source, settings)


def warm_up() -> None:
    """Load what the pipeline otherwise loads on first use (stemmers, stop words, the
    extractors' tables and compiled patterns, readability): a second or more that the
    first article would pay. Digests the bundled sample, once as text and once as a web
    page. Not langdetect's profiles: the sample, like most undeclared pages, is plainly
    English (`bot.lang.detect.clearly_english`), and a page that needs them loads them."""
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
    kind: Kind = "text" if page.content_type == "text/plain" else "html"
    return await run(digest_document, kind, page.text, page.url, source or url, settings)


async def digest_source(
    source: Source,
    fetcher: Fetcher | None,
    settings: SummarySettings,
    *,
    run_cpu: CpuRunner | None = None,
) -> Digest:
    """What the user gave (a link, a file's or stdin's text) → its digest; `fetcher` is
    needed only for links."""
    if source.kind == "url":
        if fetcher is None:
            raise ValueError("a link needs a fetcher")
        return await digest_url(source.value, fetcher, settings, source=source.name, run_cpu=run_cpu)
    return await (run_cpu or _inline)(digest_document, source.kind, source.value, None, source.name, settings)
