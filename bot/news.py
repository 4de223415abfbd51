"""The `/news <topic>` answer for a chat: the search and its rendering in one call.

A chat handler needs nothing else:

    for html in await news_messages(query, state.fetcher, state.config,
                                    cache=state.topics_cache, run_cpu=state.cpu.run):
        await send_html_note(message, html)
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.config import Config
from bot.fetch import Fetcher
from bot.pipeline import CpuRunner
from bot.render import escape
from bot.topics import StoryCache, search_news
from bot.topics_render import nothing_found, stories_html

USAGE = "Send /news followed by a topic, like: /news Indiana teachers"


async def news_messages(
    query: str,
    fetcher: Fetcher,
    config: Config,
    *,
    cache: StoryCache | None = None,
    run_cpu: CpuRunner | None = None,
    now: datetime | None = None,
) -> list[str]:
    """Telegram HTML messages (at least one) answering `/news query`."""
    if not query.strip():
        return [escape(USAGE)]
    now = now or datetime.now(UTC)
    result = await search_news(query, fetcher, config, now=now, run_cpu=run_cpu, cache=cache)
    if not result.stories:
        return [escape(nothing_found(query, sources_failed=result.sources_failed))]
    return stories_html(query, result.stories, now)
