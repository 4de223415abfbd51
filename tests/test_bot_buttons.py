"""More, Shorter, All quotes: the digest message edits itself, also after a restart and
once the cached digest has expired."""

from __future__ import annotations

import dataclasses
import sqlite3

from tests.botrig import (
    article_page,
    assert_valid_html,
    bot_running,
    config,  # noqa: F401 - fixture
    entities_of,
    telegram_api,  # noqa: F401 - fixture
)
from tests.fakebotapi import USER
from bot.telegram.buttons import parse_view_data

STORY_QUOTES = 3  # article_page's story quotes three people


def bullets(message: dict) -> list[str]:
    return [line for line in message["text"].splitlines() if line.startswith("• ")]


def buttons(message: dict) -> list[str]:
    return [b["text"] for row in (message.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]


def current(api, message: dict) -> dict:
    return next(m for m in api.sent(message["chat"]["id"]) if m["message_id"] == message["message_id"])


async def press_and_wait(api, message: dict, label: str) -> tuple[dict, dict]:
    """Press `label` under `message`; the press's answer and the message as it is after."""
    before = current(api, message).get("edit_date")
    pressed = api.press(message, label)
    answer = await api.wait_for_callback_answer(pressed)
    if not answer.get("text"):  # an edit came with it
        await api.wait_for(lambda: current(api, message).get("edit_date") != before, what=f"the edit after {label}")
    return answer, current(api, message)


async def test_more_shorter_and_all_quotes_edit_the_digest_in_place(telegram_api, config, article_server):
    url = article_server.add_page("/local/harbour-bridge", article_page())
    config = dataclasses.replace(config, summary=dataclasses.replace(config.summary, quotes=1))
    async with bot_running(config):
        asked = telegram_api.private_message(url)
        (digest,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), what="the digest")
        assert buttons(digest) == ["More", "Shorter", "All quotes"]
        assert len(bullets(digest)) == 4 and len(entities_of(digest, "blockquote")) == 1

        answer, longer = await press_and_wait(telegram_api, digest, "More")
        assert len(bullets(longer)) == 7
        _, shorter = await press_and_wait(telegram_api, digest, "Shorter")
        assert len(bullets(shorter)) == 4
        _, quoted = await press_and_wait(telegram_api, digest, "All quotes")
        assert len(entities_of(quoted, "blockquote")) == STORY_QUOTES
        assert "Fewer quotes" in buttons(quoted)
        _, fewer = await press_and_wait(telegram_api, digest, "Fewer quotes")
        assert len(entities_of(fewer, "blockquote")) == 1

    assert len(telegram_api.sent(USER["id"])) == 1, "every press edited the one digest"
    for message in (longer, shorter, quoted, fewer):
        assert_valid_html(message)
        assert entities_of(message, "bold")[0] == "Council votes to rebuild the harbour bridge"
    assert article_server.requests == [("GET", "/local/harbour-bridge")]
    assert not telegram_api.calls_of("editMessageText", ok=False)


async def test_buttons_work_after_a_restart_and_refetch_an_expired_digest(telegram_api, config, article_server):
    url = article_server.add_page("/local/harbour-bridge", article_page())
    async with bot_running(config):
        asked = telegram_api.private_message(url)
        (digest,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), what="the digest")

    async with bot_running(config):  # a new process, the same SQLite file: nothing in memory
        _, longer = await press_and_wait(telegram_api, digest, "More")
    assert len(bullets(longer)) == 7
    assert len(article_server.requests) == 1, "the cached digest served the press"

    # A day later the cache entry has expired (a zero lifetime stands in for the day).
    expired = dataclasses.replace(config, storage=dataclasses.replace(config.storage, cache_hours=0.0))
    async with bot_running(expired):
        _, shorter = await press_and_wait(telegram_api, digest, "Shorter")
    assert len(bullets(shorter)) == 4
    assert len(article_server.requests) == 2, "the page was fetched again"
    assert_valid_html(shorter)


