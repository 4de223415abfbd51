"""Every message a reader sends is answered, and every answer says what it left out."""

from __future__ import annotations

import dataclasses
import logging
import threading

from tests.botrig import (
    article_page,
    bot_running,
    config,  # noqa: F401 - fixture
    held_page,
    make_config,
    telegram_api,  # noqa: F401 - fixture
    with_telegram,
)


def held_stories(article_server, release: threading.Event, count: int) -> list[str]:
    return [
        article_server.add(f"/local/story-{i}", held_page(release, article_page(f"Harbour story number {i}")))
        for i in range(1, count + 1)
    ]


async def test_five_quick_single_link_messages_get_five_digests(telegram_api, config, article_server):
    release = threading.Event()
    urls = held_stories(article_server, release, 5)
    async with bot_running(config):
        asked = [telegram_api.private_message(url) for url in urls]
        # The first few are being fetched while the rest arrive: those wait their turn.
        await telegram_api.wait_for(lambda: len(article_server.requests) >= 3, what="the first fetches")
        release.set()
        for i, message in enumerate(asked, start=1):
            (digest,) = await telegram_api.wait_for(lambda m=message: telegram_api.replies_to(m), what=f"digest {i}")
            assert f"Harbour story number {i}" in digest["text"]
    chat = asked[0]["chat"]["id"]
    assert len(telegram_api.sent(chat)) == 5, "one digest per message and no note in between"


async def test_past_the_per_user_cap_a_link_is_refused_plainly_and_the_cap_counts_links(
    telegram_api, tmp_path, article_server
):
    release = threading.Event()
    first, second, third = held_stories(article_server, release, 3)
    config = with_telegram(make_config(telegram_api, tmp_path), max_links_waiting_per_user=2)
    async with bot_running(config):
        waiting = telegram_api.private_message(first)
        await telegram_api.wait_for(lambda: article_server.requests, what="the first fetch")
        both = telegram_api.private_message(f"{second} and {third}")  # one message, two links: room for one
        (note,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(both), what="the refusal")
        release.set()
        (digest,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(waiting), what="the first digest")
        await telegram_api.wait_for(lambda: len(telegram_api.replies_to(both)) == 2, what="the second digest")
    assert third in note["text"] and second not in note["text"]
    assert note["text"].startswith("Not taken") and "2 of your links waiting" in note["text"]
    assert "Harbour story number 1" in digest["text"]
    assert "Harbour story number 2" in telegram_api.replies_to(both)[1]["text"]
    assert ("GET", "/local/story-3") not in article_server.requests


def long_quotes_story() -> list[str]:
    """The harbour story with a dozen long quotes: far more than one message holds."""
    from tests.botrig import STORY

    people = ["Elena Ruiz", "Tom Becker", "Ana Duarte", "Marco Lind", "Ines Kovac", "Paul Obi",
              "Lena Ford", "Omar Haddad", "Rita Sousa", "Jon Berg", "Nora Quinn", "Ivan Petrov"]  # fmt: skip
    quotes = [
        f'"The bridge matters to everyone who lives on the {side} side of the harbour, and we have waited '
        f"for this decision for {years} long years while the crossing got worse every single winter, "
        f'so today I am relieved and also a little worried about the cost of the work," said {name}.'
        for side, years, name in zip(["north", "south"] * 6, range(8, 20), people)
    ]
    return STORY[:5] + quotes + STORY[5:]


async def test_the_note_on_quotes_left_out_survives_pressing_more(telegram_api, config, article_server):
    from tests.test_bot_buttons import press_and_wait

    url = article_server.add_page("/local/voices", article_page("Voices on the bridge", long_quotes_story()))
    async with bot_running(config):
        asked = telegram_api.private_message(url)
        replies = await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), what="the digest")
        last = replies[-1]
        _, quoted = await press_and_wait(telegram_api, last, "All quotes")
        assert "more quotes: too many for one message" in quoted["text"]
        _, longer = await press_and_wait(telegram_api, last, "More")
    assert "more quotes: too many for one message" in longer["text"], "quotes left out without a word"


GROUP = -1001234567890


async def test_a_mention_with_a_link_in_a_group_is_a_request(telegram_api, config, article_server, caplog):
    caplog.set_level(logging.INFO, logger="bot")
    url = article_server.add_page("/local/harbour-bridge", article_page())
    async with bot_running(config):
        asked = telegram_api.group_message(f"@newsbot_test_bot what about this {url}", chat_id=GROUP)
        (reply,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), what="the digest")
    assert "harbour bridge" in reply["text"]
    assert any(f"chat {GROUP}: 1 link(s) answered" in r.getMessage() for r in caplog.records), "and the log says so"


