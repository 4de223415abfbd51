"""Choosing the stories for a reply, and remembering recent replies per query."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.config import TopicsSettings
from bot.topics.feeds import FeedItem
from bot.topics import Story, brief, feed_urls, normalise_query, pick_stories

NOW = datetime(2019, 11, 20, 12, 0, tzinfo=UTC)


def item(title: str, hours_old: float, site: str = "Wire") -> FeedItem:
    slug = "-".join(title.lower().split())
    return FeedItem(title, f"https://{site.lower()}.example/{slug}", site, NOW - timedelta(hours=hours_old))


def test_the_top_stories_are_picked_fresh_first_and_grouped():
    items = [
        item("Venice floods swamp St Mark's Square", 3, "A"),
        item("Venice floods swamp St Mark's Square again", 4, "B"),
        item("Venice mayor seeks state of emergency after floods", 6, "C"),
        item("Venice floods: tourists wade through streets", 7, "D"),
        item("Venice floods of 1966 remembered", 24 * 30, "E"),
    ]
    picked = pick_stories(items, "Venice floods", NOW, TopicsSettings(stories=2))

    assert [[s.item.site for s in g] for g, _ in picked] == [["A", "B"], ["C"]]
    assert not any(stale for _, stale in picked)


def test_when_every_relevant_item_is_stale_the_best_of_them_are_picked_and_marked():
    items = [item("Venice floods of 1966 remembered", 24 * 30), item("Budget passes", 1)]
    picked = pick_stories(items, "Venice floods", NOW, TopicsSettings())

    assert [(g[0].item.title, stale) for g, stale in picked] == [("Venice floods of 1966 remembered", True)]


def test_search_feeds_get_the_query_and_each_feed_is_asked_once():
    settings = TopicsSettings(
        search_feeds=("https://s.example/rss?q={query}", "https://s.example/rss?q={query}"),
        feeds=("https://wire.example/world.rss",),
    )
    assert feed_urls("Venice floods", settings) == [
        ("https://s.example/rss?q=Venice%20floods", True),
        ("https://wire.example/world.rss", False),
    ]


def test_queries_are_compared_without_case_or_extra_spaces():
    assert normalise_query("  Boris   JOHNSON\n") == "boris johnson"


def test_a_story_is_told_in_one_sentence_or_two_short_ones():
    short, other, long = "Teachers rallied.", "Schools closed.", "Thousands of teachers " + "rallied " * 60 + "today."
    assert brief([short, other, "A third."]) == (short, other)
    assert brief([long, short]) == (long,)
    assert brief([short, long]) == (short,)
    assert brief([]) == ()
