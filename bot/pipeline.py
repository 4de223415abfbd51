"""fetch → extract → summarize + quotes → Digest, shared by the bot, the CLI and the benchmarks.

The CPU part (`digest_html`, `digest_text`) is plain and synchronous, with picklable
arguments, so the bot can run it in a process pool and keep its event loop free.
"""

from __future__ import annotations

from bot.config import SummarySettings
from bot.extract import extract_html, extract_text
from bot.models import Article, Digest
from bot.quotes import find_quotes
from bot.summarize import summarize


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


def digest_text(text: str, source: str, settings: SummarySettings) -> Digest:
    return digest_article(extract_text(text), source, settings)
