"""Topics in chats: /news in a group, a few words in private, and @bot <topic> anywhere.

The feeds and the articles they link are served locally (tests/fixtures/feeds and
pages, from the evening of 19 November 2019); the bot's clock is fixed to the next day.
"""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime

from bot.config import TopicsSettings
from tests.botrig import (
    article_page,
    assert_valid_html,
    bot_running,
    entities_of,
    make_config,
    telegram_api,  # noqa: F401 - fixture
)
from tests.fakebotapi import USER, check_message_text
from tests.servers import LocalServer
from tests.topics_feeds import feed_text

NOW = datetime(2019, 11, 20, 12, 0, tzinfo=UTC)
GROUP = -1001234567890


def publish_feeds(server: LocalServer) -> TopicsSettings:
    site = server.url("")
    server.add_page("/feeds/world.rss", feed_text("world-news.rss", site).encode("iso-8859-1"), "application/rss+xml")
    server.add_page("/feeds/politics.atom", feed_text("detroitnews-politics.atom", site), "application/atom+xml")
    for page in ("detroitnews-teachers", "aljazeera-helicopter", "usatoday-prison-guards", "ap-uk-tories"):
        server.add(f"/news/{page}/", server.routes[server.add_fixture(page).removeprefix(site)])  # the Atom feed's spelling
    return TopicsSettings(
        search_feeds=(), feeds=(server.url("/feeds/world.rss"), server.url("/feeds/politics.atom")), timeout=10.0
    )


def linked(message: dict) -> list[str]:
    return [e["url"] for e in message.get("entities", []) if e["type"] == "text_link"]


async def test_news_in_a_group_and_a_topic_in_private_are_answered_with_linked_stories(
    telegram_api, tmp_path, article_server
):
    config = make_config(telegram_api, tmp_path, topics=publish_feeds(article_server))
    async with bot_running(config, clock=lambda: NOW):
        asked = telegram_api.group_message("/news Indiana teachers", chat_id=GROUP)
        (group_reply,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), what="the group's answer")
        said = telegram_api.private_message("UK Tories")
        (private_reply,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(said), what="the private answer")

    assert group_reply["text"].startswith("News on “Indiana teachers”")
    assert "Thousands of teachers pack Indiana Statehouse for protest" in entities_of(group_reply, "bold")
    assert any(link.startswith(article_server.url("/news/detroitnews-teachers")) for link in linked(group_reply))
    assert "Tories" in private_reply["text"]
    assert any(link.startswith(article_server.url("/news/ap-uk-tories")) for link in linked(private_reply))
    for reply in (group_reply, private_reply):
        assert_valid_html(reply)


async def test_nothing_found_no_topic_and_news_alone_each_get_a_helpful_note(telegram_api, tmp_path, article_server):
    config = make_config(telegram_api, tmp_path, topics=publish_feeds(article_server))
    async with bot_running(config, clock=lambda: NOW):
        nothing = telegram_api.group_message("/news volcanic eruption on Mars", chat_id=GROUP)
        alone = telegram_api.group_message("/news@newsbot_test_bot", chat_id=GROUP)
        junk = telegram_api.private_message("%$#@!! ^^ ~~ ++ ###")
        await telegram_api.wait_for(
            lambda: all(telegram_api.replies_to(m) for m in (nothing, alone, junk)), what="three answers"
        )
    assert telegram_api.replies_to(nothing)[0]["text"] == "No fresh news on “volcanic eruption on Mars”."
    assert telegram_api.replies_to(alone)[0]["text"].startswith("Send /news followed by a topic")
    assert "link" in telegram_api.replies_to(junk)[0]["text"]
    # Junk was never searched for: only the first question read the feeds.
    assert [p for _, p in article_server.requests].count("/feeds/world.rss") == 1


async def test_a_topic_typed_inline_offers_every_story_then_each_one(telegram_api, tmp_path, article_server):
    config = make_config(telegram_api, tmp_path, topics=publish_feeds(article_server))
    async with bot_running(config, clock=lambda: NOW):
        query = telegram_api.inline_query("Indiana teachers", user=USER)
        answer = await telegram_api.wait_for_inline_answer(query)

    results = answer["results"]
    assert results[0]["title"] == "1 story on “Indiana teachers”"
    story = results[1]
    assert story["title"] == "Thousands of teachers pack Indiana Statehouse for protest"
    assert story["url"].startswith(article_server.url("/news/detroitnews-teachers"))
    assert story["description"]  # the story's first summary sentence
    for result in results:
        content = result["input_message_content"]
        check_message_text(content["message_text"], content["parse_mode"])  # what Telegram would post
    assert int(answer["cache_time"]) <= 60


def long_story_page(n: int) -> tuple[str, str]:
    """A story of long sentences, a long quote and a long title, all its own words."""
    rng = random.Random(n)
    syllables = ["ba", "ker", "mo", "lin", "dra", "ve", "sto", "pen", "ri", "gal", "tu", "mek", "son", "fer"]

    def words(count: int) -> str:
        return " ".join("".join(rng.choice(syllables) for _ in range(3)) for _ in range(count))

    title = f"Harbour bridge {words(3)}: " + words(30)
    paragraphs = [f"The harbour bridge {words(70)}." for _ in range(4)]
    paragraphs.insert(1, f'"The bridge {words(60)}," said Mayor Maria Vogel{n} on Tuesday.')
    return title[:240], article_page(title[:240], paragraphs)


async def test_a_topic_typed_inline_whose_stories_overflow_one_message_counts_the_rest(
    telegram_api, tmp_path, article_server
):
    items = []
    for n in range(5):
        title, page = long_story_page(n)
        link = article_server.add_page(f"/local/bridge-{n}", page)
        items.append(
            f"<item><title>{title}</title><link>{link}</link>"
            f"<pubDate>Wed, 20 Nov 2019 0{n}:00:00 GMT</pubDate></item>"
        )
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>{"".join(items)}</channel></rss>'
    article_server.add_page("/feeds/local.rss", feed, "application/rss+xml")
    topics = TopicsSettings(search_feeds=(), feeds=(article_server.url("/feeds/local.rss"),), timeout=10.0, stories=5)
    config = make_config(telegram_api, tmp_path, topics=topics)
    async with bot_running(config, clock=lambda: NOW):
        answer = await telegram_api.wait_for_inline_answer(telegram_api.inline_query("harbour bridge", user=USER))

    everything, *each = answer["results"]
    assert everything["title"] == "5 stories on “harbour bridge”" and len(each) == 5
    content = everything["input_message_content"]
    check_message_text(content["message_text"], content["parse_mode"])  # within Telegram's limit
    shown = len(re.findall(r"Maria Vogel\d", content["message_text"]))
    left = re.search(r"…and (\d+) more stor(?:y|ies): too many for one message\.", content["message_text"])
    assert 1 <= shown < 5  # five long stories do not fit one message…
    assert left and shown + int(left.group(1)) == 5  # …and the reader is told how many did not
