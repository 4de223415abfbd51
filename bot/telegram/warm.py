"""Imported once in the CPU pool's forkserver: every worker forked from it starts warm.

The pipeline loads much of what it needs on first use (stemmers, stop-word lists,
the HTML extractor's tables, compiled patterns): a second or more that the first
request of every new worker would otherwise pay. Digesting the bundled sample here,
once as text and once as a web page, moves that cost to start-up.
"""

from __future__ import annotations

import html
import logging
from importlib import resources

from bot.config import SummarySettings
from bot.errors import NewsbotError
from bot.pipeline import digest_html, digest_text
from bot.telegram import views  # noqa: F401 - re-summaries for buttons run `views.reshape`


def warm_up() -> None:
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
    except NewsbotError as exc:  # a cold worker is slower, not broken
        logging.getLogger(__name__).warning("warm-up failed: %s", exc)


warm_up()
