"""A reader in a private chat with the bot: links in, digests out, as replies."""

from __future__ import annotations

import threading

from bot.config import SummarySettings
from bot.pipeline import digest_html
from bot.pipeline.render import MAX_MESSAGES, telegram_messages
from tests.botrig import (
    article_page,
    assert_valid_html,
    bot_running,
    config,  # noqa: F401 - fixture
    entities_of,
    held_page,
    make_config,
    telegram_api,  # noqa: F401 - fixture
    with_telegram,
)
from tests.fakebotapi import link_entity
from tests.servers import PAGES, Response


def expected_digest(url: str, html: str):
    return digest_html(html, url, url, SummarySettings())


async def test_a_link_gets_a_digest_as_a_reply(telegram_api, config, article_server):
    url = article_server.add_page("/local/harbour-bridge", article_page())
    expected = expected_digest(url, article_page())
    async with bot_running(config):
        asked = telegram_api.private_message(f"what happened here? {url}")
        (reply,) = await telegram_api.wait_for_messages(asked["chat"]["id"], 1)

    assert reply["reply_to_message"]["message_id"] == asked["message_id"]
    assert_valid_html(reply)
    assert entities_of(reply, "bold")[0] == "Council votes to rebuild the harbour bridge"
    assert entities_of(reply, "text_link")[0] == "Council votes to rebuild the harbour bridge"
    # What the pipeline picks is its business; the bot must show it all.
    assert expected.summary and expected.quotes
    for sentence in expected.summary:
        assert sentence.text in reply["text"]
    quotes = entities_of(reply, "blockquote")
    assert any(expected.quotes[0].text in q for q in quotes)
    assert reply["link_preview_options"]["url"] == url


async def test_a_real_news_page_is_summarized(telegram_api, config, article_server):
    url = article_server.add_fixture("detroitnews-teachers")
    expected = expected_digest(url, (PAGES / "detroitnews-teachers.html").read_text(encoding="utf-8"))
    async with bot_running(config):
        asked = telegram_api.private_message(url)
        replies = await telegram_api.wait_for_messages(asked["chat"]["id"], 1)
    assert "teachers" in replies[0]["text"].lower()
    assert expected.summary[0].text in replies[0]["text"]
    for reply in replies:
        assert_valid_html(reply)


async def test_a_text_link_and_an_emoji_before_it(telegram_api, config, article_server):
    url = article_server.add_page("/local/harbour-bridge", article_page())
    text = "🔥🇺🇦 big news, read this story now"
    async with bot_running(config):
        asked = telegram_api.private_message(text, entities=[link_entity(text, "this story", url)])
        (reply,) = await telegram_api.wait_for_messages(asked["chat"]["id"], 1)
    assert "harbour bridge" in reply["text"]
    assert article_server.requests == [("GET", "/local/harbour-bridge")]


async def test_a_forwarded_message_and_a_photo_caption_are_read_too(telegram_api, config, article_server):
    url = article_server.add_page("/local/harbour-bridge", article_page())
    async with bot_running(config):
        forwarded = telegram_api.private_message(
            f"👀 via a friend: {url}", forwarded_from={"id": 77, "is_bot": False, "first_name": "Sam"}
        )
        await telegram_api.wait_for(lambda: telegram_api.replies_to(forwarded), what="reply to the forward")
        captioned = telegram_api.private_message(f"photo of the bridge, story at {url}", caption=True)
        await telegram_api.wait_for(lambda: telegram_api.replies_to(captioned), what="reply to the caption")
    assert "harbour bridge" in telegram_api.replies_to(forwarded)[0]["text"]
    assert "harbour bridge" in telegram_api.replies_to(captioned)[0]["text"]


async def test_text_without_a_link_gets_a_hint_and_start_explains(telegram_api, config):
    async with bot_running(config):
        hello = telegram_api.private_message("hello, what can you do?")
        start = telegram_api.private_message("/start")
        await telegram_api.wait_for(
            lambda: telegram_api.replies_to(hello) and telegram_api.replies_to(start), what="two answers"
        )
    assert "link" in telegram_api.replies_to(hello)[0]["text"]
    help_text = telegram_api.replies_to(start)[0]["text"]
    assert "/summary" in help_text and "forward" in help_text
    assert_valid_html(telegram_api.replies_to(start)[0])
    # And the command menu was published at start.
    assert {c["command"] for c in telegram_api.commands} >= {"summary", "help"}


async def test_a_dead_link_and_a_pdf_get_friendly_answers(telegram_api, config, article_server):
    dead = article_server.url("/gone")
    pdf = article_server.add("/report.pdf", Response(200, b"%PDF-1.7\n" + b"0" * 2000, {"Content-Type": "application/pdf"}))
    async with bot_running(config):
        asked_dead = telegram_api.private_message(dead)
        asked_pdf = telegram_api.private_message(pdf)
        await telegram_api.wait_for(
            lambda: telegram_api.replies_to(asked_dead) and telegram_api.replies_to(asked_pdf), what="both answers"
        )
    (dead_reply,) = telegram_api.replies_to(asked_dead)
    (pdf_reply,) = telegram_api.replies_to(asked_pdf)
    assert "404" in dead_reply["text"] and "not found" in dead_reply["text"].lower()
    assert "not a web page" in pdf_reply["text"]
    for reply in (dead_reply, pdf_reply):
        assert "Traceback" not in reply["text"] and len(reply["text"]) < 200