async def test_a_message_edited_to_hold_a_link_is_answered_once(telegram_api, config, article_server):
    url = article_server.add_page("/local/harbour-bridge", article_page())
    async with bot_running(config):
        asked = telegram_api.private_message("typo htp://broken")
        await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), what="the first answer")
        telegram_api.edit_message(asked, f"typo {url}")
        await telegram_api.wait_for(lambda: len(telegram_api.replies_to(asked)) == 2, what="the digest")
        # Edited again (a typo fixed elsewhere in the text): that link was answered already.
        telegram_api.edit_message(asked, f"fixed typo {url}")
        telegram_api.private_message("/help")
        await telegram_api.wait_for(lambda: len(telegram_api.sent(asked["chat"]["id"])) == 3, what="the help")
    first, digest = telegram_api.replies_to(asked)
    assert "harbour bridge" in digest["text"]
    assert len(telegram_api.replies_to(asked)) == 2 and len(telegram_api.sent(asked["chat"]["id"])) == 3


def search_engine(server) -> "TopicsSettings":
    """A news search feed that, like real engines, answers every query with whatever it has."""
    from bot.config import TopicsSettings
    from tests.topics_feeds import feed_text

    feed = feed_text("bing-news-search.xml", server.url(""), server.url(""))
    server.add_page("/search", feed, "text/xml; charset=utf-8")
    return TopicsSettings(search_feeds=(server.url("/search?q={query}"),), feeds=(), timeout=10.0, max_age_hours=1e9)


async def test_greetings_thanks_and_a_mistyped_link_are_not_news_searches(telegram_api, tmp_path, article_server):
    config = make_config(telegram_api, tmp_path, topics=search_engine(article_server))
    async with bot_running(config):
        said = {words: telegram_api.private_message(words) for words in ("thanks!", "hello there", "typo htp://broken")}
        await telegram_api.wait_for(lambda: all(telegram_api.replies_to(m) for m in said.values()), what="three answers")
    answer = {words: telegram_api.replies_to(m)[0]["text"] for words, m in said.items()}
    assert answer["thanks!"].startswith("You're welcome")
    assert answer["hello there"].startswith("Hello!") and "link" in answer["hello there"]
    assert "htp://broken" in answer["typo htp://broken"] and "doesn't look like a link" in answer["typo htp://broken"]
    assert article_server.requests == [], "none of these is a news search"


async def test_search_results_that_never_name_the_topic_are_not_news_on_it(telegram_api, tmp_path, article_server):
    config = make_config(telegram_api, tmp_path, topics=search_engine(article_server))
    async with bot_running(config):
        asked = telegram_api.private_message("quantum chromodynamics")
        (reply,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), what="the answer")
    assert reply["text"].startswith("No fresh news on “quantum chromodynamics”")


async def test_one_story_inline_is_one_story_in_every_language(telegram_api, tmp_path, article_server):
    from tests.fakebotapi import USER
    from tests.test_bot_topics import NOW, publish_feeds

    config = make_config(telegram_api, tmp_path, topics=publish_feeds(article_server))
    titles = {}
    async with bot_running(config, clock=lambda: NOW):
        for language in ("en", "de", "ru"):
            query = telegram_api.inline_query("Venice floods", user={**USER, "language_code": language})
            titles[language] = (await telegram_api.wait_for_inline_answer(query))["results"][0]["title"]
    assert titles["en"] == "1 story on “Venice floods”"
    assert titles["de"] == "1 Meldung zu „Venice floods“"
    assert titles["ru"] == "1 новость по теме «Venice floods»"


def keyboard_rows(message: dict) -> list[list[str]]:
    return [[b["text"] for b in row] for row in message["reply_markup"]["inline_keyboard"]]


async def test_settings_name_methods_for_people_and_every_row_says_what_it_sets(telegram_api, config):
    async with bot_running(config):
        asked = telegram_api.private_message("/settings")
        (panel,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), what="the settings")
    rows = keyboard_rows(panel)
    shown = panel["text"] + " ".join(b for row in rows for b in row)
    for raw in ("lexrank", "textrank", "lsa", "luhn"):
        assert raw not in shown.lower(), f"{raw!r} is a library's name, not a reader's"
    for name in ("Balanced", "Key terms", "First lines"):
        assert any(line.startswith(f"{name} — ") for line in panel["text"].splitlines()), f"one line on {name}"
    length, quotes = rows[0], rows[1]
    assert all(label.removeprefix("✓ ").endswith("sentences") for label in length)  # the length row says so
    assert [label.removeprefix("✓ ") for label in quotes] == ["No quotes", "1 quote", "3 quotes", "5 quotes"]


async def test_a_sticker_a_voice_note_or_a_bare_photo_gets_a_hint_not_silence(telegram_api, config):
    async with bot_running(config):
        sent = {kind: telegram_api.private_media(kind) for kind in ("sticker", "photo", "voice", "location")}
        await telegram_api.wait_for(lambda: all(telegram_api.replies_to(m) for m in sent.values()), what="four answers")
    for kind, message in sent.items():
        (hint,) = telegram_api.replies_to(message)
        assert hint["text"].startswith("Send me a link to a news article"), kind