async def test_a_press_that_cannot_be_served_is_still_answered(telegram_api, config, article_server):
    url = article_server.add_page("/local/harbour-bridge", article_page())
    async with bot_running(config):
        asked = telegram_api.private_message(url)
        (digest,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), what="the digest")
        # The page is gone and its cache entry too: the press gets the reason, not a spinner.
        article_server.routes.clear()
        with sqlite3.connect(config.storage.path) as db:
            db.execute("DELETE FROM digests")
        answer, after = await press_and_wait(telegram_api, digest, "More")
        # A button the bot does not know (an older version's, a forged press) is answered too.
        forged = {**digest, "reply_markup": {"inline_keyboard": [[{"text": "Old", "callback_data": "dg:nonsense"}]]}}
        telegram_api.chats[USER["id"]].messages[digest["message_id"]] = forged
        junk = await telegram_api.wait_for_callback_answer(telegram_api.press(forged, "Old"))
    assert "404" in answer["text"]
    assert after["text"] == digest["text"]
    assert junk["text"] == "That button no longer works."


async def test_a_pasted_article_gets_buttons_too_until_its_digest_expires(telegram_api, config):
    from importlib import resources

    pasted = (resources.files("bot") / "data" / "sample-article.txt").read_text(encoding="utf-8")
    async with bot_running(config):
        asked = telegram_api.private_message(pasted)
        (digest,) = await telegram_api.wait_for(lambda: telegram_api.replies_to(asked), what="the digest")
        assert "More" in buttons(digest) and "Shorter" in buttons(digest)
        first = len(bullets(digest))
        _, longer = await press_and_wait(telegram_api, digest, "More")
        assert len(bullets(longer)) > first
        _, shorter = await press_and_wait(telegram_api, digest, "Shorter")
        assert len(bullets(shorter)) == first
    for message in (longer, shorter):
        assert_valid_html(message)
        assert "Putin" in message["text"]

    # There is no page to fetch again: once the cache lets the text go, the press says so.
    expired = dataclasses.replace(config, storage=dataclasses.replace(config.storage, cache_hours=0.0))
    async with bot_running(expired):
        answer, after = await press_and_wait(telegram_api, digest, "More")
    assert answer["text"] == "That digest is too old to change; send the text again."
    assert after["text"] == shorter["text"]
    assert not telegram_api.calls_of("editMessageText", ok=False)


async def test_with_the_disk_full_a_button_says_so_instead_of_too_old(telegram_api, config, article_server):
    from bot.links import canonical_url, link_key
    from bot.store.sqlite import SQLiteStore

    url = article_server.add_page("/local/harbour-bridge", article_page())
    # A store full to the last page: past 48 KB every write that needs a page fails with
    # "database or disk is full", as on a full disk (small rows filled in key order, so no
    # page has room for the new key).
    store = await SQLiteStore.open(config.storage.path, max_bytes=64 * 1024)  # the schema's empty tables take 14 pages
    key = link_key(canonical_url(url))
    for i in range(2000):
        await store.remember_link(f"{key}{i:05d}", "-")
    async with bot_running(config, store=store):
        telegram_api.private_message(url)
        (digest,) = await telegram_api.wait_for_messages(USER["id"], 1)  # the answer still comes
        answer = await telegram_api.wait_for_callback_answer(telegram_api.press(digest, "More"))
    assert "disk is full" in answer["text"] and "too old" not in answer["text"]


def test_forged_button_data_with_unicode_digits_is_an_unknown_button_not_an_error():
    # "²" passes str.isdigit() but int() refuses it: a forged press must read as junk.
    assert parse_view_data("dg:abc:²:1:0") is None
    assert parse_view_data("dg:abc:٣:1:0") is None  # Arabic-Indic three: a digit to int(), not to us
    assert parse_view_data("dg:abc:4:1:0") is not None
