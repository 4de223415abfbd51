"""`/news <topic>`: fresh stories on a topic, each digested from its article.

    query ─► every feed in parallel (one overall deadline) ─► items
          ─► rank (relevance × freshness) ─► drop stale unless nothing else
          ─► group the same story from several outlets ─► top N
          ─► digest each story's article in parallel (next outlet, then the feed's
             own description, when a page fails) ─► Story list

A dead feed or article costs its own story at most, never the whole answer. The
caller passes a `bot.store.Store` when repeated queries should not refetch every feed: it
keeps recent answers and searches one query asked twice at once only once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from bot.config import Config, SummarySettings, TopicsSettings
from bot.errors import NewsbotError
from bot.topics.feeds import FeedItem, host_name, parse_feed, search_feed_url, story_key
from bot.models import Digest
from bot.topics.ranking import Scored, group, item_text, names, rank
from bot.topics.models import NewsSearch, Outlet, Story
from bot.pipeline.sentences import split_sentences

if TYPE_CHECKING:
    from bot.pipeline import CpuRunner
    from bot.pipeline.fetch import Fetcher
    from bot.store import Store

__all__ = [
    "BRIEF_CHARS", "DigestSeen", "MAX_QUERY_CHARS", "OUTLETS_TRIED", "SUMMARY_SENTENCES", "TOPIC_KEY",
    "brief", "cached_flight", "feed_urls", "find_stories", "indexer_for", "normalise_query",
    "pick_stories", "read_feeds", "search_news", "tell_stories", "tell_story",
]

log = logging.getLogger(__name__)
T = TypeVar("T")
# Told of each article a search digests, with its outlet's name (the quote index listens).
DigestSeen = Callable[[Digest, str | None], Awaitable[None]]

MAX_QUERY_CHARS = 200
SUMMARY_SENTENCES = 2  # a topic digest lists several stories: keep each short
BRIEF_CHARS = 400  # a second sentence only while the two stay under this
OUTLETS_TRIED = 3  # per story, when the first outlets' pages fail
# Keys in the store: answers kept (bot.store.Store.get_stories) and searches in flight.
TOPIC_KEY = "news:"


def normalise_query(query: str) -> str:
    return " ".join(query.casefold().split())[:MAX_QUERY_CHARS]


def feed_urls(query: str, settings: TopicsSettings) -> list[tuple[str, bool]]:
    """(feed URL, is a search feed) for every configured feed, each once."""
    urls = [(search_feed_url(t, query), True) for t in settings.search_feeds]
    urls += [(url, False) for url in settings.feeds]
    return list(dict.fromkeys(urls))


async def read_feeds(
    query: str, fetcher: Fetcher, settings: TopicsSettings, run_cpu: CpuRunner | None = None
) -> tuple[list[FeedItem], int, int]:
    """Items of every feed that answered within `settings.timeout`; (items, feeds, failed)."""
    urls = feed_urls(query, settings)
    if not urls:
        return [], 0, 0
    run = run_cpu or _inline
    tasks = [asyncio.create_task(_read_feed(fetcher, url, searched, run)) for url, searched in urls]
    done, pending = await asyncio.wait(tasks, timeout=settings.timeout)
    for task in pending:
        task.cancel()
    if pending:
        await asyncio.gather(*pending, return_exceptions=True)
        log.warning("%d of %d feeds ran past the %gs deadline", len(pending), len(urls), settings.timeout)
    items: list[FeedItem] = []
    failed = len(pending)
    for task in tasks:  # in configured order, so results never depend on timing
        if task in done:
            found = task.result()
            if found is None:
                failed += 1
            else:
                items += found
    return items, len(urls), failed


async def _read_feed(fetcher: Fetcher, url: str, searched: bool, run: CpuRunner) -> list[FeedItem] | None:
    try:
        page = await fetcher.fetch(url, kind="feed")
        # Parsing a long feed is CPU work: off the event loop when the caller has a pool.
        return await run(partial(parse_feed, searched=searched), page.text, page.url)
    except NewsbotError as exc:
        log.warning("feed %s failed: %s (%s)", url, exc, exc.detail or "")
    except Exception:  # a bug or an odd answer in one feed must not cost the others
        log.exception("feed %s failed unexpectedly", url)
    return None


def pick_stories(
    items: Sequence[FeedItem], query: str, now: datetime, settings: TopicsSettings, exclude: Sequence[str] = ()
) -> list[tuple[list[Scored], bool]]:
    """The top `settings.stories` groups, each with whether it is stale.

    Stale items are dropped when anything fresh (or undated) is relevant; when only
    stale ones are, they are kept and marked, so the reply can say they are older.
    Items naming a word of `exclude` (a follow's "-opinion") are left out first.
    """
    if exclude:
        items = [i for i in items if names(item_text(i), (), exclude)]
    scored = rank(items, query, now, max_age_hours=settings.max_age_hours)
    fresh = [s for s in scored if not s.stale]
    chosen, stale = (fresh, False) if fresh else (scored, True)
    groups = group(chosen, query)
    return [(g, stale) for g in groups[: settings.stories]]


async def search_news(
    query: str,
    fetcher: Fetcher,
    config: Config,
    *,
    now: datetime | None = None,
    run_cpu: CpuRunner | None = None,
    store: Store | None = None,
    exclude: Sequence[str] = (),
) -> NewsSearch:
    """`find_stories`, also telling how many feeds failed (so "no news" and "no sources" differ).
    Items naming a word of `exclude` are no candidates (bot.follow's "-word")."""
    query = " ".join(query.split())[:MAX_QUERY_CHARS]
    now = _aware(now or datetime.now(UTC))
    settings = config.topics
    if not query:
        return NewsSearch([], 0, 0)
    exclude = tuple(exclude)
    if store is None:
        return await _search(query, fetcher, config, now, run_cpu, exclude)
    key = f"{TOPIC_KEY}{settings.stories}:{normalise_query(query)}"
    if exclude:
        key += "".join(f" -{normalise_query(w)}" for w in exclude)
    cached = await store.get_stories(key, now)
    if cached is not None:
        return NewsSearch(cached, 0, 0)

    async def search() -> NewsSearch:
        return await _search(query, fetcher, config, now, run_cpu, exclude, indexer_for(store, run_cpu))

    return await cached_flight(store, key, now, search, timedelta(minutes=settings.cache_minutes))


async def cached_flight(
    store: Store, key: str, now: datetime, work: Callable[[], Awaitable[NewsSearch]], keep: timedelta
) -> NewsSearch:
    """`work` once for everyone asking for `key` at the same time, its stories cached.

    The cache is written inside the flight and read again at its start: another process
    that missed the cache just before the flight landed then finds it, instead of
    running the search a second time between the flight's end and the cache write."""

    async def flight() -> NewsSearch:
        cached = await store.get_stories(key, now)
        if cached is not None:
            return NewsSearch(cached, 0, 0)
        result = await work()
        if not result.sources_failed:  # a source that failed is asked again next time
            await store.put_stories(key, now, list(result.stories), keep)
        return result

    return await store.single_flight(key, flight)


def indexer_for(store: Store, run_cpu: CpuRunner | None) -> DigestSeen:
    """Who said what in each article a search digests goes to the store's quote index."""

    async def keep(digest: Digest, outlet: str | None) -> None:
        from bot.quotebook import keep_sayings  # on use: the pipeline loads with it

        await keep_sayings(store, digest, outlet=outlet, run_cpu=run_cpu)

    return keep


async def _search(
    query: str,
    fetcher: Fetcher,
    config: Config,
    now: datetime,
    run_cpu: CpuRunner | None,
    exclude: tuple[str, ...] = (),
    on_digest: DigestSeen | None = None,
) -> NewsSearch:
    settings = config.topics
    run = run_cpu or _inline
    items, feeds, failed = await read_feeds(query, fetcher, settings, run)
    picked = await run(pick_stories, items, query, now, settings, exclude)
    return NewsSearch(await tell_stories(picked, fetcher, config, run_cpu=run, on_digest=on_digest), feeds, failed)


async def tell_stories(
    picked: Sequence[tuple[Sequence[Scored], bool]],
    fetcher: Fetcher,
    config: Config,
    *,
    run_cpu: CpuRunner | None = None,
    on_digest: DigestSeen | None = None,
) -> list[Story]:
    """Each picked group (with whether it is stale) told as a story, all at once."""
    summary = replace(config.summary, sentences=min(SUMMARY_SENTENCES, config.summary.sentences), quotes=1)
    # Time for the first outlet's page and one more, should it fail.
    deadline = config.fetch.timeout * 2
    tellings = [
        tell_story(g, fetcher, summary, stale=stale, run_cpu=run_cpu, deadline=deadline, on_digest=on_digest)
        for g, stale in picked
    ]
    return list(await asyncio.gather(*tellings))


async def find_stories(
    query: str,
    fetcher: Fetcher,
    config: Config,
    *,
    now: datetime | None = None,
    run_cpu: CpuRunner | None = None,
    store: Store | None = None,
) -> list[Story]:
    """Fresh stories on `query`, best first; [] when nothing relevant was found."""
    result = await search_news(query, fetcher, config, now=now, run_cpu=run_cpu, store=store)
    return result.stories


async def tell_story(
    members: Sequence[Scored],
    fetcher: Fetcher,
    settings: SummarySettings,
    *,
    stale: bool = False,
    run_cpu: CpuRunner | None = None,
    deadline: float = 30.0,
    on_digest: DigestSeen | None = None,
) -> Story:
    """One story (a group of items, best first) as told by the first outlet whose page
    digests; when none does within `deadline`, by the best item with a feed description.
    `on_digest(digest, outlet)` hears of each article digested on the way."""
    by_link: dict[str, FeedItem] = {}
    for member in members:  # best first, each link once
        by_link.setdefault(member.item.url, member.item)
    items = list(by_link.values())
    # Publishers' own links before links still on the search site (ones we could not
    # unwrap): those seldom lead to the article.
    tried = sorted(items, key=lambda i: _on_search_site(i.url, i))[:OUTLETS_TRIED]
    try:
        async with asyncio.timeout(deadline):
            for item in tried:
                digest = await _digest(item.url, fetcher, settings, run_cpu)
                if digest is not None and on_digest is not None:
                    await on_digest(digest, item.site or host_name(item.url))
                if digest is not None and digest.summary and not _still_at_aggregator(item, digest):
                    return _told_by(item, digest, members, stale)
    except TimeoutError:
        log.warning("story %s: articles ran past the %gs deadline", items[0].url, deadline)
    described = next((i for i in items if i.description), items[0])
    return _told_by(described, None, members, stale)


async def _digest(url: str, fetcher: Fetcher, settings: SummarySettings, run_cpu: CpuRunner | None) -> Digest | None:
    # Imported on use: the data types, the cache and the renderers need none of the
    # extraction stack, and `newsbot --help` should not pay for it.
    from bot.pipeline import digest_url

    try:
        return await digest_url(url, fetcher, settings, source=url, run_cpu=run_cpu)
    except NewsbotError as exc:
        log.warning("article %s failed: %s (%s)", url, exc, exc.detail or "")
    except Exception:  # one odd page must not cost the other stories
        log.exception("article %s failed unexpectedly", url)
    return None


def _on_search_site(url: str, item: FeedItem) -> bool:
    """True when `url` is on the site of the search feed `item` came from."""
    if not item.searched:
        return False
    return urlsplit(url).netloc.lower().removeprefix("www.") == urlsplit(item.feed).netloc.lower().removeprefix("www.")


def _still_at_aggregator(item: FeedItem, digest: Digest) -> bool:
    """True when a search result's link led to a page on the search engine's own site:
    an interstitial or a cluster page (links we could not unwrap), not the article."""
    if not _on_search_site(digest.article.url or item.url, item):
        return False
    log.warning("search result %s stayed on the search site; not digested", item.url)
    return True


def _told_by(item: FeedItem, digest: Digest | None, members: Sequence[Scored], stale: bool) -> Story:
    if digest is not None:
        summary = brief(s.text for s in digest.summary)
        quotes = tuple(digest.quotes[:1])
        url = digest.article.url or item.url
        published = _iso(item.published) or digest.article.published
    else:
        summary = _description_sentences(item.description)
        quotes = ()
        url = item.url
        published = _iso(item.published)
    site = item.site or host_name(item.url)
    also: dict[str, Outlet] = {}
    for member in members:
        other = member.item
        name = other.site or host_name(other.url) or other.url
        # The same article reached through another feed is not another outlet.
        if story_key(other.url) == story_key(item.url) or name == site or name in also:
            continue
        also[name] = Outlet(site=name, url=other.url, title=other.title)
    return Story(
        title=item.title,
        url=url,
        site=site,
        published=published,
        summary=summary,
        quotes=quotes,
        also=tuple(also.values()),
        is_stale=stale,
    )


def brief(sentences: Iterable[str]) -> tuple[str, ...]:
    """The first sentence, and the next while the two stay short: a topic digest lists
    several stories, and each should read at a glance."""
    chosen: list[str] = []
    for sentence in sentences:
        if len(chosen) == SUMMARY_SENTENCES or (chosen and len(chosen[0]) + len(sentence) > BRIEF_CHARS):
            break
        chosen.append(sentence)
    return tuple(chosen)


def _description_sentences(description: str) -> tuple[str, ...]:
    return brief(split_sentences(description)) if description else ()


async def _inline(fn: Callable[..., T], *args: Any) -> T:
    return fn(*args)


def _iso(when: datetime | None) -> str | None:
    return when.astimezone(UTC).isoformat() if when else None


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo else when.replace(tzinfo=UTC)