async def test_a_mention_without_a_link_in_a_group_is_answered_as_in_private(telegram_api, config, article_server):
    url = article_server.add_page("/local/harbour-bridge", article_page())
    async with bot_running(config):
        said = {
            words: telegram_api.group_message(f"@newsbot_test_bot {words}", chat_id=GROUP)
            for words in ("thanks!", "what about htp://broken", "")
        }
        shared = telegram_api.group_message(f"Did you all see this? {url}", chat_id=GROUP)
        assert shared in telegram_api.withheld, "privacy mode: the bot never saw the link itself"
        asked = telegram_api.group_message("@newsbot_test_bot what's this about?", chat_id=GROUP, reply_to=shared)
        await telegram_api.wait_for(lambda: all(telegram_api.replies_to(m) for m in said.values()), what="three answers")
        (digest,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(shared), what="the digest")
    answer = {words: telegram_api.replies_to(m)[0]["text"] for words, m in said.items()}
    assert answer["thanks!"].startswith("You're welcome")
    assert "htp://broken" in answer["what about htp://broken"] and "doesn't look like a link" in answer["what about htp://broken"]
    assert answer[""].startswith("Send me a link to a news article")
    # A mention in reply to a message with a link asks for that link, as /summary would.
    assert "harbour bridge" in digest["text"] and not telegram_api.replies_to(asked)


async def test_an_edit_after_a_restart_does_not_answer_a_link_again(telegram_api, config, article_server):
    url = article_server.add_page("/local/harbour-bridge", article_page())
    async with bot_running(config):
        asked = telegram_api.private_message(url)
        await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), what="the digest")
    async with bot_running(config):  # restarted (a deploy): what was answered is in the store
        telegram_api.edit_message(asked, f"{url} — worth a read")
        help_asked = telegram_api.private_message("/help")
        await telegram_api.wait_for(lambda: telegram_api.replies_to(help_asked), what="the help")
    assert len(telegram_api.replies_to(asked)) == 1, "the edited message's link was answered twice"


async def test_a_blocked_address_is_refused_in_chat_without_naming_the_servers_setting(telegram_api, tmp_path):
    from bot.config import FetchSettings

    config = dataclasses.replace(make_config(telegram_api, tmp_path), fetch=FetchSettings())
    async with bot_running(config):
        asked = telegram_api.private_message("http://127.0.0.1:9/admin")
        (reply,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), what="the refusal")
    assert reply["text"] == "I won't fetch 127.0.0.1: it points to a private or reserved network."


async def test_a_thumbs_up_ok_or_great_after_a_digest_is_thanks_not_a_search(telegram_api, tmp_path, article_server):
    config = make_config(telegram_api, tmp_path, topics=search_engine(article_server))
    said = ("great!", "perfect, thanks", "ok", "👍", "отлично", "super, danke")
    async with bot_running(config):
        asked = {words: telegram_api.private_message(words) for words in said}
        await telegram_api.wait_for(lambda: all(telegram_api.replies_to(m) for m in asked.values()), what="the answers")
    for words, message in asked.items():
        (answer,) = telegram_api.replies_to(message)
        assert answer["text"].split("!")[0] in ("You're welcome", "Пожалуйста", "Gern geschehen"), (words, answer["text"])
    assert article_server.requests == [], "none of these is a news search"


async def test_errors_with_details_still_reach_a_german_or_russian_reader_in_their_language(telegram_api, tmp_path, article_server):
    from bot.config import FetchSettings
    from tests.fakebotapi import USER
    from tests.servers import Response

    pdf = article_server.add("/report.pdf", Response(200, b"%PDF-1.7\n" + b"0" * 2000, {"Content-Type": "application/pdf"}))
    huge = article_server.add_page("/huge", "<html><body>" + "<p>word </p>" * 20_000 + "</body></html>")
    german, russian = {**USER, "id": 4001, "language_code": "de"}, {**USER, "id": 4002, "language_code": "ru"}
    config = make_config(telegram_api, tmp_path)
    config = dataclasses.replace(config, fetch=dataclasses.replace(config.fetch, max_bytes=100_000))
    async with bot_running(config):
        asked = [telegram_api.private_message(pdf, user=german), telegram_api.private_message(huge, user=russian)]
        await telegram_api.wait_for(lambda: all(telegram_api.replies_to(m) for m in asked), what="two answers")
    (to_german,), (to_russian,) = (telegram_api.replies_to(m) for m in asked)
    # Raised as "That link is a PDF document, not a web page." and "… (over 0.1 MB)."
    assert to_german["text"].startswith("Dieser Link führt nicht zu einer Webseite"), to_german["text"]
    assert to_russian["text"].startswith("Эта страница слишком большая"), to_russian["text"]
