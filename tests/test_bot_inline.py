"""@bot <link> typed in any chat: the digest offered as one result; anything else never an error."""

from __future__ import annotations

import threading

from bot.config import SummarySettings
from bot.pipeline import digest_html
from tests.botrig import (
    article_page,
    bot_running,
    config,  # noqa: F401 - fixture
    held_page,
    telegram_api,  # noqa: F401 - fixture
)
from tests.fakebotapi import USER, check_message_text

OTHER = {**USER, "id": 1010, "first_name": "Lin"}


async def test_a_link_typed_inline_is_offered_as_its_digest(telegram_api, config, article_server):
    url = article_server.add_page("/local/harbour-bridge", article_page())
    expected = digest_html(article_page(), url, url, SummarySettings())
    async with bot_running(config):
        answer = await telegram_api.wait_for_inline_answer(telegram_api.inline_query(f"  {url} "))

    (result,) = answer["results"]
    assert result["type"] == "article"
    assert result["title"] == "Council votes to rebuild the harbour bridge"
    assert result["description"] == expected.summary[0].text
    content = result["input_message_content"]
    plain, _ = check_message_text(content["message_text"], content["parse_mode"])  # Telegram would post it
    assert all(sentence.text in plain for sentence in expected.summary)
    assert content["link_preview_options"]["url"] == url
    assert int(answer["cache_time"]) <= 60


async def test_empty_junk_and_broken_inline_queries_get_a_hint_never_an_error(telegram_api, config, article_server):
    gone = article_server.url("/gone")
    async with bot_running(config):
        empty = telegram_api.inline_query("")
        junk = telegram_api.inline_query("%%% ^^ ~~", user=OTHER)
        broken = telegram_api.inline_query(gone, user={**USER, "id": 1011})
        answers = [await telegram_api.wait_for_inline_answer(q) for q in (empty, junk, broken)]

    for answer in answers:
        assert answer["results"] == []
        assert answer["button"]["start_parameter"] == "help"
    assert answers[0]["button"]["text"] == "Type a topic or paste a news link"
    assert "404" in answers[2]["button"]["text"] or "not found" in answers[2]["button"]["text"].lower()
    assert not telegram_api.calls_of("answerInlineQuery", ok=False)


async def test_a_newer_query_from_the_same_user_replaces_the_older_one(telegram_api, config, article_server):
    release = threading.Event()
    slow = article_server.add("/slow", held_page(release, article_page("A page that takes its time")))
    url = article_server.add_page("/local/harbour-bridge", article_page())
    async with bot_running(config):
        older = telegram_api.inline_query(slow)
        await telegram_api.wait_for(lambda: article_server.requests, what="the slow fetch to start")
        newer = telegram_api.inline_query(url)  # the same user typed on
        answer = await telegram_api.wait_for_inline_answer(newer)
        release.set()
        # Someone else asking for the slow page gets it: the shared fetch went on.
        other = await telegram_api.wait_for_inline_answer(telegram_api.inline_query(slow, user=OTHER))
    assert answer["results"][0]["title"] == "Council votes to rebuild the harbour bridge"
    assert other["results"][0]["title"] == "A page that takes its time"
    assert older not in telegram_api.inline_answers, "an answer nobody can see any more"
    assert [p for _, p in article_server.requests].count("/slow") == 1
