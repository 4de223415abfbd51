"""Reading news feeds: outlets named, aggregator links unwrapped, broken feeds refused."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.errors import NotAFeed
from bot.topics.feeds import MAX_ITEMS, parse_feed, search_feed_url, story_key, strip_site_suffix, unwrap_link
from tests.topics_feeds import feed_text

PUBLISHER = "https://publisher.example"


def test_a_google_news_search_names_the_outlet_and_links_the_publisher():
    items = parse_feed(feed_text("google-news-search.xml", PUBLISHER), "https://news.google.com/rss/search?q=x")

    first = items[0]
    assert first.title == "Thousands of teachers pack Indiana Statehouse for protest"  # " - The Detroit News" gone
    assert first.site == "The Detroit News"
    assert first.url == f"{PUBLISHER}/news/detroitnews-teachers"  # out of the base64 aggregator link
    assert first.published == datetime(2019, 11, 19, 21, 30, tzinfo=UTC)
    # The description only repeated the headline and the outlet: nothing to fall back on.
    assert first.description == ""
    assert [i.site for i in items] == ["The Detroit News", "Indianapolis Business Journal", "USA TODAY"]


def test_a_bing_news_search_link_is_unwrapped_to_the_publisher():
    items = parse_feed(feed_text("bing-news-search.xml", PUBLISHER), searched=True)

    assert [i.url for i in items] == [
        f"{PUBLISHER}/news/indystar-red-for-ed",
        f"{PUBLISHER}/news/reuters-epstein-guards",
        f"{PUBLISHER}/news/aljazeera-helicopter",
    ]
    assert [i.site for i in items] == ["IndyStar", "Reuters", "Al Jazeera English"]
    assert items[0].description.startswith("Thousands of teachers from across Indiana filled the Statehouse")
    assert all(i.searched for i in items)


def test_an_atom_feed_gives_utc_dates_and_the_outlet_from_the_feed_title():
    items = parse_feed(feed_text("detroitnews-politics.atom", "https://www.detroitnews.com"))

    assert [i.title for i in items] == [
        "Thousands of teachers pack Indiana Statehouse for protest",
        "Michigan lawmakers approve road funding deal",
    ]
    assert items[0].published == datetime(2019, 11, 19, 21, 30, tzinfo=UTC)  # 16:30 at -05:00
    assert items[0].site == "The Detroit News"
    assert items[0].description == (
        "Thousands of teachers rallied at the Indiana Statehouse on Tuesday, asking lawmakers for higher pay."
    )


def test_text_already_decoded_is_not_decoded_again_by_the_xml_declaration():
    # world-news.rss declares ISO-8859-1; the fetcher hands us str, and "é" must stay "é".
    text = feed_text("world-news.rss", PUBLISHER).replace("Caf&#233;", "Café")
    items = parse_feed(text)

    assert "Café owners" in items[2].description
    assert items[0].description.startswith("Britain’s Conservative Party")
    assert items[0].site == "publisher.example"  # no source element, feed title names another outlet


@pytest.mark.parametrize("name", ["malformed.xml", "not-a-feed.html"])
def test_a_broken_feed_is_refused_with_a_message(name):
    with pytest.raises(NotAFeed) as caught:
        parse_feed(feed_text(name, PUBLISHER), f"{PUBLISHER}/{name}")
    assert str(caught.value) == "That address is not a news feed."


def test_a_search_that_found_nothing_is_an_empty_feed_not_an_error():
    assert parse_feed(feed_text("empty-search.xml", PUBLISHER)) == []


def test_feedparser_never_fetches_a_url_it_is_given_as_text(article_server):
    feed = article_server.add_page("/feed.xml", feed_text("bing-news-search.xml", PUBLISHER), "application/rss+xml")

    with pytest.raises(NotAFeed):
        parse_feed(feed)
    assert article_server.requests == []


def test_redirect_parameters_and_encoded_paths_are_unwrapped_and_other_links_left_alone():
    wrapped = "https://r.example/out?u=https%3A%2F%2Fnews.example%2Fa%3Fid%3D1&sig=x"
    assert unwrap_link(wrapped) == "https://news.example/a?id=1"
    # A redirector inside a redirector.
    twice = "https://t.example/click?url=https%3A%2F%2Fr.example%2Fout%3Fq%3Dhttps%253A%252F%252Fnews.example%252Fb"
    assert unwrap_link(twice) == "https://news.example/b"
    segment = base64.urlsafe_b64encode(b"\x08\x13\x22\x1ahttps://news.example/c/2019\xd2\x01\x00").decode()
    assert unwrap_link(f"https://agg.example/articles/{segment}?oc=5") == "https://news.example/c/2019"

    for plain in (
        "https://www.example.com/news/2019/11/19/story.html?id=42",
        # Newer aggregator links hold an opaque id, not the URL: they stay (the fetch follows them).
        "https://news.google.com/rss/articles/CBMiK0FVX3lxTE1hbGZvcm1lZEV4YW1wbGVfb2ZfbmV3X3N0eWxlX2xpbms?oc=5",
        "https://example.com/search?q=not+a+url",
    ):
        assert unwrap_link(plain) == plain


def test_the_query_is_url_encoded_into_a_search_feed_template():
    url = search_feed_url("https://news.example/rss/search?q={query}&hl=en", "  AT&T  5G / Wi-Fi ")
    assert url == "https://news.example/rss/search?q=AT%26T%205G%20%2F%20Wi-Fi&hl=en"


def test_one_article_has_one_key_however_a_feed_spells_it():
    assert story_key("https://www.news.example/a/b/?utm_source=rss&utm_medium=feed#top") == story_key(
        "http://news.example/a/b"
    )
    assert story_key("https://news.example/a?id=1") != story_key("https://news.example/a?id=2")


def test_only_a_tail_naming_the_outlet_is_cut_from_a_headline():
    assert strip_site_suffix("Talks resume - Reuters", "Reuters") == "Talks resume"
    assert strip_site_suffix("Talks resume | BBC News", "bbc.co.uk") == "Talks resume"
    assert strip_site_suffix("Biden - Xi summit ends", "Reuters") == "Biden - Xi summit ends"


def test_a_description_that_lists_other_outlets_headlines_is_no_summary():
    cluster = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Search</title><item>'
        "<title>Teachers rally at Statehouse - IndyStar</title><link>https://www.indystar.com/story/1</link>"
        '<description>&lt;ol&gt;&lt;li&gt;&lt;a href="https://www.indystar.com/story/1"&gt;Teachers rally at '
        'Statehouse&lt;/a&gt;&amp;nbsp;&lt;font color="#6f6f6f"&gt;IndyStar&lt;/font&gt;&lt;/li&gt;&lt;li&gt;'
        '&lt;a href="https://www.wthr.com/a"&gt;Thousands of educators march in Indianapolis&lt;/a&gt;&amp;nbsp;'
        '&lt;font color="#6f6f6f"&gt;WTHR&lt;/font&gt;&lt;/li&gt;&lt;/ol&gt;</description>'
        '<source url="https://www.indystar.com">IndyStar</source></item>'
        "<item><title>Budget passes</title><link>https://news.example/budget</link>"
        '<description>&lt;p&gt;The budget passed, &lt;a href="https://news.example/vote"&gt;after a late vote'
        "&lt;/a&gt;, with money for roads and schools.&lt;/p&gt;</description></item></channel></rss>"
    )
    listed, written = parse_feed(cluster)

    assert listed.description == ""
    assert written.description == "The budget passed, after a late vote, with money for roads and schools."


@given(st.text(max_size=300))
def test_unwrapping_never_fails_on_odd_links(link):
    unwrapped = unwrap_link(link)
    assert unwrapped == link or unwrapped.lower().startswith(("http://", "https://"))


def test_links_relative_to_the_feed_are_made_whole_and_links_without_a_web_address_dropped():
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>'
        "<item><title>Council meets</title><link>/news/council</link></item>"
        "<item><title>Subscribe</title><link>mailto:desk@news.example</link></item>"
        "<item><title>No link at all</title></item></channel></rss>"
    )
    (item,) = parse_feed(feed, "https://news.example/feeds/local.rss")

    assert item.url == "https://news.example/news/council"


def test_an_endless_feed_is_read_to_a_bound():
    entries = "".join(f"<item><title>Story {i}</title><link>https://n.example/{i}</link></item>" for i in range(MAX_ITEMS + 100))
    items = parse_feed(f'<?xml version="1.0"?><rss version="2.0"><channel><title>All</title>{entries}</channel></rss>')

    assert len(items) == MAX_ITEMS and items[0].title == "Story 0"