async def test_more_links_than_allowed_are_capped_and_the_user_is_told(telegram_api, config, article_server):
    urls = [article_server.add_page(f"/story/{i}", article_page(f"Story number {i} of the day")) for i in range(5)]
    async with bot_running(config):
        asked = telegram_api.private_message("today's reading: " + " ".join(urls))
        await telegram_api.wait_for_messages(asked["chat"]["id"], 4)
    replies = telegram_api.replies_to(asked)
    assert "You sent 5 links" in replies[0]["text"] and "first 3" in replies[0]["text"]
    titles = [entities_of(r, "bold")[0] for r in replies[1:]]
    assert titles == ["Story number 0 of the day", "Story number 1 of the day", "Story number 2 of the day"]
    assert sorted(path for _, path in article_server.requests) == ["/story/0", "/story/1", "/story/2"]


async def test_a_very_long_article_arrives_in_a_few_valid_messages_its_sentences_cut(telegram_api, config, article_server):
    # Sentences of a few thousand characters each: each is cut at a word with "…", and the
    # digest takes at most MAX_MESSAGES messages however long the page. Each session heard
    # different people, so the summary has several long bullets (the mayor's quote is
    # shown under them, never as a bullet too).
    clause = "the committee heard from residents, engineers and shop owners about the harbour, the ferry and the schools"
    long_story = [
        f"In session {i}, " + ", and ".join(f"{clause} in hearing {i * 100 + j}" for j in range(25)) + "." for i in range(12)
    ]
    long_story.insert(3, '"' + "We will keep listening to everyone, " * 60 + 'until the work is done," said the mayor.')
    url = article_server.add_page("/local/hearings", article_page("Twelve hearings on the bridge", long_story))
    parts = len(telegram_messages(expected_digest(url, article_page("Twelve hearings on the bridge", long_story))))
    assert 1 <= parts <= MAX_MESSAGES
    async with bot_running(config):
        asked = telegram_api.private_message(url)
        await telegram_api.wait_for_messages(asked["chat"]["id"], parts)
    replies = telegram_api.replies_to(asked)
    assert len(replies) == parts
    for reply in replies:
        assert_valid_html(reply)
        assert len(reply["text"].encode("utf-16-le")) // 2 <= 4096
    lines = "\n".join(reply["text"] for reply in replies).splitlines()
    assert any(line.startswith("•") and line.endswith("…") for line in lines), "a long sentence is cut at a word"
    assert not telegram_api.calls_of("sendMessage", ok=False), "Telegram refused a part"
    for later in replies[1:]:
        assert later["link_preview_options"] == {"is_disabled": True}


async def test_a_users_requests_beyond_their_turns_wait_and_are_answered_in_order(telegram_api, tmp_path, article_server):
    release = threading.Event()
    url = article_server.add("/slow", held_page(release, article_page()))
    config = with_telegram(make_config(telegram_api, tmp_path), max_requests_per_user=1)
    async with bot_running(config):
        first = telegram_api.private_message(url)
        await telegram_api.wait_for(lambda: article_server.requests, what="the fetch to start")
        second = telegram_api.private_message(url)
        release.set()
        (digest,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(first), what="the digest")
        (again,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(second), what="the second digest")
    assert "harbour bridge" in digest["text"] and again["text"] == digest["text"]
    assert article_server.requests == [("GET", "/slow")]  # the second was answered from the cache


async def test_the_answer_arrives_even_if_the_question_was_deleted_meanwhile(telegram_api, config, article_server):
    release = threading.Event()
    url = article_server.add("/slow", held_page(release, article_page()))
    async with bot_running(config):
        asked = telegram_api.private_message(url)
        await telegram_api.wait_for(lambda: article_server.requests, what="the fetch to start")
        telegram_api.delete_message(asked)
        release.set()
        (reply,) = await telegram_api.wait_for_messages(asked["chat"]["id"], 1)
    assert "harbour bridge" in reply["text"]
    assert "reply_to_message" not in reply
    assert not telegram_api.calls_of("sendMessage", ok=False)


async def test_readers_are_answered_in_their_own_language(telegram_api, config, article_server):
    # Telegram tells the bot each user's app language; German and Russian have tables.
    german = {"id": 4001, "is_bot": False, "first_name": "Jana", "language_code": "de"}
    russian = {"id": 4002, "is_bot": False, "first_name": "Олег", "language_code": "ru"}
    url = article_server.add_page("/local/harbour-bridge", article_page())
    async with bot_running(config):
        help_de = telegram_api.private_message("/help", user=german)
        dead_ru = telegram_api.private_message(article_server.url("/gone"), user=russian)
        digest_ru = telegram_api.private_message(url, user=russian)
        await telegram_api.wait_for(
            lambda: all(telegram_api.replies_to(m) for m in (help_de, dead_ru, digest_ru)), what="three answers"
        )
    (help_reply,) = telegram_api.replies_to(help_de)
    assert "Zusammenfassung" in help_reply["text"] and "/summary" in help_reply["text"]
    assert_valid_html(help_reply)
    (dead_reply,) = telegram_api.replies_to(dead_ru)
    assert dead_reply["text"] == "Страница не найдена (HTTP 404)."
    (digest,) = telegram_api.replies_to(digest_ru)
    buttons = [b["text"] for row in digest["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons[:2] == ["Подробнее", "Короче"]
    assert "мин чтения" in digest["text"]
