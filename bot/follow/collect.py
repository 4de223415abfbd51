"""The stories one follow finds now: the topic search of /news (bot.topics.search), or
one feed's items grouped and told the same way, then the follow's keywords.

A topic goes through `search_news` as it is, store and all: every chat following
"climate" shares one search (cached for topics.cache_minutes, one in flight at a time).
A feed is read with the same reader, grouped by the same story grouping and each story
told by the same `tell_story`; when the follow has words they rank its items as a query
would, else the newest come first. Its stories are kept in the store the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from bot.config import Config
from bot.follow.models import Follow
from bot.topics import normalise_query, search_news
from bot.topics.digest import keep
from bot.topics.models import NewsSearch
from bot.topics.ranking import Scored, freshness, group, item_text, names
from bot.topics.search import DigestSeen, cached_flight, indexer_for, pick_stories, read_feeds, tell_stories

if TYPE_CHECKING:
    from bot.pipeline import CpuRunner
    from bot.pipeline.fetch import Fetcher
    from bot.store import Store

__all__ = ["FEED_KEY", "follow_search"]

T = TypeVar("T")
# Stories of a followed feed in the store, beside the topic searches ("news:").
FEED_KEY = "feed:"


async def follow_search(
    follow: Follow,
    fetcher: Fetcher,
    config: Config,
    *,
    now: datetime,
    run_cpu: CpuRunner | None = None,
    store: Store | None = None,
) -> NewsSearch:
    """What `follow` finds now, best first, its keywords applied (stale stories are kept,
    marked: the digest leaves them out, `news --since` by their date), and how many
    feeds failed, as `search_news` tells."""
    config = replace(config, topics=replace(config.topics, stories=config.follow.stories))
    if follow.feed is None:
        result = await search_news(
            follow.query, fetcher, config, now=now, run_cpu=run_cpu, store=store, exclude=follow.exclude
        )
    else:
        feed = follow.feed

        async def work() -> NewsSearch:
            on_digest = indexer_for(store, run_cpu) if store is not None else None
            return await _feed_search(feed, follow.query, follow.exclude, fetcher, config, now, run_cpu, on_digest)

        key = f"{FEED_KEY}{config.topics.stories}:{normalise_query(follow.label)}"
        cached = await store.get_stories(key, now) if store is not None else None
        if cached is not None:
            result = NewsSearch(cached, 0, 0)
        elif store is None:
            result = await work()
        else:
            result = await cached_flight(store, key, now, work, timedelta(minutes=config.topics.cache_minutes))
    return NewsSearch(keep(result.stories, follow.include, follow.exclude), result.feeds, result.failed)


async def _feed_search(
    url: str,
    query: str,
    exclude: tuple[str, ...],
    fetcher: Fetcher,
    config: Config,
    now: datetime,
    run_cpu: CpuRunner | None,
    on_digest: DigestSeen | None = None,
) -> NewsSearch:
    settings = replace(config.topics, search_feeds=(), feeds=(url,))
    run = run_cpu or _inline
    items, feeds, failed = await read_feeds(query, fetcher, settings, run)
    if query.strip():
        picked = await run(pick_stories, items, query, now, settings, exclude)
    else:
        items = [i for i in items if names(item_text(i), (), exclude)]
        # No words: every item is relevant; the newest lead (as `rank` would, by freshness).
        scored = []
        for item in items:
            fresh = freshness(item.published, now, settings.max_age_hours)
            stale = item.published is not None and now - item.published > timedelta(hours=settings.max_age_hours)
            scored.append(Scored(item, 1.0, fresh, fresh, stale))
        fresh_ones = [s for s in scored if not s.stale]
        chosen, stale = (fresh_ones, False) if fresh_ones else (scored, True)
        picked = [(g, stale) for g in group(chosen)[: settings.stories]]
    return NewsSearch(await tell_stories(picked, fetcher, config, run_cpu=run, on_digest=on_digest), feeds, failed)


async def _inline(fn: Callable[..., T], *args: Any) -> T:
    return fn(*args)
