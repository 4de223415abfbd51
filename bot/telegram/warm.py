"""Imported once in the CPU pool's forkserver: every worker forked from it starts warm.

The pipeline loads much of what it needs on first use (stemmers, stop-word lists,
compiled patterns): close to a second that the first request of every new worker would
otherwise pay. Digesting the bundled sample here, once, moves that cost to start-up.
"""

from __future__ import annotations

import logging
from importlib import resources

from bot.config import SummarySettings
from bot.errors import NewsbotError
from bot.pipeline import digest_text


def warm_up() -> None:
    sample = (resources.files("bot") / "data" / "sample-article.txt").read_text(encoding="utf-8")
    try:
        digest_text(sample, None, "sample", SummarySettings())
    except NewsbotError as exc:  # a cold worker is slower, not broken
        logging.getLogger(__name__).warning("warm-up failed: %s", exc)


warm_up()
