"""/news <topic> end to end: feeds and articles served by a local server, real pages, fixed clock."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler

import pytest

from bot.config import Config, FetchSettings, SummarySettings, TopicsSettings
from bot.pipeline.extract import extract_html
from bot.topics.feeds import FeedItem
from bot.pipeline.fetch import Fetcher
from bot.topics.ranking import Scored
from bot.cli import run_news
from bot.store.memory import MemoryStore
from bot.topics import Outlet, find_stories, search_news, tell_story
from bot.topics.render import nothing_found, stories_html, stories_text
from tests.servers import PAGES, LocalServer, Response
from tests.topics_feeds import feed_text

# The fixture pages and feeds are from the evening of 19 November 2019.
NOW = datetime(2019, 11, 20, 12, 0, tzinfo=UTC)
RSS = "application/rss+xml; charset=utf-8"


@pytest.fixture
def aggregator() -> Iterator[LocalServer]:
    """The news search engine: its own site, apart from the publishers it links to."""
    with LocalServer() as server:
        yield server


def serve_feeds(publisher: LocalServer, aggregator: LocalServer) -> None:
    site, engine = publisher.url(""), aggregator.url("")
    xml = "application/xml; charset=utf-8"
    aggregator.add_page("/search/google", feed_text("google-news-search.xml", engine, site), xml)
    aggregator.add_page("/search/bing", feed_text("bing-news-search.xml", engine, site), "text/xml; charset=utf-8")
    aggregator.add_page("/feeds/malformed.xml", feed_text("malformed.xml", engine), RSS)
    aggregator.add_page("/feeds/moved", feed_text("not-a-feed.html", engine))
    aggregator.add("/feeds/down.rss", Response(500, b"<h1>Internal Server Error</h1>"))
    # Served in the charset its XML declaration names.
    world = feed_text("world-news.rss", site).encode("iso-8859-1")
    publisher.add_page("/feeds/world.rss", world, "application/rss+xml")
    publisher.add_page("/feeds/politics.atom", feed_text("detroitnews-politics.atom", site), "application/atom+xml")
    for page in ("detroitnews-teachers", "aljazeera-helicopter", "usatoday-prison-guards"):
        publisher.add_fixture(page)


def config_for(
    publisher: LocalServer, aggregator: LocalServer, search: tuple[str, ...] = (), feeds: tuple[str, ...] = (), **topics
) -> Config:
    """Search feeds are on the aggregator, plain feeds at the publisher."""
    return Config(
        fetch=FetchSettings(allow_private_networks=True, timeout=10),
        topics=TopicsSettings(
            search_feeds=tuple(aggregator.url(path) for path in search),
            feeds=tuple(publisher.url(path) for path in feeds),
            **topics,
        ),
    )


ALL_FEEDS = {
    "search": ("/search/google?q={query}&hl=en-US", "/search/bing?q={query}&format=rss"),
    "feeds": ("/feeds/world.rss", "/feeds/politics.atom"),
}


def paths(server: LocalServer) -> list[str]:
    return [path for _, path in server.requests]


def article_text(page: str) -> str:
    return extract_html((PAGES / f"{page}.html").read_text(encoding="utf-8")).text


@pytest.fixture
async def fetcher():
    async with Fetcher(FetchSettings(allow_private_networks=True, timeout=10)) as f:
        yield f


async def test_a_topic_gets_its_fresh_story_first_digested_from_the_publishers_page(
    article_server, aggregator, fetcher
):
    serve_feeds(article_server, aggregator)
    config = config_for(article_server, aggregator, **ALL_FEEDS)

    stories = await find_stories("Indiana teachers", fetcher, config, now=NOW)

    first = stories[0]
    assert first.title == "Thousands of teachers pack Indiana Statehouse for protest"
    assert first.site == "The Detroit News"
    assert first.published == "2019-11-19T21:30:00+00:00"
    assert not first.is_stale
    # One or two sentences and the best quote, verbatim from the article.
    text = article_text("detroitnews-teachers")
    assert 1 <= len(first.summary) <= 2
    assert all(sentence in text for sentence in first.summary)
    (quote,) = first.quotes
    assert all(part in text for part in quote.text.split(" … "))  # a quote over paragraphs is joined by " … "
    # The query went to the search feeds URL-encoded; the article came from the publisher's
    # URL, never through the aggregators' redirect links.
    assert "/search/google?q=Indiana%20teachers&hl=en-US" in paths(aggregator)
    assert "/news/detroitnews-teachers" in paths(article_server)
    assert not [p for p in paths(aggregator) if p.startswith(("/rss/articles/", "/news/apiclick.aspx"))]
    # The search feeds also returned stories that never mention Indiana or teachers: left out.
    assert [s.title for s in stories] == [
        "Thousands of teachers pack Indiana Statehouse for protest",
        "Indiana teachers union backs candidate in governor's race",
    ]


async def test_one_story_from_several_outlets_is_shown_once_with_the_others_under_also(
    article_server, aggregator, fetcher
):
    serve_feeds(article_server, aggregator)
    config = config_for(article_server, aggregator, **ALL_FEEDS)

    stories = await find_stories("Indiana teachers", fetcher, config, now=NOW)

    teachers = [s for s in stories if "Statehouse" in s.title or any("Statehouse" in o.title for o in s.also)]
    assert len(teachers) == 1
    # IndyStar's headline differs but tells the same event; the publisher's own Atom
    # entry for the same article (utm parameters, trailing slash) is no second outlet.
    assert teachers[0].also == (
        Outlet(
            site="IndyStar",
            url=article_server.url("/news/indystar-red-for-ed"),
            title="Thousands of Indiana teachers pack Statehouse in 'Red for Ed' rally",
        ),
    )


async def test_a_story_whose_page_is_dead_is_told_by_the_next_outlet_carrying_it(article_server, fetcher):
    article_server.add_fixture("detroitnews-teachers")
    dead = FeedItem("Indiana teachers rally", article_server.url("/news/gone"), "IndyStar", NOW - timedelta(hours=1))
    live = FeedItem(
        "Thousands of teachers pack Indiana Statehouse for protest",
        article_server.url("/news/detroitnews-teachers"),
        "The Detroit News",
        NOW - timedelta(hours=2),
    )
    group = [Scored(dead, 1.0, 1.0, 1.0, False), Scored(live, 1.0, 0.9, 0.9, False)]

    story = await tell_story(group, fetcher, SummarySettings(sentences=2, quotes=1))

    assert paths(article_server) == ["/news/gone", "/news/detroitnews-teachers"]
    assert (story.title, story.site, story.published) == (live.title, "The Detroit News", "2019-11-20T10:00:00+00:00")
    assert story.summary and all(s in article_text("detroitnews-teachers") for s in story.summary)
    # The outlet whose page failed is still named, under "also".
    assert story.also == (Outlet("IndyStar", dead.url, dead.title),)


async def test_a_search_link_that_stays_on_the_search_site_is_not_taken_for_the_article(aggregator, fetcher):
    # An opaque aggregator link answers with the engine's own page, not the article; a
    # "summary" of it would be the engine's words, so the feed's text is used instead.
    paragraph = (
        "<p>Top stories, local news and more from thousands of sources, organised for you. "
        "Choose the topics you follow and see how each story is covered by outlets across the "
        "political spectrum, with full coverage pages for the events that matter.</p>"
    )
    page = f"<html><head><title>News</title></head><body><main>{paragraph * 6}</main></body></html>"
    aggregator.add_page("/rss/articles/CBMiOpaqueId", page)
    item = FeedItem(
        "Thousands of teachers pack Indiana Statehouse for protest",
        aggregator.url("/rss/articles/CBMiOpaqueId?oc=5"),
        "The Detroit News",
        NOW - timedelta(hours=2),
        description="Teachers rallied at the Statehouse.",
        feed=aggregator.url("/rss/search?q=teachers"),
        searched=True,
    )

    story = await tell_story([Scored(item, 1.0, 1.0, 1.0, False)], fetcher, SummarySettings(sentences=2, quotes=1))

    assert paths(aggregator) == ["/rss/articles/CBMiOpaqueId?oc=5"]
    assert story.summary == ("Teachers rallied at the Statehouse.",)
    assert story.quotes == ()


async def test_stale_items_give_way_to_fresh_ones(article_server, aggregator, fetcher):
    serve_feeds(article_server, aggregator)
    config = config_for(article_server, aggregator, **ALL_FEEDS)

    stories = await find_stories("Indiana teachers", fetcher, config, now=NOW)

    titles = [s.title for s in stories] + [o.title for s in stories for o in s.also]
    assert "Indiana teachers plan Statehouse rally as pay talks stall" not in titles  # 3 weeks old
    assert not any(s.is_stale for s in stories)


async def test_when_only_old_reports_exist_they_are_shown_marked_as_older(article_server, aggregator, fetcher):
    serve_feeds(article_server, aggregator)
    config = config_for(article_server, aggregator, feeds=("/feeds/world.rss",))

    stories = await find_stories("Afghanistan helicopter crash", fetcher, config, now=NOW)

    assert [(s.title, s.is_stale) for s in stories] == [
        ("Helicopter crash in eastern Afghanistan kills two US soldiers", True)
    ]
    # Its page is gone (404): the feed's own description stands in for the summary.
    assert stories[0].summary == (
        "Two American soldiers died when their helicopter came down in Logar province, the military said.",
        "Officials said the cause was under investigation.",
    )
    assert stories_text("Afghanistan helicopter crash", stories, NOW).startswith(
        "No fresh news on “Afghanistan helicopter crash”; the latest I found is older:"
    )


async def test_dead_feeds_do_not_spoil_the_answer_from_a_live_one(article_server, aggregator, fetcher):
    serve_feeds(article_server, aggregator)

    def never_answers(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(5)

    aggregator.add("/feeds/slow.rss", never_answers)
    config = config_for(
        article_server,
        aggregator,
        search=tuple(f"/feeds/{name}?q={{query}}" for name in ("down.rss", "malformed.xml", "moved", "slow.rss")),
        feeds=("/feeds/world.rss",),
        timeout=1.0,
    )

    result = await search_news("Venice floods", fetcher, config, now=NOW)

    assert [s.title for s in result.stories] == ["Floods force thousands from their homes in Venice"]
    assert (result.feeds, result.failed) == (5, 4)
    assert not result.sources_failed


async def test_every_source_failing_gives_no_stories_and_says_so(article_server, aggregator, fetcher):
    serve_feeds(article_server, aggregator)
    config = config_for(article_server, aggregator, search=("/feeds/down.rss?q={query}", "/feeds/moved?q={query}"))

    result = await search_news("Indiana teachers", fetcher, config, now=NOW)

    assert result.stories == []
    assert result.sources_failed


async def test_nothing_on_the_topic_gives_an_empty_list(article_server, aggregator, fetcher):
    serve_feeds(article_server, aggregator)
    aggregator.add_page(
        "/search/google?q=quantum%20chromodynamics&hl=en-US",
        feed_text("empty-search.xml", aggregator.url("")),
        RSS,
    )
    config = config_for(
        article_server, aggregator, search=("/search/google?q={query}&hl=en-US",), feeds=("/feeds/world.rss",)
    )

    result = await search_news("quantum chromodynamics", fetcher, config, now=NOW)

    assert result.stories == []
    assert not result.sources_failed


async def test_a_repeated_query_is_answered_from_the_cache_until_it_expires(article_server, aggregator, fetcher):
    serve_feeds(article_server, aggregator)
    config = config_for(article_server, aggregator, **ALL_FEEDS, cache_minutes=10, stories=1)
    store = MemoryStore()

    first = await find_stories("Indiana teachers", fetcher, config, now=NOW, store=store)
    asked = len(article_server.requests) + len(aggregator.requests)
    again = await find_stories("  indiana   TEACHERS ", fetcher, config, now=NOW + timedelta(minutes=9), store=store)

    assert again == first
    assert len(article_server.requests) + len(aggregator.requests) == asked  # no feed or article fetched again

    await find_stories("Indiana teachers", fetcher, config, now=NOW + timedelta(minutes=11), store=store)
    assert len(article_server.requests) + len(aggregator.requests) > asked


async def test_a_page_that_fails_is_replaced_by_the_feed_description(article_server, aggregator, fetcher):
    serve_feeds(article_server, aggregator)
    config = config_for(article_server, aggregator, feeds=("/feeds/world.rss",))

    (story,) = await find_stories("Venice floods", fetcher, config, now=NOW)

    assert "/news/wire-venice-floods" in paths(article_server)  # 404
    assert story.summary == ("The highest tide in 50 years swept through Venice, flooding St Mark's Square.",)
    assert story.quotes == ()
    assert story.url == article_server.url("/news/wire-venice-floods")


async def test_the_telegram_reply_links_each_story_with_its_outlet_age_and_other_outlets(
    article_server, aggregator, fetcher
):
    serve_feeds(article_server, aggregator)
    config = config_for(article_server, aggregator, **ALL_FEEDS, stories=1)
    stories = await find_stories("Indiana teachers", fetcher, config, now=NOW)

    (message,) = stories_html("Indiana teachers", stories, NOW)

    assert message.startswith("<b>News on “Indiana teachers”</b>\n\n1. <b><a href=")
    headline = "Thousands of teachers pack Indiana Statehouse for protest"
    assert f">{headline}</a></b>\n<i>The Detroit News · 14 h ago</i>" in message
    assert f'Also: <a href="{article_server.url("/news/indystar-red-for-ed")}">IndyStar</a>' in message
    assert "<blockquote>“" in message


async def test_the_news_command_prints_stories_and_exits_0_or_1(article_server, aggregator, capsys):
    serve_feeds(article_server, aggregator)
    config = config_for(article_server, aggregator, feeds=("/feeds/world.rss",))

    # The real clock: every fixture item is years old, so they come back marked older.
    assert await run_news("Venice floods", None, "json", config) == 0
    (record,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert record["title"] == "Floods force thousands from their homes in Venice"
    assert record["is_stale"] is True

    assert await run_news("Venice floods", 1, "text", config) == 0
    assert capsys.readouterr().out.startswith("No fresh news on “Venice floods”; the latest I found is older:")

    assert await run_news("quantum chromodynamics", None, "text", config) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == "newsbot: No fresh news on “quantum chromodynamics”."


async def test_a_publishers_link_is_tried_before_one_left_on_the_search_site(article_server, aggregator, fetcher):
    article_server.add_fixture("detroitnews-teachers")
    search = aggregator.url("/rss/search?q=teachers")
    opaque = FeedItem(
        "Thousands of teachers pack Indiana Statehouse for protest",
        aggregator.url("/rss/articles/CBMiOpaqueId?oc=5"),
        "The Detroit News",
        NOW - timedelta(hours=1),
        feed=search,
        searched=True,
    )
    direct = FeedItem(
        "Thousands of Indiana teachers pack Statehouse in 'Red for Ed' rally",
        article_server.url("/news/detroitnews-teachers"),
        "IndyStar",
        NOW - timedelta(hours=2),
        feed=search,
        searched=True,
    )
    group = [Scored(opaque, 1.0, 1.0, 1.0, False), Scored(direct, 1.0, 0.9, 0.9, False)]

    story = await tell_story(group, fetcher, SummarySettings(sentences=2, quotes=1))

    assert aggregator.requests == []
    assert story.site == "IndyStar" and story.summary
    assert story.also == (Outlet("The Detroit News", opaque.url, opaque.title),)


async def test_without_any_page_the_story_is_told_from_the_first_feed_text_there_is(aggregator, fetcher):
    search = aggregator.url("/rss/search?q=teachers")
    bare = FeedItem("Teachers rally", aggregator.url("/rss/articles/A"), "Outlet A", NOW, feed=search, searched=True)
    described = FeedItem(
        "Teachers rally at Statehouse", aggregator.url("/news/b"), "Outlet B", NOW, "Thousands came.", search, True
    )
    group = [Scored(bare, 1.0, 1.0, 1.0, False), Scored(described, 1.0, 1.0, 0.9, False)]

    story = await tell_story(group, fetcher, SummarySettings(sentences=2, quotes=1))

    assert (story.site, story.summary) == ("Outlet B", ("Thousands came.",))


async def test_a_chat_gets_the_digest_or_one_line_saying_why_not(article_server, aggregator, fetcher):
    serve_feeds(article_server, aggregator)
    config = config_for(article_server, aggregator, feeds=("/feeds/world.rss",))
    store = MemoryStore()

    found = await search_news("Venice floods", fetcher, config, store=store, now=NOW)
    (digest,) = stories_html("Venice floods", found.stories, NOW)
    assert digest.startswith("<b>News on “Venice floods”</b>\n\n1. <b><a href=")

    nothing = await search_news("quantum <chromodynamics>", fetcher, config, now=NOW)
    assert nothing.stories == [] or nothing.stories == ()
    assert nothing_found("quantum <chromodynamics>", sources_failed=nothing.sources_failed) == (
        "No fresh news on “quantum <chromodynamics>”."
    )
    down = config_for(article_server, aggregator, search=("/feeds/down.rss?q={query}",))
    unreachable = await search_news("Venice floods", fetcher, down, now=NOW)
    assert nothing_found("Venice floods", sources_failed=unreachable.sources_failed).startswith(
        "I could not reach any news source"
    )


async def test_a_query_asked_twice_at_once_is_searched_once(article_server, aggregator, fetcher):
    serve_feeds(article_server, aggregator)
    config = config_for(article_server, aggregator, feeds=("/feeds/world.rss",))
    store = MemoryStore()

    first, second = await asyncio.gather(
        find_stories("Venice floods", fetcher, config, now=NOW, store=store),
        find_stories("venice floods", fetcher, config, now=NOW, store=store),
    )

    assert first == second and first[0].title == "Floods force thousands from their homes in Venice"
    assert paths(article_server).count("/feeds/world.rss") == 1


def test_newsbot_news_on_the_command_line(article_server, aggregator, tmp_path, capsys):
    from bot.cli import main

    serve_feeds(article_server, aggregator)
    config = tmp_path / "newsbot.toml"
    config.write_text(
        "[fetch]\nallow_private_networks = true\n"
        f'[topics]\nsearch_feeds = ["{aggregator.url("/search/bing?q={query}&format=rss")}"]\n'
        "max_age_hours = 1e9\n",  # the fixtures are from 2019
        encoding="utf-8",
    )

    assert main(["news", "Indiana", "teachers", "--stories", "1", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("News on “Indiana teachers”\n\n1. Thousands of Indiana teachers pack Statehouse")
    assert article_server.url("/news/indystar-red-for-ed") in out


NEWS_KEYS = {"title", "url", "site", "published", "is_stale", "summary", "quotes", "also"}


def _news_config_file(article_server, aggregator, tmp_path):
    serve_feeds(article_server, aggregator)
    config = tmp_path / "newsbot.toml"
    config.write_text(
        "[fetch]\nallow_private_networks = true\n"
        f'[topics]\nsearch_feeds = ["{aggregator.url("/search/bing?q={query}&format=rss")}"]\n'
        f'feeds = ["{article_server.url("/feeds/world.rss")}"]\n'
        "max_age_hours = 1e9\n",  # the fixtures are from 2019
        encoding="utf-8",
    )
    return str(config)


def test_news_as_json_is_one_compact_story_per_line_in_rank_order(article_server, aggregator, tmp_path, capsys):
    from bot.cli import main

    config = _news_config_file(article_server, aggregator, tmp_path)
    assert main(["news", "teachers", "--stories", "2", "--format", "json", "--config", config]) == 0
    lines = capsys.readouterr().out.splitlines()
    stories = [json.loads(line) for line in lines]  # a line reader (jq -c, a log shipper) sees whole stories
    assert len(stories) == 2
    assert all(set(story) == NEWS_KEYS for story in stories)
    # Rank order: the same order the text output lists them in.
    assert main(["news", "teachers", "--stories", "2", "--config", config]) == 0
    text = capsys.readouterr().out
    assert text.index(stories[0]["title"]) < text.index(stories[1]["title"])


def test_summarize_and_news_print_json_the_same_way(article_server, aggregator, tmp_path, capsys):
    """Piped into the same line reader, both commands give one object per line and nothing else."""
    from bot.cli import main

    config = _news_config_file(article_server, aggregator, tmp_path)
    page = article_server.url("/news/detroitnews-teachers")
    runs = {
        "summarize": ["summarize", page, page, "--format", "json", "--config", config],
        "news": ["news", "teachers", "--stories", "2", "--format", "json", "--config", config],
    }
    for command, argv in runs.items():
        assert main(argv) == 0, command
        out = capsys.readouterr().out
        assert out.endswith("\n") and "\n\n" not in out, command
        lines = out.splitlines()
        assert len(lines) == 2, command
        for line in lines:
            assert line == json.dumps(json.loads(line), ensure_ascii=False), f"{command}: not one compact object a line"
            assert isinstance(json.loads(line), dict)
