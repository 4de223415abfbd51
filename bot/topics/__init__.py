"""Topics: a query in, fresh stories out, each digested from its article.

    feeds ─► ranking ─► search (group, digest each story) ─► render

`search_news` is the front door; `bot.topics.render` turns its stories into what
people read, and `bot.topics.whosaid` shows who each outlet of a story quotes.
"""

from bot.topics.models import NewsSearch, Outlet, Story
from bot.topics.search import (
    MAX_QUERY_CHARS,
    brief,
    feed_urls,
    find_stories,
    normalise_query,
    pick_stories,
    search_news,
    tell_story,
)

__all__ = [
    "MAX_QUERY_CHARS",
    "NewsSearch",
    "Outlet",
    "Story",
    "brief",
    "feed_urls",
    "find_stories",
    "normalise_query",
    "pick_stories",
    "search_news",
    "tell_story",
]
